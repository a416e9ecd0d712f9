module "common" {
  source = "../common"

  resource_prefix          = var.resource_prefix
  resource_suffix          = var.resource_suffix
  upgrade_from             = var.upgrade_from
  iam_path                 = var.iam_path
  iam_permissions_boundary = var.iam_permissions_boundary
}

data "aws_caller_identity" "current" {}

data "aws_region" "current" {}

locals {
  names = module.common.names

  account_id = data.aws_caller_identity.current.account_id
  region     = data.aws_region.current.region

  # Metaflow names each state machine "<prefix>_<flow>" when
  # METAFLOW_SFN_STATE_MACHINE_PREFIX is set, so the EventBridge role can be
  # scoped to that prefix instead of every state machine in the account.
  state_machine_prefix = local.names.sfn_state_machine_prefix
  state_machine_arns   = "arn:${var.iam_partition}:states:${local.region}:${local.account_id}:stateMachine:${local.state_machine_prefix}_*"

  batch_job_definition_arns = "arn:${var.iam_partition}:batch:${local.region}:${local.account_id}:job-definition/*"
  batch_job_arns            = "arn:${var.iam_partition}:batch:${local.region}:${local.account_id}:job/*"

  # Step Functions' .sync integration with Batch creates and reads this
  # managed rule to learn when a job finishes.
  batch_events_rule_arn = "arn:${var.iam_partition}:events:${local.region}:${local.account_id}:rule/StepFunctionsGetEventsForBatchJobsRule"
}
