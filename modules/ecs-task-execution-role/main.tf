################################################################################
# ECS task execution role: what ECS itself needs to start a task that reads the
# database password from Secrets Manager. The metadata service and the UI each
# create one of their own, so they do not depend on the computation module.
################################################################################

data "aws_iam_policy_document" "assume_role" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "this" {
  name               = var.name
  description        = var.description
  assume_role_policy = data.aws_iam_policy_document.assume_role.json

  path                 = var.iam_path
  permissions_boundary = var.iam_permissions_boundary

  tags = var.tags
}

# Wildcard resource on purpose: ecr:GetAuthorizationToken has no resource-level permissions and the images may live in any repository the caller names.
data "aws_iam_policy_document" "this" {
  statement {
    sid = "PullImages"
    actions = [
      "ecr:BatchCheckLayerAvailability",
      "ecr:BatchGetImage",
      "ecr:GetAuthorizationToken",
      "ecr:GetDownloadUrlForLayer",
    ]
    resources = ["*"]
  }

  statement {
    sid       = "WriteLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = [for arn in var.log_group_arns : "${arn}:*"]
  }

  statement {
    sid       = "ReadDatabasePassword"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = [var.database_password_secret_arn]
  }

  # An AWS managed secret key needs no grant here; a customer managed one is
  # usable only through Secrets Manager, never directly.
  dynamic "statement" {
    for_each = var.database_password_secret_kms_key_arn == "" ? [] : [var.database_password_secret_kms_key_arn]

    content {
      sid       = "DecryptDatabasePassword"
      actions   = ["kms:Decrypt"]
      resources = [statement.value]

      condition {
        test     = "StringEquals"
        variable = "kms:ViaService"
        values   = ["secretsmanager.${var.region}.amazonaws.com"]
      }
    }
  }
}

resource "aws_iam_role_policy" "this" {
  name   = var.policy_name
  role   = aws_iam_role.this.id
  policy = data.aws_iam_policy_document.this.json
}
