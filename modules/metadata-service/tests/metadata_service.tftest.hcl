mock_provider "aws" {
  mock_data "aws_caller_identity" {
    defaults = {
      account_id = "123456789012"
    }
  }

  mock_resource "aws_lb" {
    defaults = {
      arn      = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/net/mf-nlb-test/0123456789abcdef"
      dns_name = "mf-nlb-test-0123456789abcdef.elb.eu-west-1.amazonaws.com"
    }
  }

  # The execution role module accepts log group ARNs only.
  mock_resource "aws_cloudwatch_log_group" {
    defaults = {
      arn = "arn:aws:logs:eu-west-1:123456789012:log-group:/ecs/mf-metadata-test"
    }
  }

  mock_resource "aws_api_gateway_stage" {
    defaults = {
      invoke_url = "https://abcde12345.execute-api.eu-west-1.amazonaws.com/api"
    }
  }

  mock_resource "aws_api_gateway_rest_api" {
    defaults = {
      id            = "abcde12345"
      execution_arn = "arn:aws:execute-api:eu-west-1:123456789012:abcde12345"
    }
  }
}

mock_provider "archive" {}

# region is optional+computed in the provider; mocks only fill computed
# attributes, so the value is set by override.
override_data {
  target = data.aws_region.current
  values = {
    region = "eu-west-1"
  }
}

variables {
  resource_prefix                      = "mf"
  resource_suffix                      = "test"
  metaflow_vpc_id                      = "vpc-0123456789abcdef0"
  subnet_ids                           = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]
  vpc_cidr_blocks                      = ["10.10.0.0/16"]
  database_host                        = "mf-db-test.abcdefghij.eu-west-1.rds.amazonaws.com"
  database_username                    = "metaflow"
  database_password_secret_arn         = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:mf-db-password-test-AbCdEf"
  database_password_secret_kms_key_arn = "arn:aws:kms:eu-west-1:123456789012:key/11111111-2222-3333-4444-555555555555"
  s3_bucket_arn                        = "arn:aws:s3:::mf-s3-test"
  datastore_s3_bucket_kms_key_arn      = "arn:aws:kms:eu-west-1:123456789012:key/66666666-7777-8888-9999-000000000000"
  tags                                 = { team = "ml" }
}

