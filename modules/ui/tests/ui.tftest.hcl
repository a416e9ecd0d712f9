mock_provider "aws" {
  mock_data "aws_caller_identity" {
    defaults = {
      account_id = "123456789012"
    }
  }
}

# region is optional+computed in the provider; mocks only fill computed
# attributes, so the value is set by override.
override_data {
  target = data.aws_region.current
  values = {
    region = "eu-west-1"
  }
}

# Known target group ARNs, so runs can tell which group an action forwards to.
override_resource {
  target          = aws_lb_target_group.backend
  override_during = plan
  values = {
    arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/mf-ui-backend-test/0123456789abcdef"
  }
}

override_resource {
  target          = aws_lb_target_group.static
  override_during = plan
  values = {
    arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/mf-ui-static-test/fedcba9876543210"
  }
}

variables {
  resource_prefix                      = "mf"
  resource_suffix                      = "test"
  metaflow_vpc_id                      = "vpc-0123456789abcdef0"
  subnet_ids                           = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]
  alb_subnet_ids                       = ["subnet-0123456789abcdef2", "subnet-0123456789abcdef3"]
  certificate_arn                      = "arn:aws:acm:eu-west-1:123456789012:certificate/11111111-2222-3333-4444-555555555555"
  ui_allow_list                        = ["203.0.113.0/24", "2001:db8::/32"]
  vpc_cidr_blocks                      = ["10.10.0.0/16"]
  METAFLOW_DATASTORE_SYSROOT_S3        = "s3://mf-s3-test/metaflow"
  database_host                        = "mf-db-test.abcdefghij.eu-west-1.rds.amazonaws.com"
  database_username                    = "metaflow"
  database_password_secret_arn         = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:mf-db-password-test-AbCdEf"
  database_password_secret_kms_key_arn = "arn:aws:kms:eu-west-1:123456789012:key/11111111-2222-3333-4444-555555555555"
  s3_bucket_arn                        = "arn:aws:s3:::mf-s3-test"
  datastore_s3_bucket_kms_key_arn      = "arn:aws:kms:eu-west-1:123456789012:key/66666666-7777-8888-9999-000000000000"
  extra_ui_backend_env_vars            = { LOGLEVEL = "DEBUG", PATH_PREFIX = "/api/" }
  extra_ui_static_env_vars             = { FEATURE_X = "1" }
}

run "internal_alb_with_modern_tls_and_redirect" {
  command = plan

  assert {
    condition     = aws_lb.this.internal && aws_lb.this.load_balancer_type == "application"
    error_message = "By default the UI ALB must be internal."
  }

  assert {
    condition     = aws_lb.this.drop_invalid_header_fields
    error_message = "The ALB must drop invalid header fields."
  }

  assert {
    condition     = startswith(aws_lb_listener.https.ssl_policy, "ELBSecurityPolicy-TLS13-1-2") && aws_lb_listener.https.protocol == "HTTPS" && aws_lb_listener.https.certificate_arn == var.certificate_arn
    error_message = "The HTTPS listener must present the given certificate with a TLS 1.3/1.2 policy."
  }

  assert {
    condition     = aws_lb_listener.http.default_action[0].type == "redirect" && aws_lb_listener.http.default_action[0].redirect[0].protocol == "HTTPS" && aws_lb_listener.http.default_action[0].redirect[0].status_code == "HTTP_301"
    error_message = "HTTP must be redirected to HTTPS."
  }

  assert {
    condition     = contains(one(one(aws_lb_listener_rule.api.condition).path_pattern).values, "/api/*")
    error_message = "The API paths must be routed to the backend."
  }

  assert {
    condition     = aws_lb_target_group.backend.health_check[0].path == "/api/ping" && aws_lb_target_group.backend.port == 8083
    error_message = "The backend target group must check /api/ping on port 8083."
  }

  assert {
    condition     = aws_lb_target_group.static.health_check[0].path == "/" && aws_lb_target_group.static.port == 3000
    error_message = "The static target group must check / on port 3000."
  }
}

run "public_alb_when_asked" {
  command = plan

  variables {
    alb_internal = false
  }

  assert {
    condition     = !aws_lb.this.internal
    error_message = "alb_internal = false must make the ALB internet-facing."
  }
}

