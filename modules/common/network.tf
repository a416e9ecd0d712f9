locals {
  # Network plan of a created VPC. Every subnet is 4 bits longer than the VPC:
  # private subnets take the first three slots and public subnets the next
  # three, so with at most three zones the two sets never overlap and a zone
  # added later keeps the CIDRs of the existing ones.
  private_subnet_cidrs = var.create_public_subnets_only ? [] : [
    for i, az in var.azs : cidrsubnet(var.vpc_cidr, 4, i)
  ]
  public_subnet_cidrs = var.create_private_subnets_only ? [] : [
    for i, az in var.azs : cidrsubnet(var.vpc_cidr, 4, i + 3)
  ]

  # Routes out of the VPC: public subnets need the internet gateway; private
  # ones reach the internet through the NAT gateway, unless they are all
  # there is and VPC endpoints serve them.
  vpc_gateways = {
    internet = !var.create_private_subnets_only
    nat      = !var.create_public_subnets_only && !var.create_private_subnets_only
  }

  # Subnet choice, for a created VPC and for existing networking alike: every
  # component runs in the private subnets when there are any; without them it
  # runs in the public subnets and needs a public IP to reach AWS APIs and
  # image registries (there is no NAT gateway to do it).
  has_private_subnets  = length(var.private_subnet_ids) > 0
  component_subnet_ids = local.has_private_subnets ? var.private_subnet_ids : var.public_subnet_ids

  subnet_ids = {
    batch                  = local.component_subnet_ids
    database               = local.component_subnet_ids
    ecs_services           = local.component_subnet_ids
    eks                    = local.component_subnet_ids
    internal_load_balancer = local.component_subnet_ids
    migration_lambda       = local.component_subnet_ids
    # A public UI load balancer must sit in public subnets; an internal one
    # stays with the services.
    ui_load_balancer = var.ui_is_public ? var.public_subnet_ids : local.component_subnet_ids
  }
}