run "gateway_with_api_key_and_access_list" {
  command = apply

  variables {
    access_list_cidr_blocks = ["203.0.113.0/24", "198.51.100.7/32"]
  }

  assert {
    condition     = output.METAFLOW_SERVICE_URL == "https://abcde12345.execute-api.eu-west-1.amazonaws.com/api/"
    error_message = "With the gateway on, clients must use the stage URL; got ${output.METAFLOW_SERVICE_URL}."
  }

  assert {
    condition     = output.METAFLOW_SERVICE_INTERNAL_URL == "http://mf-nlb-test-0123456789abcdef.elb.eu-west-1.amazonaws.com/"
    error_message = "The internal URL must point at the NLB; got ${output.METAFLOW_SERVICE_INTERNAL_URL}."
  }

  assert {
    condition     = output.api_gateway_rest_api_id == "abcde12345" && output.api_gateway_rest_api_id_key_id != ""
    error_message = "With the gateway and basic auth on, the API id and key id outputs must be set."
  }

  assert {
    condition     = aws_api_gateway_method.proxy[0].api_key_required && aws_api_gateway_method.db_schema_status[0].api_key_required
    error_message = "Basic auth on: both routes must require the API key."
  }

  assert {
    condition     = length(aws_api_gateway_usage_plan_key.this) == 1 && one(aws_api_gateway_usage_plan.this[0].api_stages).stage == "api"
    error_message = "Basic auth on: the key must be in a usage plan on the api stage."
  }

  assert {
    condition     = aws_api_gateway_integration.proxy[0].connection_type == "VPC_LINK" && aws_api_gateway_integration.proxy[0].uri == "http://mf-nlb-test-0123456789abcdef.elb.eu-west-1.amazonaws.com:80/{proxy}"
    error_message = "The proxy route must reach the NLB API listener through the VPC link."
  }

  assert {
    condition     = aws_api_gateway_integration.db_schema_status[0].uri == "http://mf-nlb-test-0123456789abcdef.elb.eu-west-1.amazonaws.com:8082/db_schema_status"
    error_message = "The db_schema_status route must reach the migration listener."
  }

  assert {
    condition     = length(aws_api_gateway_rest_api_policy.this) == 1
    error_message = "A non-empty access list must produce a resource policy."
  }

  assert {
    condition = alltrue([
      for s in data.aws_iam_policy_document.api[0].statement :
      toset(one(s.condition).values) == toset(["203.0.113.0/24", "198.51.100.7/32"])
    ])
    error_message = "The resource policy must allow and deny on exactly the access list."
  }

  assert {
    condition     = aws_api_gateway_stage.this[0].stage_name == "api" && length(aws_api_gateway_stage.this[0].access_log_settings) == 1
    error_message = "The stage must be named api and write access logs."
  }

  assert {
    condition     = aws_cloudwatch_log_group.api_access[0].retention_in_days == 30
    error_message = "The access log group must have a retention."
  }

  assert {
    condition     = length(aws_api_gateway_account.this) == 1
    error_message = "By default the module sets the API Gateway CloudWatch role so access logging can be enabled."
  }

  assert {
    condition     = aws_api_gateway_rest_api.this[0].endpoint_configuration[0].types == tolist(["REGIONAL"])
    error_message = "The REST API must be regional (valid in every partition)."
  }

  # What an upgraded stack had: no private statements, no extra trigger
  # (which would redeploy the stage), no VPC endpoint association.
  assert {
    condition     = length(data.aws_iam_policy_document.api_private) == 0 && [for s in data.aws_iam_policy_document.api[0].statement : s.sid] == ["InvokeFromAccessList", "DenyOutsideAccessList"]
    error_message = "A regional API's resource policy must be the access list's, as before."
  }

  assert {
    condition     = keys(aws_api_gateway_deployment.this[0].triggers) == tolist(["redeployment"])
    error_message = "A regional API's deployment triggers must stay as they were, or upgrading would redeploy the stage."
  }
}

# A private API through an endpoint the caller gives: associated with it,
# its resource policy admitting that endpoint only (and the access list's
# addresses inside the network), the key still required, and the URL the
# endpoint-specific name that works inside the VPC without a header.
run "private_api_through_a_given_endpoint" {
  command = apply

  variables {
    metadata_service_api_endpoint_type   = "PRIVATE"
    metadata_service_api_vpc_endpoint_id = "vpce-0123456789abcdef0"
    access_list_cidr_blocks              = ["10.10.8.0/24"]
  }

  assert {
    condition     = aws_api_gateway_rest_api.this[0].endpoint_configuration[0].types == tolist(["PRIVATE"])
    error_message = "metadata_service_api_endpoint_type = PRIVATE must make the REST API private."
  }

  assert {
    condition     = aws_api_gateway_rest_api.this[0].endpoint_configuration[0].vpc_endpoint_ids == toset(["vpce-0123456789abcdef0"])
    error_message = "The private API must be associated with its VPC endpoint (that association gives it the endpoint-specific name)."
  }

  assert {
    condition     = output.METAFLOW_SERVICE_URL == "https://abcde12345-vpce-0123456789abcdef0.execute-api.eu-west-1.amazonaws.com/api/"
    error_message = "A private API's URL must be https://{api-id}-{vpce-id}.execute-api.{region}.amazonaws.com/api/ (no header needed); got ${output.METAFLOW_SERVICE_URL}."
  }

  assert {
    condition     = length(aws_api_gateway_rest_api_policy.this) == 1 && length(data.aws_iam_policy_document.api) == 0
    error_message = "A private API must get the private resource policy and not the regional one."
  }

  assert {
    condition = [for s in data.aws_iam_policy_document.api_private[0].statement : s.sid] == ["InvokeThroughVpcEndpoint", "DenyOutsideVpcEndpoint", "DenyOutsideAccessList"] && alltrue([
      for s in data.aws_iam_policy_document.api_private[0].statement :
      s.actions == toset(["execute-api:Invoke"]) && s.resources == toset(["arn:aws:execute-api:eu-west-1:123456789012:abcde12345/*"])
    ])
    error_message = "The private policy must allow through the endpoint and deny outside it and outside the access list, on the whole API."
  }

  assert {
    condition = (
      jsonencode({ for c in data.aws_iam_policy_document.api_private[0].statement[0].condition : c.variable => [c.test, c.values] }) == jsonencode({
        "aws:SourceVpce"  = ["StringEquals", ["vpce-0123456789abcdef0"]]
        "aws:VpcSourceIp" = ["IpAddress", ["10.10.8.0/24"]]
      })
      && jsonencode({ for c in data.aws_iam_policy_document.api_private[0].statement[1].condition : c.variable => [c.test, c.values] }) == jsonencode({ "aws:SourceVpce" = ["StringNotEquals", ["vpce-0123456789abcdef0"]] })
      && jsonencode({ for c in data.aws_iam_policy_document.api_private[0].statement[2].condition : c.variable => [c.test, c.values] }) == jsonencode({ "aws:VpcSourceIp" = ["NotIpAddress", ["10.10.8.0/24"]] })
    )
    error_message = "Allow only aws:SourceVpce = the endpoint from the access list (aws:VpcSourceIp: aws:SourceIp is absent through an endpoint); deny any other endpoint and address."
  }

  assert {
    condition     = aws_api_gateway_method.proxy[0].api_key_required && length(aws_api_gateway_usage_plan_key.this) == 1 && output.api_key_value != ""
    error_message = "The API key works as before on a private API."
  }

  assert {
    condition     = toset(keys(aws_api_gateway_deployment.this[0].triggers)) == toset(["redeployment", "endpoint"])
    error_message = "A private API's deployment must follow its endpoint configuration: association changes take effect only when deployed."
  }

  assert {
    condition     = output.METAFLOW_SERVICE_INTERNAL_URL == "http://mf-nlb-test-0123456789abcdef.elb.eu-west-1.amazonaws.com/"
    error_message = "The internal URL does not change with the API's endpoint type."
  }
}

