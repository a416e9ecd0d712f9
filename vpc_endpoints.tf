# The endpoints a stack needs when nothing in the VPC can reach the internet
# (create_vpc_endpoints). Interface endpoints answer on the services' own
# host names (private DNS), so no client needs to know they exist.
#
# A private metadata API (metadata_service_api_endpoint_type = "PRIVATE") is
# reached through an execute-api endpoint: the caller's, or one created here
# with or without create_vpc_endpoints (a stack with a NAT gateway needs no
# other). Its private DNS is off unless asked for: on, it would take over
# every execute-api name in the VPC, public APIs' included; the API's
# endpoint-specific name works without it.
locals {
  create_api_vpc_endpoint = (
    var.create_managed_metaflow_metadata_service && var.metadata_service_enable_api_gateway &&
    var.metadata_service_api_endpoint_type == "PRIVATE" && var.metadata_service_api_vpc_endpoint_id == ""
  )
  metadata_service_api_vpc_endpoint_id = var.metadata_service_api_endpoint_type != "PRIVATE" ? "" : (
    local.create_api_vpc_endpoint ? aws_vpc_endpoint.interface["execute-api"].id : var.metadata_service_api_vpc_endpoint_id
  )

  vpc_endpoint_interface_services = toset(concat(
    var.create_vpc_endpoints ? [
      "ecr.api", "ecr.dkr",                # image pulls (layers come from S3)
      "logs",                              # awslogs of the services and jobs
      "sts", "secretsmanager", "kms",      # credentials, the database password and its key
      "ecs", "ecs-agent", "ecs-telemetry", # the ECS agent on Batch instances, Fargate tasks
      "batch",                             # Metaflow's client and Step Functions submit jobs
    ] : [],
    var.create_vpc_endpoints && local.create_step_functions ? ["states"] : [],
    local.create_api_vpc_endpoint ? ["execute-api"] : [], # the private metadata API
  ))
  vpc_endpoint_security_group = length(local.vpc_endpoint_interface_services) > 0

  # Gateway endpoints cost nothing; DynamoDB holds the Step Functions run state.
  vpc_endpoint_gateway_services = var.create_vpc_endpoints ? toset(concat(
    ["s3"],
    local.create_step_functions ? ["dynamodb"] : [],
  )) : toset([])
}

resource "aws_security_group" "vpc_endpoints" {
  count = local.vpc_endpoint_security_group ? 1 : 0

  name_prefix = "${local.names.root_vpc_endpoint_security_group}-"
  description = "Interface VPC endpoints of the Metaflow stack: HTTPS from the VPC"
  vpc_id      = local.vpc_id

  tags = merge(var.tags, { Name = local.names.root_vpc_endpoint_security_group })

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_vpc_security_group_ingress_rule" "vpc_endpoints" {
  for_each = local.vpc_endpoint_security_group ? toset(local.vpc_cidr_blocks) : toset([])

  security_group_id = aws_security_group.vpc_endpoints[0].id
  description       = "HTTPS to the AWS service endpoints from the VPC"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = each.value

  tags = var.tags
}

resource "aws_vpc_endpoint" "interface" {
  for_each = local.vpc_endpoint_interface_services

  vpc_id              = local.vpc_id
  service_name        = "com.amazonaws.${local.region}.${each.key}"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = local.subnet_ids.ecs_services
  security_group_ids  = aws_security_group.vpc_endpoints[*].id
  private_dns_enabled = each.key == "execute-api" ? var.metadata_service_api_vpc_endpoint_private_dns : true

  tags = merge(var.tags, { Name = "${local.names.root_vpc_endpoint_security_group}-${each.key}" })
}

resource "aws_vpc_endpoint" "gateway" {
  for_each = local.vpc_endpoint_gateway_services

  vpc_id            = local.vpc_id
  service_name      = "com.amazonaws.${local.region}.${each.key}"
  vpc_endpoint_type = "Gateway"
  route_table_ids   = var.create_vpc ? module.vpc[0].private_route_table_ids : var.existing_private_route_table_ids

  tags = merge(var.tags, { Name = "${local.names.root_vpc_endpoint_security_group}-${each.key}" })
}
