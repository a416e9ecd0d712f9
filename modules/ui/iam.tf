################################################################################
# Task execution role shared by both UI services: pull images, write the UI
# log group, read the database password. Created here so the UI does not
# depend on the computation module.
################################################################################

module "execution_role" {
  source = "../ecs-task-execution-role"

  name        = local.names.ui_execution_role
  description = "Lets ECS pull the Metaflow UI images, write their logs and read the database password."
  policy_name = "ui-execution"
  region      = local.region

  log_group_arns                       = [aws_cloudwatch_log_group.this.arn]
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

  path                 = module.common.iam_path
  permissions_boundary = module.common.iam_permissions_boundary

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
