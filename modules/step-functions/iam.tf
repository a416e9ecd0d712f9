################################################################################
# Step Functions role: what Metaflow's state machines do on the caller's behalf
################################################################################

data "aws_iam_policy_document" "step_functions_assume_role" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["states.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }
}

resource "aws_iam_role" "step_functions" {
  name               = local.names.sfn_role
  description        = "Assumed by the Metaflow Step Functions state machines to run steps on AWS Batch."
  assume_role_policy = data.aws_iam_policy_document.step_functions_assume_role.json

  path                 = module.common.iam_path
  permissions_boundary = module.common.iam_permissions_boundary

  tags = var.tags
}

data "aws_iam_policy_document" "step_functions" {
  # Run state in the table, as for the Metaflow task role.
  source_policy_documents = [data.aws_iam_policy_document.dynamodb.json]

  statement {
    sid       = "BatchSubmitOnQueue"
    actions   = ["batch:SubmitJob"]
    resources = concat([var.batch_job_queue_arn], var.additional_batch_job_queue_arns, [local.batch_job_definition_arns])
  }

  statement {
    sid       = "BatchManageJobs"
    actions   = ["batch:TerminateJob", "batch:TagResource"]
    resources = [local.batch_job_arns]
  }

  # DescribeJobs has no resource-level permissions, hence "*".
  statement {
    sid       = "BatchDescribeJobs"
    actions   = ["batch:DescribeJobs"]
    resources = ["*"]
  }

  statement {
    sid       = "BatchJobEventsRule"
    actions   = ["events:PutTargets", "events:PutRule", "events:DescribeRule"]
    resources = [local.batch_events_rule_arn]
  }

  statement {
    sid       = "BucketList"
    actions   = ["s3:ListBucket"]
    resources = [var.s3_bucket_arn]
  }

  statement {
    sid       = "BucketObjects"
    actions   = ["s3:GetObject", "s3:PutObject"]
    resources = ["${var.s3_bucket_arn}/*"]
  }

  dynamic "statement" {
    for_each = var.s3_bucket_kms_arn == "" ? [] : [var.s3_bucket_kms_arn]

    content {
      sid       = "BucketKey"
      actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
      resources = [statement.value]
    }
  }

  # Log delivery for state machines with logging configured; these CloudWatch
  # Logs actions have no resource-level permissions.
  statement {
    sid = "LogDelivery"
    actions = [
      "logs:CreateLogDelivery",
      "logs:DeleteLogDelivery",
      "logs:DescribeLogGroups",
      "logs:DescribeResourcePolicies",
      "logs:GetLogDelivery",
      "logs:ListLogDeliveries",
      "logs:PutResourcePolicy",
      "logs:UpdateLogDelivery",
    ]
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "step_functions" {
  name   = "metaflow-step-functions"
  role   = aws_iam_role.step_functions.id
  policy = data.aws_iam_policy_document.step_functions.json
}

################################################################################
# EventBridge role: starts scheduled executions of Metaflow's state machines
################################################################################

data "aws_iam_policy_document" "eventbridge_assume_role" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["events.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }
}

resource "aws_iam_role" "eventbridge" {
  name               = local.names.sfn_eventbridge_role
  description        = "Assumed by EventBridge schedules to start Metaflow Step Functions executions."
  assume_role_policy = data.aws_iam_policy_document.eventbridge_assume_role.json

  path                 = module.common.iam_path
  permissions_boundary = module.common.iam_permissions_boundary

  tags = var.tags
}

data "aws_iam_policy_document" "eventbridge" {
  statement {
    sid       = "StartMetaflowStateMachines"
    actions   = ["states:StartExecution"]
    resources = [local.state_machine_arns]
  }
}

resource "aws_iam_role_policy" "eventbridge" {
  name   = "metaflow-start-executions"
  role   = aws_iam_role.eventbridge.id
  policy = data.aws_iam_policy_document.eventbridge.json
}

################################################################################
# Policy for the Metaflow task role (attached by the caller): Metaflow's
# foreach steps read and write run state in the table.
################################################################################

data "aws_iam_policy_document" "dynamodb" {
  statement {
    sid       = "MetaflowStepFunctionsRunState"
    actions   = ["dynamodb:PutItem", "dynamodb:GetItem", "dynamodb:UpdateItem"]
    resources = [aws_dynamodb_table.this.arn]
  }
}
