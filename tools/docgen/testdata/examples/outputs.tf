output "metaflow_profile_json" {
  description = "An output."
  value       = "{}"
}

output "bucket_name" {
  description = "Another output."
  value       = var.resource_prefix
}
