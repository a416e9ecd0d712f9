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

  # With ui_authentication, the login comes first (order 1), then the
  # forward. Without, the forward alone, as it always was (its order left
  # to AWS, so an existing listener plans no change).
  dynamic "default_action" {
    for_each = local.authenticate_oidc
    content {
      type  = "authenticate-oidc"
      order = 1

      authenticate_oidc {
        issuer                              = default_action.value.issuer
        authorization_endpoint              = default_action.value.authorization_endpoint
        token_endpoint                      = default_action.value.token_endpoint
        user_info_endpoint                  = default_action.value.user_info_endpoint
        client_id                           = default_action.value.client_id
        client_secret                       = local.oidc_client_secret
        scope                               = default_action.value.scope
        session_timeout                     = default_action.value.session_timeout
        session_cookie_name                 = default_action.value.session_cookie_name
        on_unauthenticated_request          = default_action.value.on_unauthenticated_request
        authentication_request_extra_params = default_action.value.authentication_request_extra_params
      }
    }
  }

  dynamic "default_action" {
    for_each = local.authenticate_cognito
    content {
      type  = "authenticate-cognito"
      order = 1

      authenticate_cognito {
        user_pool_arn                       = default_action.value.user_pool_arn
        user_pool_client_id                 = default_action.value.user_pool_client_id
        user_pool_domain                    = default_action.value.user_pool_domain
        scope                               = default_action.value.scope
        session_timeout                     = default_action.value.session_timeout
        session_cookie_name                 = default_action.value.session_cookie_name
        on_unauthenticated_request          = default_action.value.on_unauthenticated_request
        authentication_request_extra_params = default_action.value.authentication_request_extra_params
      }
    }
  }

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.static.arn
    order            = local.authenticated ? 2 : null
  }

  tags = var.tags

  lifecycle {
    # Checked here, not in a validation block: Terraform's validation
    # errors print the value of the variable, sensitive or not.
    precondition {
      condition     = local.oidc == null ? true : try(trimspace(local.oidc_client_secret), "") != ""
      error_message = "The client secret of ui_authentication.oidc is empty: set ui_authentication_client_secret, or the secret at oidc.client_secret_arn, to the client secret your identity provider issued for the UI's app."
    }
  }
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

  # The same login as the listener's default action: the API is no less
  # private than the pages that call it.
  dynamic "action" {
    for_each = local.authenticate_oidc
    content {
      type  = "authenticate-oidc"
      order = 1

      authenticate_oidc {
        issuer                              = action.value.issuer
        authorization_endpoint              = action.value.authorization_endpoint
        token_endpoint                      = action.value.token_endpoint
        user_info_endpoint                  = action.value.user_info_endpoint
        client_id                           = action.value.client_id
        client_secret                       = local.oidc_client_secret
        scope                               = action.value.scope
        session_timeout                     = action.value.session_timeout
        session_cookie_name                 = action.value.session_cookie_name
        on_unauthenticated_request          = action.value.on_unauthenticated_request
        authentication_request_extra_params = action.value.authentication_request_extra_params
      }
    }
  }

  dynamic "action" {
    for_each = local.authenticate_cognito
    content {
      type  = "authenticate-cognito"
      order = 1

      authenticate_cognito {
        user_pool_arn                       = action.value.user_pool_arn
        user_pool_client_id                 = action.value.user_pool_client_id
        user_pool_domain                    = action.value.user_pool_domain
        scope                               = action.value.scope
        session_timeout                     = action.value.session_timeout
        session_cookie_name                 = action.value.session_cookie_name
        on_unauthenticated_request          = action.value.on_unauthenticated_request
        authentication_request_extra_params = action.value.authentication_request_extra_params
      }
    }
  }

  action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.backend.arn
    order            = local.authenticated ? 2 : null
  }

  condition {
    path_pattern {
      values = ["/api", "/api/*"]
    }
  }

  tags = var.tags
}

################################################################################
# Login (ui_authentication): an OpenID Connect provider or a Cognito user
# pool, in front of both target groups.
################################################################################

# The client secret, when it comes from Secrets Manager. Terraform reads it at
# plan time (the caller needs secretsmanager:GetSecretValue, and kms:Decrypt
# with a customer managed key) and the provider keeps it in the state, in the
# listener and the rule, as it would an input.
data "aws_secretsmanager_secret_version" "oidc_client_secret" {
  count = try(var.ui_authentication.oidc.client_secret_arn, null) != null ? 1 : 0

  secret_id = var.ui_authentication.oidc.client_secret_arn
}

locals {
  authenticated = var.ui_authentication != null

  # What the two kinds of authenticate action share; no extra parameters is
  # null, as the provider reads an action without them back.
  authentication_session = local.authenticated ? {
    scope                               = var.ui_authentication.scope
    session_timeout                     = var.ui_authentication.session_timeout
    session_cookie_name                 = var.ui_authentication.session_cookie_name
    on_unauthenticated_request          = var.ui_authentication.on_unauthenticated_request
    authentication_request_extra_params = length(var.ui_authentication.authentication_request_extra_params) > 0 ? var.ui_authentication.authentication_request_extra_params : null
  } : null

  oidc    = try(var.ui_authentication.oidc, null)
  cognito = try(var.ui_authentication.cognito, null)

  # One element or none: the for_each of the dynamic action blocks. The
  # client secret is not in them (sensitive values cannot drive for_each).
  authenticate_oidc    = local.oidc == null ? [] : [merge({ for k, v in local.oidc : k => v if k != "client_secret_arn" }, local.authentication_session)]
  authenticate_cognito = local.cognito == null ? [] : [merge(local.cognito, local.authentication_session)]

  oidc_client_secret = local.oidc == null ? null : (
    local.oidc.client_secret_arn != null ? one(data.aws_secretsmanager_secret_version.oidc_client_secret[*].secret_string) : var.ui_authentication_client_secret
  )
}