# API Gateway deploys a private API only with a resource policy: without an
# access list it still admits the endpoint alone.
run "private_api_without_access_list" {
  command = apply

  variables {
    metadata_service_api_endpoint_type   = "PRIVATE"
    metadata_service_api_vpc_endpoint_id = "vpce-0123456789abcdef0"
  }

  assert {
    condition     = length(aws_api_gateway_rest_api_policy.this) == 1 && [for s in data.aws_iam_policy_document.api_private[0].statement : s.sid] == ["InvokeThroughVpcEndpoint", "DenyOutsideVpcEndpoint"]
    error_message = "Without an access list a private API must still have its endpoint-only policy, and no access list statement."
  }

  assert {
    condition     = [for c in data.aws_iam_policy_document.api_private[0].statement[0].condition : c.variable] == ["aws:SourceVpce"]
    error_message = "Without an access list the Allow must hold the endpoint condition only."
  }
}

# Private DNS on the endpoint: the API's own name reaches it inside the VPC,
# so the URL is the stage's invoke URL.
run "private_api_with_private_dns" {
  command = apply

  variables {
    metadata_service_api_endpoint_type            = "PRIVATE"
    metadata_service_api_vpc_endpoint_id          = "vpce-0123456789abcdef0"
    metadata_service_api_vpc_endpoint_private_dns = true
  }

  assert {
    condition     = output.METAFLOW_SERVICE_URL == "https://abcde12345.execute-api.eu-west-1.amazonaws.com/api/"
    error_message = "With private DNS on the endpoint the URL must be the API's own name; got ${output.METAFLOW_SERVICE_URL}."
  }
}

run "gateway_without_basic_auth" {
  command = apply

  variables {
    enable_api_basic_auth = false
  }

  assert {
    condition     = !aws_api_gateway_method.proxy[0].api_key_required && !aws_api_gateway_method.db_schema_status[0].api_key_required
    error_message = "Basic auth off: no route may require an API key."
  }

  assert {
    condition     = length(aws_api_gateway_api_key.this) == 0 && length(aws_api_gateway_usage_plan.this) == 0
    error_message = "Basic auth off: no API key and no usage plan."
  }

  assert {
    condition     = output.api_gateway_rest_api_id_key_id == "" && output.api_key_value == ""
    error_message = "Basic auth off: the key outputs must be empty strings."
  }

  assert {
    condition     = length(aws_api_gateway_rest_api_policy.this) == 0
    error_message = "An empty access list must not produce a resource policy."
  }
}

