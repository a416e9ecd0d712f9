################################################################################
# ALB: HTTPS (and HTTP, only to redirect) from the allow list; out only to the
# two task groups.
################################################################################

resource "aws_security_group" "alb" {
  name        = local.names.ui_alb_security_group
  description = local.legacy ? "Security Group for ALB" : "Metaflow UI load balancer"
  vpc_id      = var.metaflow_vpc_id

  # An upgraded stack's group keeps the old module's inline rules (separate
  # rule resources would duplicate them, which AWS refuses), plus HTTP for
  # the redirect listener. null leaves a new group's rules to the resources
  # below.
  ingress = local.legacy ? [
    for port, description in { 443 = "Allow public HTTPS", 80 = "HTTP from the UI allow list, redirected to HTTPS" } : {
      description                  = description, protocol = "tcp", from_port = tonumber(port), to_port = tonumber(port), self = false
      cidr_blocks                  = [for c in var.ui_allow_list : c if !strcontains(c, ":")]
      ipv6_cidr_blocks             = [for c in var.ui_allow_list : c if strcontains(c, ":")]
      prefix_list_ids              = [], security_groups = []
    }
  ] : null
  egress = local.legacy ? [local.legacy_egress_all] : null

  tags = merge(var.tags, { Name = local.names.ui_alb_security_group })
}

resource "aws_vpc_security_group_ingress_rule" "alb_https" {
  count = local.legacy ? 0 : length(var.ui_allow_list)

  security_group_id = aws_security_group.alb.id
  description       = "HTTPS from the UI allow list"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = strcontains(var.ui_allow_list[count.index], ":") ? null : var.ui_allow_list[count.index]
  cidr_ipv6         = strcontains(var.ui_allow_list[count.index], ":") ? var.ui_allow_list[count.index] : null

  tags = var.tags
}

resource "aws_vpc_security_group_ingress_rule" "alb_http" {
  count = local.legacy ? 0 : length(var.ui_allow_list)

  security_group_id = aws_security_group.alb.id
  description       = "HTTP from the UI allow list, redirected to HTTPS"
  ip_protocol       = "tcp"
  from_port         = 80
  to_port           = 80
  cidr_ipv4         = strcontains(var.ui_allow_list[count.index], ":") ? null : var.ui_allow_list[count.index]
  cidr_ipv6         = strcontains(var.ui_allow_list[count.index], ":") ? var.ui_allow_list[count.index] : null

  tags = var.tags
}

resource "aws_vpc_security_group_egress_rule" "alb_to_backend" {
  count = local.legacy ? 0 : 1

  security_group_id            = aws_security_group.alb.id
  description                  = "To the UI backend tasks"
  ip_protocol                  = "tcp"
  from_port                    = local.backend_port
  to_port                      = local.backend_port
  referenced_security_group_id = aws_security_group.backend.id

  tags = var.tags
}

resource "aws_vpc_security_group_egress_rule" "alb_to_static" {
  count = local.legacy ? 0 : 1

  security_group_id            = aws_security_group.alb.id
  description                  = "To the UI static tasks"
  ip_protocol                  = "tcp"
  from_port                    = local.static_port
  to_port                      = local.static_port
  referenced_security_group_id = aws_security_group.static.id

  tags = var.tags
}

# An upgraded stack's group already lets everything out (its inline rules).
#trivy:ignore:AVD-AWS-0104 Only with ui_authentication and only HTTPS: the load balancer calls the identity provider's token and user info endpoints, whose addresses the provider does not publish.
resource "aws_vpc_security_group_egress_rule" "alb_to_identity_provider" {
  count = !local.legacy && var.ui_authentication != null ? 1 : 0

  security_group_id = aws_security_group.alb.id
  description       = "HTTPS to the identity provider of the UI login"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"

  tags = var.tags
}

################################################################################
# Backend tasks: from the ALB only; out to the database and HTTPS endpoints.
# The caller admits this group on the database's security group.
################################################################################

