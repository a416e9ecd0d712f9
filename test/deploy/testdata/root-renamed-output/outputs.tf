# Broken fixture: a root module whose METAFLOW_SERVICE_URL output was renamed.
output "METAFLOW_BATCH_JOB_QUEUE" {
  description = "Fixture."
  value       = ""
}

output "metaflow_service_url" {
  description = "Fixture."
  value       = ""
}

output "METAFLOW_SERVICE_INTERNAL_URL" {
  description = "Fixture."
  value       = ""
}

output "METAFLOW_ECS_S3_ACCESS_IAM_ROLE" {
  description = "Fixture."
  value       = ""
}

output "METAFLOW_SFN_IAM_ROLE" {
  description = "Fixture."
  value       = ""
}

output "METAFLOW_SFN_DYNAMO_DB_TABLE" {
  description = "Fixture."
  value       = ""
}

output "api_gateway_rest_api_id_key_id" {
  description = "Fixture."
  value       = ""
}

output "datastore_s3_bucket_kms_key_arn" {
  description = "Fixture."
  value       = ""
}

output "eks_cluster_name" {
  description = "Fixture."
  value       = ""
}

output "kubernetes_namespace" {
  description = "Fixture."
  value       = ""
}

output "metaflow_aws_managed_profile_json" {
  description = "Fixture."
  value       = ""
}

output "metaflow_s3_bucket_name" {
  description = "Fixture."
  value       = ""
}

output "migration_function_arn" {
  description = "Fixture."
  value       = ""
}

output "resource_prefix" {
  description = "Fixture."
  value       = ""
}

output "ui_alb_arn" {
  description = "Fixture."
  value       = ""
}

output "ui_alb_dns_name" {
  description = "Fixture."
  value       = ""
}

output "METAFLOW_SERVICE_AUTH_KEY" {
  description = "Fixture."
  value       = ""
  sensitive   = true
}
