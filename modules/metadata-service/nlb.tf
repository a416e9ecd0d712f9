# Internal NLB in front of the service: a stable address for Metaflow clients
# in the VPC, for API Gateway's VPC link and for the migration Lambda.
resource "aws_lb" "this" {
  name               = local.names.metadata_nlb
  internal           = true
  load_balancer_type = "network"
  subnets            = var.subnet_ids
  security_groups    = local.legacy ? null : aws_security_group.nlb[*].id

  # One task runs in one AZ; without cross-zone balancing the NLB nodes of the
  # other AZs have no healthy target and drop their share of connections.
  enable_cross_zone_load_balancing = true

  # API Gateway's VPC link reaches the NLB over PrivateLink from addresses we
  # cannot name in a rule; it is authorised by the VPC link itself.
  enforce_security_group_inbound_rules_on_private_link_traffic = local.legacy ? null : "off"

  tags = var.tags
}

resource "aws_lb_target_group" "api" {
  name                 = local.names.metadata_nlb_tg_api
  port                 = local.api_port
  protocol             = "TCP"
  target_type          = "ip"
  vpc_id               = var.metaflow_vpc_id
  deregistration_delay = 30

  # /ping answers "pong" only once the service is up, which a TCP check would
  # not tell apart from a listening but broken process.
  health_check {
    protocol            = "HTTP"
    port                = "traffic-port"
    path                = "/ping"
    matcher             = "200"
    interval            = 10
    healthy_threshold   = 3
    unhealthy_threshold = 3
  }

  tags = var.tags
}

resource "aws_lb_target_group" "migration" {
  name                 = local.names.metadata_nlb_tg_migration
  port                 = local.migration_port
  protocol             = "TCP"
  target_type          = "ip"
  vpc_id               = var.metaflow_vpc_id
  deregistration_delay = 30

  health_check {
    protocol            = "TCP"
    port                = "traffic-port"
    interval            = 10
    healthy_threshold   = 3
    unhealthy_threshold = 3
  }

  tags = var.tags
}

resource "aws_lb_listener" "api" {
  load_balancer_arn = aws_lb.this.arn
  port              = local.nlb_api_port
  protocol          = "TCP"

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.api.arn
  }

  tags = var.tags
}

resource "aws_lb_listener" "migration" {
  load_balancer_arn = aws_lb.this.arn
  port              = local.nlb_migration_port
  protocol          = "TCP"

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.migration.arn
  }

  tags = var.tags
}
