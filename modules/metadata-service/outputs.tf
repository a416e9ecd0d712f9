output "METAFLOW_SERVICE_INTERNAL_URL" {
  description = "URL of the metadata service inside the VPC (the internal NLB), for Batch jobs and the UI."
  value       = local.internal_url
}

output "METAFLOW_SERVICE_URL" {
  description = "URL Metaflow clients use: with enable_api_gateway the API Gateway stage (REGIONAL: https://{api-id}.execute-api.{region}.amazonaws.com/api/; PRIVATE: the same name with metadata_service_api_vpc_endpoint_private_dns, else https://{api-id}-{vpce-id}.execute-api.{region}.amazonaws.com/api/, answering only inside the network of the VPC endpoint), otherwise the internal URL. Never empty."
  value       = var.enable_api_gateway ? local.api_url : local.internal_url
}

output "api_gateway_rest_api_id" {
  description = "ID of the REST API in front of the metadata service; \"\" when enable_api_gateway is false."
  value       = join("", aws_api_gateway_rest_api.this[*].id)
}

output "api_gateway_rest_api_id_key_id" {
  description = "ID of the API key clients must send; \"\" without basic auth. The key itself is the api_key_value output."
  value       = join("", aws_api_gateway_api_key.this[*].id)
}

output "api_key_value" {
  description = "The API key clients send as METAFLOW_SERVICE_AUTH_KEY; \"\" without basic auth."
  value       = join("", aws_api_gateway_api_key.this[*].value)
  sensitive   = true
}

output "metadata_service_security_group_id" {
  description = "Security group of the metadata service tasks; add it to the database's allowed security groups."
  value       = aws_security_group.service.id
}

output "metadata_svc_ecs_task_role_arn" {
  description = "ARN of the role the metadata service tasks run with."
  value       = aws_iam_role.task.arn
}

output "migration_function_arn" {
  description = "ARN of the Lambda that upgrades the database schema; invoke it after changing the service image. \"\" when enable_migration_lambda is false."
  value       = join("", aws_lambda_function.migration[*].arn)
}

output "network_load_balancer_dns_name" {
  description = "DNS name of the internal NLB in front of the service."
  value       = aws_lb.this.dns_name
}