run "allow_list_only" {
  command = plan

  assert {
    condition     = aws_vpc_security_group_ingress_rule.alb_https[0].cidr_ipv4 == "203.0.113.0/24" && aws_vpc_security_group_ingress_rule.alb_https[0].cidr_ipv6 == null
    error_message = "IPv4 allow-list entries must become IPv4 rules."
  }

  assert {
    condition     = aws_vpc_security_group_ingress_rule.alb_https[1].cidr_ipv6 == "2001:db8::/32" && aws_vpc_security_group_ingress_rule.alb_https[1].cidr_ipv4 == null
    error_message = "IPv6 allow-list entries must become IPv6 rules."
  }

  assert {
    condition     = alltrue([for r in aws_vpc_security_group_ingress_rule.alb_https : r.from_port == 443]) && length(aws_vpc_security_group_ingress_rule.alb_http) == 2
    error_message = "Each allow-list entry gets HTTPS and HTTP (redirect) rules."
  }

  assert {
    condition     = aws_vpc_security_group_ingress_rule.backend_from_alb[0].cidr_ipv4 == null && aws_vpc_security_group_ingress_rule.static_from_alb.cidr_ipv4 == null
    error_message = "Tasks must admit the ALB by security group reference only."
  }

  assert {
    condition     = [for r in aws_vpc_security_group_egress_rule.backend_to_database : r.cidr_ipv4] == ["10.10.0.0/16"]
    error_message = "With VPC CIDRs, database egress must stay inside them."
  }
}

run "empty_allow_list_admits_nobody" {
  command = plan

  variables {
    ui_allow_list = []
  }

  assert {
    condition     = length(aws_vpc_security_group_ingress_rule.alb_https) == 0 && length(aws_vpc_security_group_ingress_rule.alb_http) == 0
    error_message = "An empty allow list must open nothing."
  }

  expect_failures = [check.ui_reachable]
}

run "containers_get_env_secret_and_no_public_ip" {
  command = plan

  assert {
    condition     = one(jsondecode(aws_ecs_task_definition.backend.container_definitions)).secrets == [{ name = "MF_METADATA_DB_PSWD", valueFrom = var.database_password_secret_arn }]
    error_message = "The backend must get the password as an ECS secret."
  }

  assert {
    condition     = !contains([for e in one(jsondecode(aws_ecs_task_definition.backend.container_definitions)).environment : e.name], "MF_METADATA_DB_PSWD")
    error_message = "The password must not be a plain environment variable."
  }

  assert {
    condition = { for e in one(jsondecode(aws_ecs_task_definition.backend.container_definitions)).environment : e.name => e.value } == {
      MF_METADATA_DB_HOST           = var.database_host
      MF_METADATA_DB_NAME           = "metaflow"
      MF_METADATA_DB_PORT           = "5432"
      MF_METADATA_DB_SSL_MODE       = "prefer"
      MF_METADATA_DB_USER           = "metaflow"
      PATH_PREFIX                   = "/api/"
      MF_DATASTORE_ROOT             = "s3://mf-s3-test/metaflow"
      METAFLOW_DATASTORE_SYSROOT_S3 = "s3://mf-s3-test/metaflow"
      METAFLOW_SERVICE_URL          = "http://localhost:8083/api/metadata"
      METAFLOW_DEFAULT_DATASTORE    = "s3"
      METAFLOW_DEFAULT_METADATA     = "service"
      LOGLEVEL                      = "DEBUG"
    }
    error_message = "The backend environment must be the defaults merged with the extra variables."
  }

  assert {
    condition     = { for e in one(jsondecode(aws_ecs_task_definition.static.container_definitions)).environment : e.name => e.value } == { FEATURE_X = "1" }
    error_message = "The static environment must be exactly the extra variables."
  }

  assert {
    condition     = one(jsondecode(aws_ecs_task_definition.backend.container_definitions)).image == "netflixoss/metaflow_metadata_service:v2.4.13"
    error_message = "The backend must default to the pinned metadata service image."
  }

  assert {
    condition     = !aws_ecs_service.backend.network_configuration[0].assign_public_ip && !aws_ecs_service.static.network_configuration[0].assign_public_ip
    error_message = "UI tasks get no public IP unless assign_public_ip."
  }

  assert {
    condition     = aws_cloudwatch_log_group.this.retention_in_days == 30
    error_message = "The UI log group must have a retention."
  }
}

