locals {
  # Exactly one of the two database shapes exists; one() turns the empty
  # splat of the other into null.
  database_host = local.is_aurora ? one(aws_rds_cluster.this[*].endpoint) : one(aws_db_instance.this[*].address)
  database_port = local.is_aurora ? one(aws_rds_cluster.this[*].port) : one(aws_db_instance.this[*].port)
}

output "METAFLOW_DATASTORE_SYSROOT_S3" {
  description = "S3 URL under which Metaflow stores flow artifacts (s3://BUCKET/metaflow)."
  value       = "s3://${aws_s3_bucket.this.bucket}/metaflow"
}

output "METAFLOW_DATATOOLS_S3ROOT" {
  description = "S3 URL Metaflow's data tools (metaflow.S3) use by default (s3://BUCKET/data)."
  value       = "s3://${aws_s3_bucket.this.bucket}/data"
}

output "database_endpoint" {
  description = "host:port of the database: the RDS instance, or the Aurora cluster's writer endpoint."
  value       = "${local.database_host}:${local.database_port}"
}

output "database_host" {
  description = "DNS name of the database: the RDS instance address, or the Aurora cluster's writer endpoint."
  value       = local.database_host
}

output "database_name" {
  description = "Name of the PostgreSQL database the metadata service uses."
  value       = var.db_name
}

output "database_password_secret_arn" {
  description = "ARN of the Secrets Manager secret whose value is the database master password (a plain string, usable as an ECS container secret's valueFrom)."
  value       = aws_secretsmanager_secret.db_password.arn
}

output "database_password_secret_kms_key_arn" {
  description = "ARN of the KMS key that encrypts the password secret; readers of the secret need kms:Decrypt on it."
  value       = aws_kms_key.rds.arn
}

output "database_port" {
  description = "TCP port the database listens on."
  value       = local.database_port
}

output "database_security_group_id" {
  description = "ID of the database's security group; add ingress to it, or pass more allowed_security_group_ids."
  value       = aws_security_group.db.id
}

output "database_username" {
  description = "Master user of the database."
  value       = var.db_username
}

output "datastore_s3_bucket_kms_key_arn" {
  description = "ARN of the KMS key that encrypts the datastore bucket; task roles need encrypt/decrypt/generate-data-key on it."
  value       = aws_kms_key.s3.arn
}

output "rds_kms_key_arn" {
  description = "ARN of the KMS key that encrypts the database storage, its snapshots and the password secret."
  value       = aws_kms_key.rds.arn
}

output "s3_bucket_arn" {
  description = "ARN of the Metaflow datastore bucket."
  value       = aws_s3_bucket.this.arn
}

output "s3_bucket_name" {
  description = "Name of the Metaflow datastore bucket."
  value       = aws_s3_bucket.this.bucket
}
