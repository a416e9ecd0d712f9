# Only read when the module builds the VPC and the caller named no zones.
data "aws_availability_zones" "available" {
  count = var.create_vpc && length(var.azs) == 0 ? 1 : 0

  state = "available"

  # Local Zones and Wavelength Zones lack services the stack needs (NAT
  # gateways, RDS Multi-AZ), so only the region's own zones qualify.
  filter {
    name   = "opt-in-status"
    values = ["opt-in-not-required"]
  }
}

locals {
  azs = length(var.azs) > 0 ? var.azs : slice(
    flatten(data.aws_availability_zones.available[*].names), 0,
    min(3, length(flatten(data.aws_availability_zones.available[*].names)))
  )
}

module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "6.6.0"
  count   = var.create_vpc ? 1 : 0

  name = local.names.root_vpc
  cidr = var.vpc_cidr
  azs  = local.azs

  private_subnets = module.common.private_subnet_cidrs
  public_subnets  = module.common.public_subnet_cidrs

  # One NAT gateway for the whole VPC keeps the cost down; a public-only VPC
  # has none, and what runs in it gets a public IP instead. A private-only
  # VPC has neither gateway: VPC endpoints (vpc_endpoints.tf) serve it.
  create_igw              = module.common.vpc_gateways.internet
  enable_nat_gateway      = module.common.vpc_gateways.nat
  single_nat_gateway      = true
  map_public_ip_on_launch = var.create_public_subnets_only

  enable_dns_hostnames = true
  enable_dns_support   = true

  # The tags the AWS load balancer integration of EKS looks for when it places
  # internet-facing and internal load balancers.
  public_subnet_tags  = merge({ "kubernetes.io/role/elb" = "1" }, var.public_subnet_tags)
  private_subnet_tags = merge({ "kubernetes.io/role/internal-elb" = "1" }, var.private_subnet_tags)

  tags = var.tags
}