run "log_retention_follows_the_input" {
  command = plan

  variables {
    log_retention_in_days = 1
  }

  assert {
    condition     = aws_cloudwatch_log_group.this.retention_in_days == 1
    error_message = "log_retention_in_days must set the UI log group's retention."
  }

  assert {
    condition     = aws_cloudwatch_log_group.container_insights[0].retention_in_days == 1
    error_message = "log_retention_in_days must set the Container Insights log group's retention."
  }
}

# Created by us, not by AWS: tagged, expiring, destroyed with the stack.
run "container_insights_log_group_is_managed" {
  command = plan

  variables {
    tags = { "metaflow-test-run" = "run1" }
  }

  assert {
    condition     = aws_cloudwatch_log_group.container_insights[0].name == "/aws/ecs/containerinsights/${aws_ecs_cluster.this.name}/performance"
    error_message = "The Container Insights log group must have the name ECS writes to."
  }

  assert {
    condition     = aws_cloudwatch_log_group.container_insights[0].tags["metaflow-test-run"] == "run1"
    error_message = "The Container Insights log group must carry the module's tags."
  }
}

run "public_ip_follows_the_input" {
  command = plan

  variables {
    assign_public_ip = true
  }

  assert {
    condition     = aws_ecs_service.backend.network_configuration[0].assign_public_ip && aws_ecs_service.static.network_configuration[0].assign_public_ip
    error_message = "assign_public_ip must reach both services."
  }
}

run "backend_reads_the_bucket_only" {
  command = plan

  assert {
    condition = toset(flatten([
      for s in data.aws_iam_policy_document.backend_task.statement : tolist(s.actions) if s.effect != "Deny"
    ])) == toset(["s3:ListBucket", "s3:GetObject", "kms:Decrypt"])
    error_message = "The backend task role may only list, read and decrypt."
  }

  assert {
    condition     = length([for s in data.aws_iam_policy_document.backend_task.statement : s if s.sid == "DenyPresignedUrls" && s.effect == "Deny"]) == 1
    error_message = "The backend task role must deny presigned-URL access."
  }
}

run "url_at_the_load_balancer_by_default" {
  command = plan

  override_resource {
    target          = aws_lb.this
    override_during = plan
    values = {
      dns_name = "internal-mf-alb-test-1234567890.eu-west-1.elb.amazonaws.com"
      zone_id  = "Z32O12XQLNTSW2"
    }
  }

  assert {
    condition     = output.url == "https://internal-mf-alb-test-1234567890.eu-west-1.elb.amazonaws.com/" && length(aws_route53_record.this) == 0
    error_message = "Without ui_hostname the UI's URL is the load balancer's DNS name, and no record is created."
  }
}

run "hostname_and_its_record" {
  command = plan

  variables {
    ui_hostname        = "metaflow.example.com"
    ui_route53_zone_id = "Z0123456789ABCDEFGHIJ"
  }

  override_resource {
    target          = aws_lb.this
    override_during = plan
    values = {
      dns_name = "internal-mf-alb-test-1234567890.eu-west-1.elb.amazonaws.com"
      zone_id  = "Z32O12XQLNTSW2"
    }
  }

  assert {
    condition     = output.url == "https://metaflow.example.com/"
    error_message = "With ui_hostname the UI's URL (METAFLOW_UI_URL) must use it: the certificate is for that name, not the load balancer's."
  }

  assert {
    condition = (
      aws_route53_record.this[0].zone_id == "Z0123456789ABCDEFGHIJ" && aws_route53_record.this[0].name == "metaflow.example.com"
      && aws_route53_record.this[0].type == "A"
      && one(aws_route53_record.this[0].alias).name == "internal-mf-alb-test-1234567890.eu-west-1.elb.amazonaws.com"
      && one(aws_route53_record.this[0].alias).zone_id == "Z32O12XQLNTSW2"
    )
    error_message = "With ui_route53_zone_id the module must create ui_hostname as an alias A record of the load balancer in that zone."
  }
}

run "hostname_without_zone_creates_no_record" {
  command = plan

  variables {
    ui_hostname = "metaflow.example.com"
  }

  assert {
    condition     = output.url == "https://metaflow.example.com/" && length(aws_route53_record.this) == 0
    error_message = "ui_hostname alone sets the URL and creates no record (the caller's DNS points at the load balancer)."
  }
}

