output "metaflow_batch_job_queue_arns" {
  description = "ARNs of the Batch job queues by name: \"default\" (on-demand, the profile's METAFLOW_BATCH_JOB_QUEUE) and \"spot\"."
  value       = module.metaflow.batch_job_queue_arns
}

output "metaflow_profile_json" {
  description = "Metaflow profile of the stack without the API key (the written file has it)."
  value       = module.metaflow.metaflow_aws_managed_profile_json
}

output "metaflow_profile_path" {
  description = "Path of the written profile, API key included."
  value       = local_sensitive_file.metaflow_profile.filename
}

output "metaflow_ui_alb_dns_name" {
  description = "DNS name of the UI load balancer: create a record for your certificate's host name pointing at it."
  value       = module.metaflow.ui_alb_dns_name
}

output "metaflow_sfn_iam_role" {
  description = "ARN of the role the Step Functions state machines run as."
  value       = module.metaflow.METAFLOW_SFN_IAM_ROLE
}