run "no_gateway_falls_back_to_the_internal_url" {
  command = apply

  variables {
    enable_api_gateway      = false
    access_list_cidr_blocks = ["203.0.113.0/24"]
  }

  assert {
    condition     = output.METAFLOW_SERVICE_URL == "http://mf-nlb-test-0123456789abcdef.elb.eu-west-1.amazonaws.com/"
    error_message = "Without the gateway METAFLOW_SERVICE_URL must be the internal URL, never empty; got \"${output.METAFLOW_SERVICE_URL}\"."
  }

  assert {
    condition     = output.METAFLOW_SERVICE_URL == output.METAFLOW_SERVICE_INTERNAL_URL
    error_message = "Without the gateway both URLs must be the same."
  }

  assert {
    condition = (
      length(aws_api_gateway_rest_api.this) + length(aws_api_gateway_stage.this) + length(aws_api_gateway_vpc_link.this) +
      length(aws_api_gateway_rest_api_policy.this) + length(aws_api_gateway_api_key.this) + length(aws_api_gateway_account.this) +
      length(aws_iam_role.api_gateway_cloudwatch) + length(aws_cloudwatch_log_group.api_access)
    ) == 0
    error_message = "Without the gateway no API Gateway resource may exist."
  }

  assert {
    condition     = output.api_gateway_rest_api_id == "" && output.api_gateway_rest_api_id_key_id == "" && output.api_key_value == ""
    error_message = "Without the gateway the API outputs must be empty strings."
  }

  assert {
    condition     = output.migration_function_arn != "" && output.network_load_balancer_dns_name != ""
    error_message = "The NLB and the migration Lambda exist with or without the gateway."
  }
}

run "account_logging_role_left_to_the_caller" {
  command = plan

  variables {
    create_api_gateway_cloudwatch_role = false
  }

  assert {
    condition     = length(aws_api_gateway_account.this) == 0 && length(aws_iam_role.api_gateway_cloudwatch) == 0
    error_message = "With create_api_gateway_cloudwatch_role = false the region-wide API Gateway setting must be left alone."
  }

  assert {
    condition     = length(aws_api_gateway_stage.this) == 1 && length(aws_api_gateway_stage.this[0].access_log_settings) == 1
    error_message = "The stage still writes access logs."
  }
}

run "nlb_is_internal_cross_zone_and_filtered" {
  command = plan

  assert {
    condition     = aws_lb.this.internal && aws_lb.this.load_balancer_type == "network"
    error_message = "The metadata NLB must be an internal network load balancer."
  }

  assert {
    condition     = aws_lb.this.enable_cross_zone_load_balancing
    error_message = "Cross-zone load balancing must be on: one task in one AZ would be unreachable from the others."
  }

  assert {
    condition     = aws_lb_target_group.api.health_check[0].path == "/ping" && aws_lb_target_group.api.target_type == "ip"
    error_message = "The API target group must check /ping on ip targets."
  }

  assert {
    condition     = aws_lb_listener.api.port == 80 && aws_lb_listener.migration.port == 8082
    error_message = "Listeners: 80 for the API, 8082 for migrations."
  }

  assert {
    condition     = [for r in aws_vpc_security_group_ingress_rule.nlb_api_from_vpc : r.cidr_ipv4] == ["10.10.0.0/16"]
    error_message = "Only the VPC CIDRs may reach the NLB API port."
  }

  assert {
    condition     = alltrue([for r in aws_vpc_security_group_ingress_rule.service_from_nlb : r.cidr_ipv4 == null])
    error_message = "The service tasks must admit traffic by security group reference, not by CIDR."
  }

  assert {
    condition     = aws_vpc_security_group_ingress_rule.nlb_migration_from_lambda[0].cidr_ipv4 == null && aws_vpc_security_group_ingress_rule.nlb_migration_from_lambda[0].from_port == 8082
    error_message = "The migration port must be open to the migration Lambda's group only."
  }

  assert {
    condition     = aws_ecs_service.this.network_configuration[0].assign_public_ip == false
    error_message = "By default the task gets no public IP."
  }
}

