output "bucket" {
  description = "Bucket name | with a pipe and `code`."
  value       = aws_s3_bucket.this.bucket
}

output "secret" {
  description = "Sensitive output."
  value       = var.password
  sensitive   = true
}

output "multi_line" {
  description = <<-EOT
    First line.
    Second line with a | pipe.
  EOT
  value       = var.settings
}

output "undescribed" {
  value = var.routes
}

# From a comment.
output "commented" {
  value = var.commented
}
