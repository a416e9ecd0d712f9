output "metaflow_eventbridge_role_arn" {
  description = "ARN of the role EventBridge assumes to start Metaflow state machine executions on a schedule (METAFLOW_EVENTS_SFN_ACCESS_IAM_ROLE)."
  value       = aws_iam_role.eventbridge.arn
}

output "metaflow_step_functions_dynamodb_policy" {
  description = "IAM policy JSON granting read and write of the run-state table; attach it to the role Metaflow steps run with."
  value       = data.aws_iam_policy_document.dynamodb.json
}

output "metaflow_step_functions_dynamodb_table_arn" {
  description = "ARN of the DynamoDB table holding Step Functions run state."
  value       = aws_dynamodb_table.this.arn
}

output "metaflow_step_functions_dynamodb_table_name" {
  description = "Name of the DynamoDB table holding Step Functions run state (METAFLOW_SFN_DYNAMO_DB_TABLE)."
  value       = aws_dynamodb_table.this.name
}

output "metaflow_step_functions_role_arn" {
  description = "ARN of the role the Metaflow state machines run with (METAFLOW_SFN_IAM_ROLE)."
  value       = aws_iam_role.step_functions.arn
}

output "metaflow_step_functions_state_machine_prefix" {
  description = "Prefix Metaflow must put before state machine names (METAFLOW_SFN_STATE_MACHINE_PREFIX); the EventBridge role may only start state machines named with it."
  value       = local.state_machine_prefix
}