run "password_only_through_secrets_manager" {
  command = apply

  assert {
    condition     = one(jsondecode(aws_ecs_task_definition.this.container_definitions)).secrets == [{ name = "MF_METADATA_DB_PSWD", valueFrom = var.database_password_secret_arn }]
    error_message = "The password must reach the container as an ECS secret from the given ARN."
  }

  assert {
    condition     = !contains([for e in one(jsondecode(aws_ecs_task_definition.this.container_definitions)).environment : e.name], "MF_METADATA_DB_PSWD")
    error_message = "The password must not be a plain environment variable."
  }

  assert {
    condition     = { for e in one(jsondecode(aws_ecs_task_definition.this.container_definitions)).environment : e.name => e.value }["MF_METADATA_DB_PORT"] == "5432"
    error_message = "The database port must reach the container."
  }

  # The execution role's policy itself is tested in modules/ecs-task-execution-role.
  assert {
    condition     = aws_ecs_task_definition.this.execution_role_arn == module.execution_role.arn
    error_message = "The task definition must use the module's own execution role."
  }

  assert {
    condition     = aws_lambda_function.migration[0].environment[0].variables == tomap({ MD_LB_ADDRESS = "http://mf-nlb-test-0123456789abcdef.elb.eu-west-1.amazonaws.com:8082" })
    error_message = "The migration Lambda gets only MD_LB_ADDRESS, never the password."
  }

  assert {
    condition     = aws_lambda_function.migration[0].runtime == "python3.13" && aws_lambda_function.migration[0].handler == "db_migrate.handler"
    error_message = "The migration Lambda must run db_migrate.handler on a supported Python runtime."
  }

  assert {
    condition     = aws_cloudwatch_log_group.service.retention_in_days == 30 && aws_cloudwatch_log_group.migration[0].retention_in_days == 30
    error_message = "Every log group must have a retention."
  }
}

run "no_kms_statements_without_keys" {
  command = plan

  variables {
    database_password_secret_kms_key_arn = ""
    datastore_s3_bucket_kms_key_arn      = ""
  }

  assert {
    condition     = length([for s in data.aws_iam_policy_document.task.statement : s if s.sid == "BucketKey"]) == 0
    error_message = "Without a bucket KMS key there is no KMS statement in the task role."
  }

  assert {
    condition     = length([for s in data.aws_iam_policy_document.task.statement : s if s.sid == "DenyPresignedUrls" && s.effect == "Deny"]) == 1
    error_message = "The task role must deny presigned-URL access to the bucket."
  }
}

run "long_names_fit_aws_limits" {
  command = plan

  variables {
    resource_prefix = "a-very-long-prefix-for-metaflow1"
    resource_suffix = "long-suffix-0001"
  }

  assert {
    condition = alltrue([
      length(aws_lb.this.name) <= 32,
      length(aws_lb_target_group.api.name) <= 32,
      length(aws_lb_target_group.migration.name) <= 32,
      aws_lb_target_group.api.name != aws_lb_target_group.migration.name,
      length(aws_lambda_function.migration[0].function_name) <= 64,
      length(aws_iam_role.task.name) <= 64,
      length(module.execution_role.name) <= 64,
      length(aws_iam_role.migration[0].name) <= 64,
    ])
    error_message = "Generated names must fit AWS limits and stay distinct."
  }
}

run "accepts_a_valid_larger_size" {
  command = plan

  variables {
    metadata_service_cpu    = 4096
    metadata_service_memory = 30720
  }

  assert {
    condition     = aws_ecs_task_definition.this.cpu == "4096" && aws_ecs_task_definition.this.memory == "30720"
    error_message = "CPU and memory must reach the task definition."
  }
}

