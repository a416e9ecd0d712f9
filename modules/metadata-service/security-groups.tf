################################################################################
# NLB: the only way in. VPC clients reach the API port; only the migration
# Lambda reaches the migration port. API Gateway's VPC link arrives over
# PrivateLink, which the NLB does not filter (see nlb.tf).
################################################################################

resource "aws_security_group" "nlb" {
  count = local.legacy ? 0 : 1

  name        = local.names.metadata_nlb_security_group
  description = "Metaflow metadata service load balancer"
  vpc_id      = var.metaflow_vpc_id

  tags = merge(var.tags, { Name = local.names.metadata_nlb_security_group })
}

resource "aws_vpc_security_group_ingress_rule" "nlb_api_from_vpc" {
  count = local.legacy ? 0 : length(var.vpc_cidr_blocks)

  security_group_id = aws_security_group.nlb[0].id
  description       = "Metaflow API from the VPC"
  ip_protocol       = "tcp"
  from_port         = local.nlb_api_port
  to_port           = local.nlb_api_port
  cidr_ipv4         = var.vpc_cidr_blocks[count.index]

  tags = var.tags
}

resource "aws_vpc_security_group_ingress_rule" "nlb_migration_from_lambda" {
  count = local.migration_security_group ? 1 : 0

  security_group_id            = aws_security_group.nlb[0].id
  description                  = "Schema migration from the migration Lambda"
  ip_protocol                  = "tcp"
  from_port                    = local.nlb_migration_port
  to_port                      = local.nlb_migration_port
  referenced_security_group_id = aws_security_group.migration[0].id

  tags = var.tags
}

resource "aws_vpc_security_group_egress_rule" "nlb_to_service" {
  for_each = local.legacy ? toset([]) : toset([tostring(local.api_port), tostring(local.migration_port)])

  security_group_id            = aws_security_group.nlb[0].id
  description                  = "To the metadata service tasks"
  ip_protocol                  = "tcp"
  from_port                    = tonumber(each.value)
  to_port                      = tonumber(each.value)
  referenced_security_group_id = aws_security_group.service.id

  tags = var.tags
}

################################################################################
# Service tasks: traffic only from the NLB; out to the database and to HTTPS
# AWS endpoints (ECR, Secrets Manager, CloudWatch Logs, S3) and the registry.
################################################################################

resource "aws_security_group" "service" {
  name        = local.names.metadata_security_group
  description = local.legacy ? "Security Group for Fargate which runs the Metadata Service." : "Metaflow metadata service tasks"
  vpc_id      = var.metaflow_vpc_id

  # An upgraded stack's group keeps the old module's inline rules (separate
  # rule resources would duplicate them, which AWS refuses): its NLB has no
  # group, so the tasks admit the VPC's addresses on both ports. null leaves
  # a new group's rules to the resources below.
  ingress = local.legacy ? concat(
    [for port in [local.api_port, local.migration_port] : {
      description = "Allow API calls internally", protocol = "tcp", from_port = port, to_port = port, self = false
      cidr_blocks = var.vpc_cidr_blocks, ipv6_cidr_blocks = [], prefix_list_ids = [], security_groups = []
    }],
    [{
      description = "Internal communication", protocol = "-1", from_port = 0, to_port = 0, self = true
      cidr_blocks = [], ipv6_cidr_blocks = [], prefix_list_ids = [], security_groups = []
    }],
  ) : null
  egress = local.legacy ? [{
    description = "Allow all external communication", protocol = "-1", from_port = 0, to_port = 0, self = false
    cidr_blocks = ["0.0.0.0/0"], ipv6_cidr_blocks = [], prefix_list_ids = [], security_groups = []
  }] : null

  tags = merge(var.tags, { Name = local.names.metadata_security_group })
}

resource "aws_vpc_security_group_ingress_rule" "service_from_nlb" {
  for_each = local.legacy ? toset([]) : toset([tostring(local.api_port), tostring(local.migration_port)])

  security_group_id            = aws_security_group.service.id
  description                  = "From the metadata service load balancer (traffic and health checks)"
  ip_protocol                  = "tcp"
  from_port                    = tonumber(each.value)
  to_port                      = tonumber(each.value)
  referenced_security_group_id = aws_security_group.nlb[0].id

  tags = var.tags
}

resource "aws_vpc_security_group_egress_rule" "service_to_database" {
  count = local.legacy ? 0 : length(var.vpc_cidr_blocks)

  security_group_id = aws_security_group.service.id
  description       = "PostgreSQL inside the VPC"
  ip_protocol       = "tcp"
  from_port         = var.database_port
  to_port           = var.database_port
  cidr_ipv4         = var.vpc_cidr_blocks[count.index]

  tags = var.tags
}

#trivy:ignore:AVD-AWS-0104 Fargate pulls the image and the DB secret and ships logs over HTTPS to public AWS/registry endpoints unless the VPC has interface endpoints; only port 443 is open.
resource "aws_vpc_security_group_egress_rule" "service_to_https" {
  count = local.legacy ? 0 : 1

  security_group_id = aws_security_group.service.id
  description       = "HTTPS to AWS APIs and the image registry"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"

  tags = var.tags
}

################################################################################
# Migration Lambda: no inbound; out only to the NLB migration port. Without
# the Lambda (enable_migration_lambda = false) nothing reaches that port
# through the NLB's group; API Gateway's db_schema_status route still does
# (its VPC link is not filtered, see nlb.tf).
################################################################################

resource "aws_security_group" "migration" {
  count = local.migration_security_group ? 1 : 0

  name        = local.names.metadata_migration_security_group
  description = "Metaflow DB migration Lambda"
  vpc_id      = var.metaflow_vpc_id

  tags = merge(var.tags, { Name = local.names.metadata_migration_security_group })
}

resource "aws_vpc_security_group_egress_rule" "migration_to_nlb" {
  count = local.migration_security_group ? 1 : 0

  security_group_id            = aws_security_group.migration[0].id
  description                  = "Schema migration endpoint behind the NLB"
  ip_protocol                  = "tcp"
  from_port                    = local.nlb_migration_port
  to_port                      = local.nlb_migration_port
  referenced_security_group_id = aws_security_group.nlb[0].id

  tags = var.tags
}
