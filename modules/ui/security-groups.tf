################################################################################
# ALB: HTTPS (and HTTP, only to redirect) from the allow list; out only to the
# two task groups.
################################################################################

resource "aws_security_group" "alb" {
  name        = local.names.ui_alb_security_group
  description = "Metaflow UI load balancer"
  vpc_id      = var.metaflow_vpc_id

  tags = merge(var.tags, { Name = local.names.ui_alb_security_group })
}

resource "aws_vpc_security_group_ingress_rule" "alb_https" {
  count = length(var.ui_allow_list)

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
  count = length(var.ui_allow_list)

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
  security_group_id            = aws_security_group.alb.id
  description                  = "To the UI backend tasks"
  ip_protocol                  = "tcp"
  from_port                    = local.backend_port
  to_port                      = local.backend_port
  referenced_security_group_id = aws_security_group.backend.id

  tags = var.tags
}

resource "aws_vpc_security_group_egress_rule" "alb_to_static" {
  security_group_id            = aws_security_group.alb.id
  description                  = "To the UI static tasks"
  ip_protocol                  = "tcp"
  from_port                    = local.static_port
  to_port                      = local.static_port
  referenced_security_group_id = aws_security_group.static.id

  tags = var.tags
}

################################################################################
# Backend tasks: from the ALB only; out to the database and HTTPS endpoints.
# The caller admits this group on the database's security group.
################################################################################

resource "aws_security_group" "backend" {
  name        = local.names.ui_backend_security_group
  description = "Metaflow UI backend tasks"
  vpc_id      = var.metaflow_vpc_id

  tags = merge(var.tags, { Name = local.names.ui_backend_security_group })
}

resource "aws_vpc_security_group_ingress_rule" "backend_from_alb" {
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
  count = length(local.database_egress_cidr_blocks)

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