# Sized for a small team by default (the backend was 2 vCPU / 16 GiB); its
# 100 GiB of cache disk stays.
run "default_sizes" {
  command = plan

  assert {
    condition     = aws_ecs_task_definition.backend.cpu == "1024" && aws_ecs_task_definition.backend.memory == "4096"
    error_message = "The backend defaults to 1 vCPU and 4 GiB; got ${aws_ecs_task_definition.backend.cpu}/${aws_ecs_task_definition.backend.memory}."
  }

  assert {
    condition     = one(aws_ecs_task_definition.backend.ephemeral_storage).size_in_gib == 100
    error_message = "The backend keeps 100 GiB of ephemeral storage for its cache."
  }

  assert {
    condition     = aws_ecs_task_definition.static.cpu == "256" && aws_ecs_task_definition.static.memory == "512"
    error_message = "The static frontend defaults to 0.25 vCPU and 512 MiB; got ${aws_ecs_task_definition.static.cpu}/${aws_ecs_task_definition.static.memory}."
  }

  assert {
    condition     = aws_ecs_service.backend.desired_count == 1 && aws_ecs_service.static.desired_count == 1
    error_message = "Each UI service runs one task."
  }
}

run "sizes_reach_the_task_definitions" {
  command = plan

  variables {
    ui_backend_cpu    = 2048
    ui_backend_memory = 16384
    ui_static_cpu     = 512
    ui_static_memory  = 1024
  }

  assert {
    condition     = aws_ecs_task_definition.backend.cpu == "2048" && aws_ecs_task_definition.backend.memory == "16384"
    error_message = "ui_backend_cpu and ui_backend_memory must reach the backend task definition (here the size it had before they existed)."
  }

  assert {
    condition     = aws_ecs_task_definition.static.cpu == "512" && aws_ecs_task_definition.static.memory == "1024"
    error_message = "ui_static_cpu and ui_static_memory must reach the static task definition."
  }
}

# IAM guard rails: every role of the module (the backend task role, and the
# task execution role of modules/ecs-task-execution-role) gets the path and
# permissions boundary.
run "iam_path_and_boundary_reach_every_role" {
  command = plan

  variables {
    iam_path                 = "/metaflow/"
    iam_permissions_boundary = "arn:aws:iam::123456789012:policy/boundaries/MetaflowBoundary"
  }

  assert {
    condition     = length([aws_iam_role.backend_task]) == 1
    error_message = "This shape must create every role of the module, so the assertions below cover each."
  }

  assert {
    condition     = alltrue([for r in [aws_iam_role.backend_task] : r.path == "/metaflow/" && r.permissions_boundary == "arn:aws:iam::123456789012:policy/boundaries/MetaflowBoundary"])
    error_message = "Every role of the module must get iam_path and iam_permissions_boundary."
  }

  assert {
    condition     = module.execution_role.path == "/metaflow/" && module.execution_role.permissions_boundary == "arn:aws:iam::123456789012:policy/boundaries/MetaflowBoundary"
    error_message = "The task execution role must get iam_path and iam_permissions_boundary."
  }
}

run "iam_defaults_keep_roles_at_the_root_path" {
  command = plan

  assert {
    condition     = alltrue([for r in [aws_iam_role.backend_task] : r.path == "/"]) && module.execution_role.path == "/"
    error_message = "By default every role must sit at AWS's \"/\", as on a stack from before the guard rails (a path change replaces a role)."
  }

  # A null boundary is unknown in a mocked plan (the offline schema marks it
  # computed), so the default is held where the roles read it.
  assert {
    condition     = module.common.iam_permissions_boundary == null
    error_message = "By default the roles must get no permissions boundary."
  }
}

# Without ui_authentication the listener and the API rule forward, as they
# always did: no authenticate action, no order set, no egress to an
# identity provider.
run "no_login_by_default" {
  command = plan

  assert {
    condition     = [for a in aws_lb_listener.https.default_action : a.type] == ["forward"] && aws_lb_listener.https.default_action[0].target_group_arn == aws_lb_target_group.static.arn
    error_message = "Without ui_authentication the listener's default action must be the forward to the static frontend alone."
  }

  assert {
    condition     = [for a in aws_lb_listener_rule.api.action : a.type] == ["forward"] && aws_lb_listener_rule.api.action[0].target_group_arn == aws_lb_target_group.backend.arn
    error_message = "Without ui_authentication the API rule must be the forward to the backend alone."
  }

  assert {
    condition     = output.authentication == null && length(aws_vpc_security_group_egress_rule.alb_to_identity_provider) == 0 && length(data.aws_secretsmanager_secret_version.oidc_client_secret) == 0
    error_message = "Without ui_authentication there is no login, no egress to an identity provider and no secret to read."
  }
}

