################################################################################
# Task execution role shared by both UI services: pull images, write the UI
# log group, read the database password. Created here so the UI does not
# depend on the computation module.
################################################################################

data "aws_iam_policy_document" "ecs_tasks_assume_role" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "execution" {
  name               = local.names.ui_execution_role
  description        = "Lets ECS pull the Metaflow UI images, write their logs and read the database password."
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_assume_role.json

  tags = var.tags
}

# Wildcard resource on purpose: ecr:GetAuthorizationToken has no resource-level permissions and the images may live in any repository the caller names.
data "aws_iam_policy_document" "execution" {
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
    sid       = "WriteUiLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.this.arn}:*"]
  }

  statement {
    sid       = "ReadDatabasePassword"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = [var.database_password_secret_arn]
  }

  dynamic "statement" {
    for_each = var.database_password_secret_kms_key_arn == "" ? [] : [var.database_password_secret_kms_key_arn]

    content {
      sid       = "DecryptDatabasePassword"
      actions   = ["kms:Decrypt"]
      resources = [statement.value]

      condition {
        test     = "StringEquals"
        variable = "kms:ViaService"
        values   = ["secretsmanager.${local.region}.amazonaws.com"]
      }
    }
  }
}

resource "aws_iam_role_policy" "execution" {
  name   = "ui-execution"
  role   = aws_iam_role.execution.id
  policy = data.aws_iam_policy_document.execution.json
}

################################################################################
# Backend task role: the UI only shows what Metaflow stored, so it reads the
# datastore bucket and never writes it.
################################################################################

data "aws_iam_policy_document" "backend_task_assume_role" {
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

resource "aws_iam_role" "backend_task" {
  name               = local.names.ui_task_role
  description        = "Role of the Metaflow UI backend tasks: read the datastore bucket."
  assume_role_policy = data.aws_iam_policy_document.backend_task_assume_role.json

  tags = var.tags
}

data "aws_iam_policy_document" "backend_task" {
  statement {
    sid       = "ListBucket"
    actions   = ["s3:ListBucket"]
    resources = [var.s3_bucket_arn]
  }

  statement {
    sid       = "ReadObjects"
    actions   = ["s3:GetObject"]
    resources = ["${var.s3_bucket_arn}/*"]
  }

  dynamic "statement" {
    for_each = var.datastore_s3_bucket_kms_key_arn == "" ? [] : [var.datastore_s3_bucket_kms_key_arn]

    content {
      sid       = "BucketKey"
      actions   = ["kms:Decrypt"]
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

resource "aws_iam_role_policy" "backend_task" {
  name   = "ui-backend-datastore"
  role   = aws_iam_role.backend_task.id
  policy = data.aws_iam_policy_document.backend_task.json
}