# The defaults are what the service always had: 0.5 vCPU, 1 GiB, Fargate's
# own 20 GiB of ephemeral storage (no block), one task, the migration Lambda.
run "default_size_and_migration_lambda_as_before" {
  command = plan

  assert {
    condition     = aws_ecs_task_definition.this.cpu == "512" && aws_ecs_task_definition.this.memory == "1024"
    error_message = "By default the task has 512 CPU units and 1024 MiB; got ${aws_ecs_task_definition.this.cpu}/${aws_ecs_task_definition.this.memory}."
  }

  assert {
    condition     = length(aws_ecs_task_definition.this.ephemeral_storage) == 0
    error_message = "By default the task definition sets no ephemeral storage (Fargate's 20 GiB), as before."
  }

  assert {
    condition     = aws_ecs_service.this.desired_count == 1
    error_message = "By default the service runs one task."
  }

  assert {
    condition = (
      length(aws_lambda_function.migration) == 1 && length(aws_iam_role.migration) == 1 && length(aws_iam_role_policy.migration) == 1 &&
      length(aws_cloudwatch_log_group.migration) == 1 && length(aws_security_group.migration) == 1 &&
      length(aws_vpc_security_group_ingress_rule.nlb_migration_from_lambda) == 1 && length(aws_vpc_security_group_egress_rule.migration_to_nlb) == 1
    )
    error_message = "By default the migration Lambda exists with its role, policy, log group and security group, and the NLB admits it."
  }

  assert {
    condition     = one(aws_lambda_function.migration[0].vpc_config).security_group_ids == toset([aws_security_group.migration[0].id])
    error_message = "The migration Lambda of a new stack runs in its own security group."
  }
}

run "sizes_reach_the_task_definition_and_the_service" {
  command = plan

  variables {
    metadata_service_cpu               = 1024
    metadata_service_memory            = 3072
    metadata_service_ephemeral_storage = 50
    metadata_service_desired_count     = 2
  }

  assert {
    condition     = aws_ecs_task_definition.this.cpu == "1024" && aws_ecs_task_definition.this.memory == "3072"
    error_message = "metadata_service_cpu and metadata_service_memory must reach the task definition; got ${aws_ecs_task_definition.this.cpu}/${aws_ecs_task_definition.this.memory}."
  }

  assert {
    condition     = one(aws_ecs_task_definition.this.ephemeral_storage).size_in_gib == 50
    error_message = "metadata_service_ephemeral_storage must reach the task definition."
  }

  assert {
    condition     = aws_ecs_service.this.desired_count == 2
    error_message = "metadata_service_desired_count must reach the ECS service."
  }
}

run "largest_ephemeral_storage" {
  command = plan

  variables {
    metadata_service_ephemeral_storage = 200
  }

  assert {
    condition     = one(aws_ecs_task_definition.this.ephemeral_storage).size_in_gib == 200
    error_message = "200 GiB, Fargate's largest, must reach the task definition."
  }
}

# Without the Lambda: nothing of it, the output is "", nobody reaches the
# migration port through the NLB's group; the schema status route of API
# Gateway stays (it goes through the VPC link, which the group does not filter).
run "migration_lambda_off" {
  command = apply

  variables {
    enable_migration_lambda = false
  }

  assert {
    condition = (
      length(aws_lambda_function.migration) + length(aws_iam_role.migration) + length(aws_iam_role_policy.migration) +
      length(aws_cloudwatch_log_group.migration) + length(aws_security_group.migration) + length(data.archive_file.migration) +
      length(aws_vpc_security_group_ingress_rule.nlb_migration_from_lambda) + length(aws_vpc_security_group_egress_rule.migration_to_nlb)
    ) == 0
    error_message = "enable_migration_lambda = false: no migration Lambda, role, policy, log group, security group, zip or NLB rule for it."
  }

  assert {
    condition     = output.migration_function_arn == ""
    error_message = "Without the Lambda migration_function_arn must be \"\"; got \"${output.migration_function_arn}\"."
  }

  assert {
    condition     = length(aws_api_gateway_integration.db_schema_status) == 1 && aws_lb_listener.migration.port == 8082
    error_message = "Without the Lambda the migration listener and the db_schema_status route stay."
  }

  assert {
    condition     = length(aws_ecs_service.this.load_balancer) == 2 && aws_ecs_service.this.desired_count == 1
    error_message = "Without the Lambda the service is unchanged: both target groups, one task."
  }
}