run "oidc_login_with_the_secret_from_secrets_manager" {
  command = plan

  variables {
    ui_authentication = {
      oidc = {
        issuer                 = "https://example.okta.com/oauth2/default"
        authorization_endpoint = "https://example.okta.com/oauth2/default/v1/authorize"
        token_endpoint         = "https://example.okta.com/oauth2/default/v1/token"
        user_info_endpoint     = "https://example.okta.com/oauth2/default/v1/userinfo"
        client_id              = "0oa1example2client3"
        client_secret_arn      = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:metaflow-ui-oidc-AbCdEf"
      }
    }
  }

  override_data {
    target = data.aws_secretsmanager_secret_version.oidc_client_secret[0]
    values = {
      secret_string = "client-secret-from-secrets-manager"
    }
  }

  assert {
    condition     = [for a in aws_lb_listener.https.default_action : [a.type, a.order]] == [["authenticate-oidc", 1], ["forward", 2]] && aws_lb_listener.https.default_action[1].target_group_arn == aws_lb_target_group.static.arn
    error_message = "With OIDC the listener's default action must authenticate first (order 1), then forward to the static frontend (order 2)."
  }

  assert {
    condition     = [for a in aws_lb_listener_rule.api.action : [a.type, a.order]] == [["authenticate-oidc", 1], ["forward", 2]] && aws_lb_listener_rule.api.action[1].target_group_arn == aws_lb_target_group.backend.arn
    error_message = "With OIDC the API rule must authenticate first (order 1), then forward to the backend (order 2)."
  }

  assert {
    condition = alltrue([for oidc in [one(aws_lb_listener.https.default_action[0].authenticate_oidc), one(aws_lb_listener_rule.api.action[0].authenticate_oidc)] :
      oidc.issuer == "https://example.okta.com/oauth2/default"
      && oidc.authorization_endpoint == "https://example.okta.com/oauth2/default/v1/authorize"
      && oidc.token_endpoint == "https://example.okta.com/oauth2/default/v1/token"
      && oidc.user_info_endpoint == "https://example.okta.com/oauth2/default/v1/userinfo"
      && oidc.client_id == "0oa1example2client3"
    ])
    error_message = "The OIDC issuer, endpoints and client ID must reach both authenticate actions."
  }

  assert {
    condition = alltrue([for oidc in [one(aws_lb_listener.https.default_action[0].authenticate_oidc), one(aws_lb_listener_rule.api.action[0].authenticate_oidc)] :
      nonsensitive(oidc.client_secret == "client-secret-from-secrets-manager")
    ])
    error_message = "With client_secret_arn the client secret must be the secret's value."
  }

  assert {
    condition     = data.aws_secretsmanager_secret_version.oidc_client_secret[0].secret_id == "arn:aws:secretsmanager:eu-west-1:123456789012:secret:metaflow-ui-oidc-AbCdEf"
    error_message = "The client secret must be read from the secret at client_secret_arn."
  }

  assert {
    condition = alltrue([for oidc in [one(aws_lb_listener.https.default_action[0].authenticate_oidc), one(aws_lb_listener_rule.api.action[0].authenticate_oidc)] :
      oidc.scope == "openid" && oidc.session_timeout == 604800 && oidc.session_cookie_name == "AWSELBAuthSessionCookie"
      && oidc.on_unauthenticated_request == "authenticate"
    ])
    error_message = "The session settings must default to scope openid, 7 days, AWS's cookie name and a redirect to the login."
  }

  assert {
    condition = (
      aws_vpc_security_group_egress_rule.alb_to_identity_provider[0].from_port == 443 && aws_vpc_security_group_egress_rule.alb_to_identity_provider[0].to_port == 443
      && aws_vpc_security_group_egress_rule.alb_to_identity_provider[0].ip_protocol == "tcp"
    )
    error_message = "With a login the load balancer must reach the identity provider on HTTPS, and only on HTTPS."
  }

  assert {
    condition     = output.authentication == "oidc"
    error_message = "Output authentication must say the listener asks for an OIDC login."
  }
}

