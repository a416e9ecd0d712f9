################################################################################
# REST API (optional) proxying to the internal NLB through a VPC link:
# regional (public; works in every partition, GovCloud included) or private
# (reachable only through an execute-api interface VPC endpoint, which it is
# associated with). Changing the type updates the API in place: same id.
################################################################################

resource "aws_api_gateway_rest_api" "this" {
  count = var.enable_api_gateway ? 1 : 0

  name        = local.names.metadata_api_gateway
  description = "Metaflow metadata service"

  endpoint_configuration {
    types = [local.api_private ? "PRIVATE" : "REGIONAL"]
    # The association gives the API the name {api-id}-{vpce-id}.execute-api.
    # {region}.amazonaws.com, resolving to the endpoint (no Host or
    # x-apigw-api-id header needed). Unset, as before, on a regional API.
    vpc_endpoint_ids = local.api_private ? [local.api_vpc_endpoint_id] : null
  }

  tags = var.tags
}

resource "aws_api_gateway_vpc_link" "this" {
  count = var.enable_api_gateway ? 1 : 0

  name        = local.names.metadata_vpc_link
  description = "Metaflow metadata service NLB"
  target_arns = [aws_lb.this.arn]

  tags = var.tags
}

# Everything under / goes to the API port of the NLB.
resource "aws_api_gateway_resource" "proxy" {
  count = var.enable_api_gateway ? 1 : 0

  rest_api_id = aws_api_gateway_rest_api.this[0].id
  parent_id   = aws_api_gateway_rest_api.this[0].root_resource_id
  path_part   = "{proxy+}"
}

resource "aws_api_gateway_method" "proxy" {
  count = var.enable_api_gateway ? 1 : 0

  rest_api_id      = aws_api_gateway_rest_api.this[0].id
  resource_id      = aws_api_gateway_resource.proxy[0].id
  http_method      = "ANY"
  authorization    = "NONE"
  api_key_required = var.enable_api_basic_auth

  request_parameters = {
    "method.request.path.proxy" = true
  }
}

resource "aws_api_gateway_integration" "proxy" {
  count = var.enable_api_gateway ? 1 : 0

  rest_api_id             = aws_api_gateway_rest_api.this[0].id
  resource_id             = aws_api_gateway_resource.proxy[0].id
  http_method             = aws_api_gateway_method.proxy[0].http_method
  type                    = "HTTP_PROXY"
  integration_http_method = "ANY"
  uri                     = "http://${aws_lb.this.dns_name}:${local.nlb_api_port}/{proxy}"
  connection_type         = "VPC_LINK"
  connection_id           = aws_api_gateway_vpc_link.this[0].id

  request_parameters = {
    "integration.request.path.proxy" = "method.request.path.proxy"
  }
}

# The schema status (read-only) is reachable from outside for diagnosis; the
# upgrade itself is only run by the migration Lambda inside the VPC.
resource "aws_api_gateway_resource" "db_schema_status" {
  count = var.enable_api_gateway ? 1 : 0

  rest_api_id = aws_api_gateway_rest_api.this[0].id
  parent_id   = aws_api_gateway_rest_api.this[0].root_resource_id
  path_part   = "db_schema_status"
}

resource "aws_api_gateway_method" "db_schema_status" {
  count = var.enable_api_gateway ? 1 : 0

  rest_api_id      = aws_api_gateway_rest_api.this[0].id
  resource_id      = aws_api_gateway_resource.db_schema_status[0].id
  http_method      = "GET"
  authorization    = "NONE"
  api_key_required = var.enable_api_basic_auth
}

resource "aws_api_gateway_integration" "db_schema_status" {
  count = var.enable_api_gateway ? 1 : 0

  rest_api_id             = aws_api_gateway_rest_api.this[0].id
  resource_id             = aws_api_gateway_resource.db_schema_status[0].id
  http_method             = aws_api_gateway_method.db_schema_status[0].http_method
  type                    = "HTTP_PROXY"
  integration_http_method = "GET"
  uri                     = "${local.migration_url}/db_schema_status"
  connection_type         = "VPC_LINK"
  connection_id           = aws_api_gateway_vpc_link.this[0].id
}

