output "arn" {
  description = "ARN of the task execution role, for the task definition's execution_role_arn. Whatever reads it waits until the role's policy is attached, so a task started with the role can pull, log and read the secret."
  value       = aws_iam_role.this.arn

  depends_on = [aws_iam_role_policy.this]
}

output "name" {
  description = "Name of the task execution role."
  value       = aws_iam_role.this.name
}

output "path" {
  description = "Path of the task execution role (the caller's iam_path)."
  value       = aws_iam_role.this.path
}

output "permissions_boundary" {
  description = "Permissions boundary of the task execution role (the caller's iam_permissions_boundary), or null."
  value       = aws_iam_role.this.permissions_boundary
}