run "oidc_login_with_the_secret_as_an_input" {
  command = plan

  variables {
    ui_authentication = {
      oidc = {
        issuer                 = "https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0"
        authorization_endpoint = "https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/oauth2/v2.0/authorize"
        token_endpoint         = "https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/oauth2/v2.0/token"
        user_info_endpoint     = "https://graph.microsoft.com/oidc/userinfo"
        client_id              = "11111111-2222-3333-4444-555555555555"
      }
      scope                               = "openid email profile"
      session_timeout                     = 28800
      session_cookie_name                 = "MetaflowUISession"
      on_unauthenticated_request          = "deny"
      authentication_request_extra_params = { prompt = "login" }
    }
    ui_authentication_client_secret = "client-secret-from-the-input"
  }

  assert {
    condition = alltrue([for oidc in [one(aws_lb_listener.https.default_action[0].authenticate_oidc), one(aws_lb_listener_rule.api.action[0].authenticate_oidc)] :
      nonsensitive(oidc.client_secret == "client-secret-from-the-input")
    ])
    error_message = "Without client_secret_arn the client secret must be ui_authentication_client_secret."
  }

  assert {
    condition     = length(data.aws_secretsmanager_secret_version.oidc_client_secret) == 0
    error_message = "Without client_secret_arn no secret is read."
  }

  assert {
    condition = alltrue([for oidc in [one(aws_lb_listener.https.default_action[0].authenticate_oidc), one(aws_lb_listener_rule.api.action[0].authenticate_oidc)] :
      oidc.scope == "openid email profile" && oidc.session_timeout == 28800 && oidc.session_cookie_name == "MetaflowUISession"
      && oidc.on_unauthenticated_request == "deny" && oidc.authentication_request_extra_params == tomap({ prompt = "login" })
    ])
    error_message = "The session settings must reach both authenticate actions."
  }
}

run "cognito_login" {
  command = plan

  variables {
    ui_authentication = {
      cognito = {
        user_pool_arn       = "arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_AbCdEfGhI"
        user_pool_client_id = "1example23456789abcdefghij"
        user_pool_domain    = "metaflow-login"
      }
      session_timeout = 3600
    }
  }

  assert {
    condition     = [for a in aws_lb_listener.https.default_action : [a.type, a.order]] == [["authenticate-cognito", 1], ["forward", 2]] && aws_lb_listener.https.default_action[1].target_group_arn == aws_lb_target_group.static.arn
    error_message = "With Cognito the listener's default action must authenticate first, then forward to the static frontend."
  }

  assert {
    condition     = [for a in aws_lb_listener_rule.api.action : [a.type, a.order]] == [["authenticate-cognito", 1], ["forward", 2]] && aws_lb_listener_rule.api.action[1].target_group_arn == aws_lb_target_group.backend.arn
    error_message = "With Cognito the API rule must authenticate first, then forward to the backend."
  }

  assert {
    condition = alltrue([for cognito in [one(aws_lb_listener.https.default_action[0].authenticate_cognito), one(aws_lb_listener_rule.api.action[0].authenticate_cognito)] :
      cognito.user_pool_arn == "arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_AbCdEfGhI"
      && cognito.user_pool_client_id == "1example23456789abcdefghij" && cognito.user_pool_domain == "metaflow-login"
      && cognito.session_timeout == 3600 && cognito.scope == "openid" && cognito.on_unauthenticated_request == "authenticate"
    ])
    error_message = "The user pool, its client and domain, and the session settings must reach both authenticate actions."
  }

  assert {
    condition     = length(aws_lb_listener.https.default_action[0].authenticate_oidc) == 0 && length(data.aws_secretsmanager_secret_version.oidc_client_secret) == 0
    error_message = "Cognito needs no OIDC settings and no secret of ours."
  }

  assert {
    condition     = output.authentication == "cognito" && length(aws_vpc_security_group_egress_rule.alb_to_identity_provider) == 1
    error_message = "With Cognito the listener asks for a Cognito login, and the load balancer may reach Cognito on HTTPS."
  }
}

