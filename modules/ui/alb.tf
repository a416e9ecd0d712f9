#trivy:ignore:AVD-AWS-0053 Internet-facing only when the caller asks (metaflow_ui_is_public; or a stack from v0.12 keeping its internet-facing default), and then admitting only ui_allow_list on HTTPS.
resource "aws_lb" "this" {
  name               = local.names.ui_alb
  internal           = var.alb_internal
  load_balancer_type = "application"
  subnets            = var.alb_subnet_ids
  security_groups    = [aws_security_group.alb.id]

  # Requests with header names the backend could misread are dropped.
  drop_invalid_header_fields = true

  tags = var.tags
}

resource "aws_lb_target_group" "backend" {
  name                 = local.names.ui_tg_backend
  port                 = local.backend_port
  protocol             = "HTTP"
  target_type          = "ip"
  vpc_id               = var.metaflow_vpc_id
  deregistration_delay = 30

  health_check {
    protocol            = "HTTP"
    port                = "traffic-port"
    path                = "/api/ping"
    matcher             = "200"
    interval            = 15
    healthy_threshold   = 2
    unhealthy_threshold = 3
  }

  tags = var.tags
}

resource "aws_lb_target_group" "static" {
  name                 = local.names.ui_tg_static
  port                 = local.static_port
  protocol             = "HTTP"
  target_type          = "ip"
  vpc_id               = var.metaflow_vpc_id
  deregistration_delay = 30

  health_check {
    protocol            = "HTTP"
    port                = "traffic-port"
    path                = "/"
    matcher             = "200"
    interval            = 15
    healthy_threshold   = 2
    unhealthy_threshold = 3
  }

  tags = var.tags
}

resource "aws_lb_listener" "https" {
  load_balancer_arn = aws_lb.this.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-Res-2021-06"
  certificate_arn   = var.certificate_arn

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.static.arn
  }

  tags = var.tags
}

resource "aws_lb_listener" "http" {
  load_balancer_arn = aws_lb.this.arn
  port              = 80
  protocol          = "HTTP"

  default_action {
    type = "redirect"

    redirect {
      port        = "443"
      protocol    = "HTTPS"
      status_code = "HTTP_301"
    }
  }

  tags = var.tags
}

# The backend serves the API (and its websocket) under /api/; the static
# frontend serves everything else.
resource "aws_lb_listener_rule" "api" {
  listener_arn = aws_lb_listener.https.arn
  priority     = 10

  action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.backend.arn
  }

  condition {
    path_pattern {
      values = ["/api", "/api/*"]
    }
  }

  tags = var.tags
}