# An upgraded stack's Lambda ran in the service's group, whose inline rules
# stay as they were with or without it.
run "migration_lambda_off_on_an_upgraded_stack" {
  command = plan

  variables {
    upgrade_from            = "v0.12"
    enable_migration_lambda = false
  }

  assert {
    condition     = length(aws_lambda_function.migration) + length(aws_iam_role.migration) + length(aws_cloudwatch_log_group.migration) + length(aws_security_group.migration) == 0
    error_message = "enable_migration_lambda = false on an upgraded stack: no Lambda, role, log group or Lambda group."
  }

  assert {
    condition     = length(aws_security_group.service.ingress) == 3
    error_message = "The upgraded service group keeps its three inline ingress rules."
  }
}

run "migration_lambda_on_an_upgraded_stack_uses_the_service_group" {
  command = plan

  variables {
    upgrade_from = "v0.12"
  }

  assert {
    condition     = length(aws_security_group.migration) == 0 && one(aws_lambda_function.migration[0].vpc_config).security_group_ids == toset([aws_security_group.service.id])
    error_message = "An upgraded stack's Lambda keeps running in the service's group."
  }
}

# The root passes its log_retention_in_days here; a short one (as the deploy
# tests use) must reach every log group, not only the default's.
run "log_retention_reaches_every_log_group" {
  command = plan

  variables {
    enable_api_gateway    = true
    log_retention_in_days = 1
  }

  assert {
    condition     = aws_cloudwatch_log_group.service.retention_in_days == 1 && aws_cloudwatch_log_group.migration[0].retention_in_days == 1 && aws_cloudwatch_log_group.api_access[0].retention_in_days == 1 && aws_cloudwatch_log_group.container_insights.retention_in_days == 1
    error_message = "log_retention_in_days must set the retention of the service, migration, API access and Container Insights log groups."
  }
}

# Created by us, not by AWS: tagged, expiring, destroyed with the stack.
run "container_insights_log_group_is_managed" {
  command = plan

  variables {
    tags = { "metaflow-test-run" = "run1" }
  }

  assert {
    condition     = aws_cloudwatch_log_group.container_insights.name == "/aws/ecs/containerinsights/${aws_ecs_cluster.this.name}/performance"
    error_message = "The Container Insights log group must have the name ECS writes to."
  }

  assert {
    condition     = aws_cloudwatch_log_group.container_insights.tags["metaflow-test-run"] == "run1"
    error_message = "The Container Insights log group must carry the module's tags."
  }
}

# IAM guard rails: every role of the module (the task role, the migration
# Lambda's role, API Gateway's logging role, and the task execution role of
# modules/ecs-task-execution-role) gets the path and permissions boundary.
run "iam_path_and_boundary_reach_every_role" {
  command = plan

  variables {
    iam_path                 = "/metaflow/"
    iam_permissions_boundary = "arn:aws:iam::123456789012:policy/boundaries/MetaflowBoundary"
  }

  assert {
    condition     = length(concat([aws_iam_role.task], aws_iam_role.migration, aws_iam_role.api_gateway_cloudwatch)) == 3
    error_message = "This shape must create every role of the module, so the assertions below cover each."
  }

  assert {
    condition     = alltrue([for r in concat([aws_iam_role.task], aws_iam_role.migration, aws_iam_role.api_gateway_cloudwatch) : r.path == "/metaflow/" && r.permissions_boundary == "arn:aws:iam::123456789012:policy/boundaries/MetaflowBoundary"])
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
    condition     = alltrue([for r in concat([aws_iam_role.task], aws_iam_role.migration, aws_iam_role.api_gateway_cloudwatch) : r.path == "/"]) && module.execution_role.path == "/"
    error_message = "By default every role must sit at AWS's \"/\", as on a stack from before the guard rails (a path change replaces a role)."
  }

  # A null boundary is unknown in a mocked plan (the offline schema marks it
  # computed), so the default is held where the roles read it.
  assert {
    condition     = module.common.iam_permissions_boundary == null
    error_message = "By default the roles must get no permissions boundary."
  }
}
