output "metaflow_profile_json" {
  description = "Metaflow profile of the stack without the API key (the written file has it)."
  value       = module.metaflow.metaflow_aws_managed_profile_json
}

output "metaflow_profile_path" {
  description = "Path of the written profile, API key included."
  value       = local_sensitive_file.metaflow_profile.filename
}

output "metaflow_service_url" {
  description = "URL of the metadata service API (API Gateway)."
  value       = module.metaflow.METAFLOW_SERVICE_URL
}

output "metaflow_batch_job_queue" {
  description = "ARN of the AWS Batch job queue Metaflow steps run on."
  value       = module.metaflow.METAFLOW_BATCH_JOB_QUEUE
}