resource "aws_security_group" "backend" {
  name        = local.names.ui_backend_security_group
  description = local.legacy ? "Security Group for Fargate which runs the UI Backend." : "Metaflow UI backend tasks"
  vpc_id      = var.metaflow_vpc_id

  # An upgraded stack's group keeps the old module's inline rules: all
  # traffic from the load balancer and within the group, out anywhere.
  ingress = local.legacy ? [
    {
      description     = "", protocol = "-1", from_port = 0, to_port = 0, self = false
      security_groups = [aws_security_group.alb.id], cidr_blocks = [], ipv6_cidr_blocks = [], prefix_list_ids = []
    },
    {
      description     = "Internal communication", protocol = "-1", from_port = 0, to_port = 0, self = true
      security_groups = [], cidr_blocks = [], ipv6_cidr_blocks = [], prefix_list_ids = []
    },
  ] : null
  egress = local.legacy ? [local.legacy_egress_all] : null

  tags = merge(var.tags, { Name = local.names.ui_backend_security_group })
}

resource "aws_vpc_security_group_ingress_rule" "backend_from_alb" {
  count = local.legacy ? 0 : 1

  security_group_id            = aws_security_group.backend.id
  description                  = "From the UI load balancer (traffic and health checks)"
  ip_protocol                  = "tcp"
  from_port                    = local.backend_port
  to_port                      = local.backend_port
  referenced_security_group_id = aws_security_group.alb.id

  tags = var.tags
}

#trivy:ignore:AVD-AWS-0104 Only the database port; open to any address only when the caller gives no vpc_cidr_blocks (the database may then be anywhere).
resource "aws_vpc_security_group_egress_rule" "backend_to_database" {
  count = local.legacy ? 0 : length(local.database_egress_cidr_blocks)

  security_group_id = aws_security_group.backend.id
  description       = "PostgreSQL"
  ip_protocol       = "tcp"
  from_port         = var.database_port
  to_port           = var.database_port
  cidr_ipv4         = local.database_egress_cidr_blocks[count.index]

  tags = var.tags
}

#trivy:ignore:AVD-AWS-0104 Fargate pulls the image and the DB secret, ships logs and reads S3 over HTTPS at public endpoints unless the VPC has endpoints; only port 443 is open.
resource "aws_vpc_security_group_egress_rule" "backend_to_https" {
  count = local.legacy ? 0 : 1

  security_group_id = aws_security_group.backend.id
  description       = "HTTPS to AWS APIs and the image registry"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"

  tags = var.tags
}

################################################################################
# Static frontend tasks: from the ALB only; out to HTTPS endpoints.
################################################################################

resource "aws_security_group" "static" {
  name        = local.names.ui_static_security_group
  description = "Metaflow UI static frontend tasks"
  vpc_id      = var.metaflow_vpc_id

  tags = merge(var.tags, { Name = local.names.ui_static_security_group })
}

resource "aws_vpc_security_group_ingress_rule" "static_from_alb" {
  security_group_id            = aws_security_group.static.id
  description                  = "From the UI load balancer (traffic and health checks)"
  ip_protocol                  = "tcp"
  from_port                    = local.static_port
  to_port                      = local.static_port
  referenced_security_group_id = aws_security_group.alb.id

  tags = var.tags
}

#trivy:ignore:AVD-AWS-0104 Fargate pulls the image and ships logs over HTTPS at public endpoints unless the VPC has endpoints; only port 443 is open.
resource "aws_vpc_security_group_egress_rule" "static_to_https" {
  security_group_id = aws_security_group.static.id
  description       = "HTTPS to AWS APIs and the image registry"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"

  tags = var.tags
}

locals {
  legacy_egress_all = {
    description = "Allow all external communication", protocol = "-1", from_port = 0, to_port = 0, self = false
    cidr_blocks = ["0.0.0.0/0"], ipv6_cidr_blocks = [], prefix_list_ids = [], security_groups = []
  }
}