################################################################################
# Resource policy. Regional: only the access list may call the API, when one
# is given. Private: only calls through its VPC endpoint (and, when given,
# from the access list's addresses inside the network), always: API Gateway
# does not deploy a private API without a resource policy.
################################################################################

data "aws_iam_policy_document" "api" {
  count = local.api_policy && !local.api_private ? 1 : 0

  statement {
    sid       = "InvokeFromAccessList"
    actions   = ["execute-api:Invoke"]
    resources = ["${aws_api_gateway_rest_api.this[0].execution_arn}/*"]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "IpAddress"
      variable = "aws:SourceIp"
      values   = var.access_list_cidr_blocks
    }
  }

  # Explicit, so a later Allow added by hand cannot open the API to others.
  statement {
    sid       = "DenyOutsideAccessList"
    effect    = "Deny"
    actions   = ["execute-api:Invoke"]
    resources = ["${aws_api_gateway_rest_api.this[0].execution_arn}/*"]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "NotIpAddress"
      variable = "aws:SourceIp"
      values   = var.access_list_cidr_blocks
    }
  }
}

# Calls through a VPC endpoint carry no aws:SourceIp; aws:VpcSourceIp is the
# caller's address inside the network, as the endpoint sees it.
data "aws_iam_policy_document" "api_private" {
  count = local.api_private ? 1 : 0

  statement {
    sid       = "InvokeThroughVpcEndpoint"
    actions   = ["execute-api:Invoke"]
    resources = ["${aws_api_gateway_rest_api.this[0].execution_arn}/*"]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceVpce"
      values   = [local.api_vpc_endpoint_id]
    }

    dynamic "condition" {
      for_each = length(var.access_list_cidr_blocks) > 0 ? [1] : []
      content {
        test     = "IpAddress"
        variable = "aws:VpcSourceIp"
        values   = var.access_list_cidr_blocks
      }
    }
  }

  # Explicit, so a later Allow added by hand cannot open the API to others.
  statement {
    sid       = "DenyOutsideVpcEndpoint"
    effect    = "Deny"
    actions   = ["execute-api:Invoke"]
    resources = ["${aws_api_gateway_rest_api.this[0].execution_arn}/*"]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "StringNotEquals"
      variable = "aws:SourceVpce"
      values   = [local.api_vpc_endpoint_id]
    }
  }

  dynamic "statement" {
    for_each = length(var.access_list_cidr_blocks) > 0 ? [1] : []
    content {
      sid       = "DenyOutsideAccessList"
      effect    = "Deny"
      actions   = ["execute-api:Invoke"]
      resources = ["${aws_api_gateway_rest_api.this[0].execution_arn}/*"]

      principals {
        type        = "*"
        identifiers = ["*"]
      }

      condition {
        test     = "NotIpAddress"
        variable = "aws:VpcSourceIp"
        values   = var.access_list_cidr_blocks
      }
    }
  }
}

resource "aws_api_gateway_rest_api_policy" "this" {
  count = local.api_policy ? 1 : 0

  rest_api_id = aws_api_gateway_rest_api.this[0].id
  policy      = local.api_private ? data.aws_iam_policy_document.api_private[0].json : data.aws_iam_policy_document.api[0].json
}

################################################################################
# Deployment and stage "api"; a new deployment whenever the API changes (its
# routes, its resource policy and, for a private API, its endpoint type and
# VPC endpoint association, which take effect only when deployed).
################################################################################

