output "METAFLOW_BATCH_JOB_QUEUE" {
  description = "ARN of the Batch job queue Metaflow submits @batch steps to (default_batch_job_queue)."
  value       = local.job_queue_arns[var.default_batch_job_queue]
}

output "batch_compute_environment_arn" {
  description = "ARN of the default managed Batch compute environment."
  value       = aws_batch_compute_environment.this.arn
}

output "batch_compute_environment_arns" {
  description = "ARN of every managed Batch compute environment, by name (\"default\" and the keys of compute_environments)."
  value       = local.compute_environment_arns
}

output "batch_compute_environment_security_group_id" {
  description = "ID of the security group of the compute environment's instances or Fargate tasks; admit it where jobs must connect (for example the database)."
  value       = aws_security_group.this.id
}

output "batch_job_queue_arn" {
  description = "ARN of the default Batch job queue (same value as METAFLOW_BATCH_JOB_QUEUE)."
  value       = local.job_queue_arns[var.default_batch_job_queue]
}

output "batch_job_queue_arns" {
  description = "ARN of every Batch job queue, by name (\"default\" and the keys of batch_job_queues). A step runs on another queue than the default with @batch(queue=\"<ARN>\")."
  value       = local.job_queue_arns
}

output "batch_job_queue_name" {
  description = "Name of the default Batch job queue (default_batch_job_queue)."
  value       = var.default_batch_job_queue == "default" ? aws_batch_job_queue.this.name : aws_batch_job_queue.additional[var.default_batch_job_queue].name
}

output "batch_service_role_arn" {
  description = "ARN of the role AWS Batch uses to manage the compute environment."
  value       = aws_iam_role.batch_service.arn
}

output "ecs_execution_role_arn" {
  description = "ARN of the ECS task execution role (image pull, log writes) for Batch jobs; Metaflow's METAFLOW_ECS_FARGATE_EXECUTION_ROLE."
  value       = aws_iam_role.ecs_execution.arn
}

output "ecs_instance_role_arn" {
  description = "ARN of the ECS instance role of the EC2 instances; null when batch_type is \"fargate\"."
  value       = one(aws_iam_role.ecs_instance[*].arn)
}

output "launch_template_id" {
  description = "ID of the launch template of the EC2 instances; null when batch_type is \"fargate\"."
  value       = one(aws_launch_template.this[*].id)
}