# An upgraded stack's load balancer group already lets everything out in its
# inline rules, where a separate rule would be refused as a duplicate.
run "upgraded_stack_login_keeps_the_inline_egress" {
  command = plan

  variables {
    upgrade_from = "v0.12"
    ui_authentication = {
      cognito = {
        user_pool_arn       = "arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_AbCdEfGhI"
        user_pool_client_id = "1example23456789abcdefghij"
        user_pool_domain    = "auth.example.com"
      }
    }
  }

  assert {
    condition     = length(aws_vpc_security_group_egress_rule.alb_to_identity_provider) == 0 && anytrue([for e in aws_security_group.alb.egress : e.protocol == "-1" && contains(e.cidr_blocks, "0.0.0.0/0")])
    error_message = "An upgraded stack's load balancer keeps its inline egress, which reaches the identity provider."
  }

  assert {
    condition     = output.authentication == "cognito"
    error_message = "An upgraded stack gets the login too."
  }
}

run "login_with_oidc_and_cognito" {
  command = plan

  variables {
    ui_authentication = {
      oidc = {
        issuer         = "https://example.okta.com", authorization_endpoint = "https://example.okta.com/oauth2/v1/authorize"
        token_endpoint = "https://example.okta.com/oauth2/v1/token", user_info_endpoint = "https://example.okta.com/oauth2/v1/userinfo"
        client_id      = "0oa1example2client3"
      }
      cognito = { user_pool_arn = "arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_AbCdEfGhI", user_pool_client_id = "1example23456789abcdefghij", user_pool_domain = "metaflow-login" }
    }
    ui_authentication_client_secret = "client-secret"
  }

  expect_failures = [var.ui_authentication]
}

run "oidc_endpoint_over_http" {
  command = plan

  variables {
    ui_authentication = {
      oidc = {
        issuer         = "https://example.okta.com", authorization_endpoint = "https://example.okta.com/oauth2/v1/authorize"
        token_endpoint = "http://example.okta.com/oauth2/v1/token", user_info_endpoint = "https://example.okta.com/oauth2/v1/userinfo"
        client_id      = "0oa1example2client3"
      }
    }
    ui_authentication_client_secret = "client-secret"
  }

  expect_failures = [var.ui_authentication]
}

run "oidc_with_two_secret_sources" {
  command = plan

  variables {
    ui_authentication = {
      oidc = {
        issuer         = "https://example.okta.com", authorization_endpoint = "https://example.okta.com/oauth2/v1/authorize"
        token_endpoint = "https://example.okta.com/oauth2/v1/token", user_info_endpoint = "https://example.okta.com/oauth2/v1/userinfo"
        client_id      = "0oa1example2client3", client_secret_arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:metaflow-ui-oidc-AbCdEf"
      }
    }
    ui_authentication_client_secret = "client-secret"
  }

  expect_failures = [var.ui_authentication]
}

run "oidc_without_a_secret" {
  command = plan

  variables {
    ui_authentication = {
      oidc = {
        issuer         = "https://example.okta.com", authorization_endpoint = "https://example.okta.com/oauth2/v1/authorize"
        token_endpoint = "https://example.okta.com/oauth2/v1/token", user_info_endpoint = "https://example.okta.com/oauth2/v1/userinfo"
        client_id      = "0oa1example2client3"
      }
    }
  }

  expect_failures = [var.ui_authentication]
}

run "client_secret_without_oidc" {
  command = plan

  variables {
    ui_authentication_client_secret = "client-secret"
  }

  expect_failures = [var.ui_authentication]
}

run "cognito_that_lets_anyone_in" {
  command = plan

  variables {
    ui_authentication = {
      cognito                    = { user_pool_arn = "arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_AbCdEfGhI", user_pool_client_id = "1example23456789abcdefghij", user_pool_domain = "metaflow-login" }
      on_unauthenticated_request = "allow"
    }
  }

  expect_failures = [var.ui_authentication]
}

# The secret's value is checked in a precondition, whose error shows no value.
run "oidc_with_an_empty_secret" {
  command = plan

  variables {
    ui_authentication = {
      oidc = {
        issuer         = "https://example.okta.com", authorization_endpoint = "https://example.okta.com/oauth2/v1/authorize"
        token_endpoint = "https://example.okta.com/oauth2/v1/token", user_info_endpoint = "https://example.okta.com/oauth2/v1/userinfo"
        client_id      = "0oa1example2client3"
      }
    }
    ui_authentication_client_secret = " "
  }

  expect_failures = [aws_lb_listener.https]
}
