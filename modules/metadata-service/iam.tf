################################################################################
# Task execution role: what ECS itself needs to start the task. Created here so
# the service does not depend on the computation module.
################################################################################

module "execution_role" {
  source = "../ecs-task-execution-role"

  name        = local.names.metadata_execution_role
  description = "Lets ECS pull the metadata service image, write its logs and read the database password."
  policy_name = "metadata-service-execution"
  region      = local.region

  log_group_arns                       = [aws_cloudwatch_log_group.service.arn]
  database_password_secret_arn         = var.database_password_secret_arn
  database_password_secret_kms_key_arn = var.database_password_secret_kms_key_arn

  iam_path                 = module.common.iam_path
  iam_permissions_boundary = module.common.iam_permissions_boundary

  tags = var.tags
}

# The role and its policy used to live in this module; these keep existing
# deployments from replacing them.
moved {
  from = aws_iam_role.execution
  to   = module.execution_role.aws_iam_role.this
}

moved {
  from = aws_iam_role_policy.execution
  to   = module.execution_role.aws_iam_role_policy.this
}

################################################################################
# Task role: what the service process may do, limited to the datastore bucket.
################################################################################

data "aws_iam_policy_document" "task_assume_role" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }

    condition {
      test     = "ArnLike"
      variable = "aws:SourceArn"
      values   = ["arn:${var.iam_partition}:ecs:${local.region}:${local.account_id}:*"]
    }
  }
}

resource "aws_iam_role" "task" {
  name               = local.names.metadata_task_role
  description        = "Role of the Metaflow metadata service tasks: the datastore bucket and its key only."
  assume_role_policy = data.aws_iam_policy_document.task_assume_role.json

  path                 = module.common.iam_path
  permissions_boundary = module.common.iam_permissions_boundary

  tags = var.tags
}

data "aws_iam_policy_document" "task" {
  statement {
    sid       = "ListBucket"
    actions   = ["s3:ListBucket"]
    resources = [var.s3_bucket_arn]
  }

  statement {
    sid       = "BucketObjects"
    actions   = ["s3:DeleteObject", "s3:GetObject", "s3:PutObject"]
    resources = ["${var.s3_bucket_arn}/*"]
  }

  dynamic "statement" {
    for_each = var.datastore_s3_bucket_kms_key_arn == "" ? [] : [var.datastore_s3_bucket_kms_key_arn]

    content {
      sid       = "BucketKey"
      actions   = ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"]
      resources = [statement.value]
    }
  }

  # Credentials of this role must not be turned into presigned URLs that work
  # from anywhere: only requests signed in the Authorization header pass.
  statement {
    sid       = "DenyPresignedUrls"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [var.s3_bucket_arn, "${var.s3_bucket_arn}/*"]

    condition {
      test     = "StringNotEquals"
      variable = "s3:authType"
      values   = ["REST-HEADER"]
    }
  }
}

resource "aws_iam_role_policy" "task" {
  name   = "metadata-service-datastore"
  role   = aws_iam_role.task.id
  policy = data.aws_iam_policy_document.task.json
}

################################################################################
# Migration Lambda role: its own log group and the VPC network interfaces it
# needs to reach the NLB. No database or bucket access.
################################################################################

data "aws_iam_policy_document" "migration_assume_role" {
  count = local.migration_lambda ? 1 : 0

  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }
}

resource "aws_iam_role" "migration" {
  count = local.migration_lambda ? 1 : 0

  name               = local.names.metadata_migration_lambda_role
  description        = "Role of the Metaflow DB migration Lambda: its logs and VPC network interfaces."
  assume_role_policy = data.aws_iam_policy_document.migration_assume_role[0].json

  path                 = module.common.iam_path
  permissions_boundary = module.common.iam_permissions_boundary

  tags = var.tags
}

# Wildcard resource on purpose: Lambda manages the VPC network interfaces with these EC2 actions, which support no resource scoping for Describe* and are created in subnets chosen at run time.
data "aws_iam_policy_document" "migration" {
  count = local.migration_lambda ? 1 : 0

  statement {
    sid       = "WriteOwnLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.migration[0].arn}:*"]
  }

  statement {
    sid = "VpcNetworkInterfaces"
    actions = [
      "ec2:AssignPrivateIpAddresses",
      "ec2:CreateNetworkInterface",
      "ec2:DeleteNetworkInterface",
      "ec2:DescribeNetworkInterfaces",
      "ec2:DescribeSecurityGroups",
      "ec2:DescribeSubnets",
      "ec2:DescribeVpcs",
      "ec2:UnassignPrivateIpAddresses",
    ]
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "migration" {
  count = local.migration_lambda ? 1 : 0

  name   = "db-migrate-lambda"
  role   = aws_iam_role.migration[0].id
  policy = data.aws_iam_policy_document.migration[0].json
}

################################################################################
# API Gateway writes access logs with a region-wide account setting; without a
# role there, creating a stage with access logging fails.
################################################################################

data "aws_iam_policy_document" "api_gateway_assume_role" {
  count = local.manage_api_gateway_account ? 1 : 0

  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["apigateway.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "api_gateway_cloudwatch" {
  count = local.manage_api_gateway_account ? 1 : 0

  name               = local.names.metadata_api_gateway_cloudwatch_role
  description        = "Lets API Gateway write access logs to CloudWatch Logs in this region."
  assume_role_policy = data.aws_iam_policy_document.api_gateway_assume_role[0].json

  path                 = module.common.iam_path
  permissions_boundary = module.common.iam_permissions_boundary

  tags = var.tags
}

resource "aws_iam_role_policy_attachment" "api_gateway_cloudwatch" {
  count = local.manage_api_gateway_account ? 1 : 0

  role       = aws_iam_role.api_gateway_cloudwatch[0].name
  policy_arn = "arn:${var.iam_partition}:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs"
}