resource "aws_api_gateway_deployment" "this" {
  count = var.enable_api_gateway ? 1 : 0

  rest_api_id = aws_api_gateway_rest_api.this[0].id
  description = "Metaflow metadata service"

  # A regional API's triggers stay what they always were (no redeployment
  # on upgrade); a private API's add its endpoint configuration.
  triggers = merge(
    {
      redeployment = sha1(jsonencode([
        aws_api_gateway_resource.proxy[0].id,
        aws_api_gateway_method.proxy[0].id,
        aws_api_gateway_method.proxy[0].api_key_required,
        aws_api_gateway_integration.proxy[0].id,
        aws_api_gateway_integration.proxy[0].uri,
        aws_api_gateway_resource.db_schema_status[0].id,
        aws_api_gateway_method.db_schema_status[0].id,
        aws_api_gateway_method.db_schema_status[0].api_key_required,
        aws_api_gateway_integration.db_schema_status[0].id,
        aws_api_gateway_integration.db_schema_status[0].uri,
        aws_api_gateway_rest_api_policy.this[*].policy,
      ]))
    },
    local.api_private ? {
      endpoint = sha1(jsonencode([
        aws_api_gateway_rest_api.this[0].endpoint_configuration[0].types,
        aws_api_gateway_rest_api.this[0].endpoint_configuration[0].vpc_endpoint_ids,
      ]))
    } : {},
  )

  lifecycle {
    create_before_destroy = true
  }

  depends_on = [
    aws_api_gateway_integration.db_schema_status,
    aws_api_gateway_integration.proxy,
    aws_api_gateway_rest_api_policy.this,
  ]
}

resource "aws_cloudwatch_log_group" "api_access" {
  count = var.enable_api_gateway ? 1 : 0

  name              = local.names.metadata_api_access_log_group
  retention_in_days = var.log_retention_in_days

  tags = var.tags
}

resource "aws_api_gateway_account" "this" {
  count = local.manage_api_gateway_account ? 1 : 0

  cloudwatch_role_arn = aws_iam_role.api_gateway_cloudwatch[0].arn

  depends_on = [aws_iam_role_policy_attachment.api_gateway_cloudwatch]
}

resource "aws_api_gateway_stage" "this" {
  count = var.enable_api_gateway ? 1 : 0

  rest_api_id   = aws_api_gateway_rest_api.this[0].id
  deployment_id = aws_api_gateway_deployment.this[0].id
  stage_name    = "api"
  description   = "Metaflow metadata service"

  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.api_access[0].arn
    format = jsonencode({
      requestId      = "$context.requestId"
      sourceIp       = "$context.identity.sourceIp"
      apiKeyId       = "$context.identity.apiKeyId"
      requestTime    = "$context.requestTime"
      httpMethod     = "$context.httpMethod"
      path           = "$context.path"
      status         = "$context.status"
      responseLength = "$context.responseLength"
      latencyMs      = "$context.responseLatency"
      errorMessage   = "$context.error.message"
    })
  }

  tags = var.tags

  depends_on = [aws_api_gateway_account.this]
}

# The URL clients use. A private API answers inside the VPC on its own name
# when its endpoint has private DNS on; otherwise on the endpoint-specific
# name its association created. Neither needs a Host or x-apigw-api-id
# header, which only calling the endpoint's own DNS name would.
locals {
  api_stage_url = var.enable_api_gateway ? "${one(aws_api_gateway_stage.this[*].invoke_url)}/" : ""
  api_url = local.api_private && !var.metadata_service_api_vpc_endpoint_private_dns ? replace(
    local.api_stage_url,
    "://${aws_api_gateway_rest_api.this[0].id}.",
    "://${aws_api_gateway_rest_api.this[0].id}-${local.api_vpc_endpoint_id}.",
  ) : local.api_stage_url
}

################################################################################
# API key (basic auth): a usage plan on the stage and one key in it.
################################################################################

resource "aws_api_gateway_usage_plan" "this" {
  count = local.api_key_enabled ? 1 : 0

  name        = local.names.metadata_usage_plan
  description = "Metaflow metadata service clients"

  api_stages {
    api_id = aws_api_gateway_rest_api.this[0].id
    stage  = aws_api_gateway_stage.this[0].stage_name
  }

  tags = var.tags
}

resource "aws_api_gateway_api_key" "this" {
  count = local.api_key_enabled ? 1 : 0

  name        = local.names.metadata_api_key
  description = "Metaflow clients (METAFLOW_SERVICE_AUTH_KEY)"
  enabled     = true

  tags = var.tags
}

resource "aws_api_gateway_usage_plan_key" "this" {
  count = local.api_key_enabled ? 1 : 0

  key_id        = aws_api_gateway_api_key.this[0].id
  key_type      = "API_KEY"
  usage_plan_id = aws_api_gateway_usage_plan.this[0].id
}
