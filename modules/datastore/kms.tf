# Two customer-managed keys so that access to the artifacts (S3) and to the
# database (RDS storage and the password secret) can be granted separately.
# The default key policy is kept: it lets IAM policies in this account decide
# who may use each key, which is how the task roles get access.

resource "aws_kms_key" "s3" {
  description             = "Encrypts the Metaflow datastore bucket ${local.names.datastore_s3_bucket}"
  enable_key_rotation     = var.enable_key_rotation
  deletion_window_in_days = var.kms_deletion_window_in_days

  tags = var.tags
}

resource "aws_kms_alias" "s3" {
  name          = "alias/${local.names.datastore_kms_s3}"
  target_key_id = aws_kms_key.s3.key_id
}

resource "aws_kms_key" "rds" {
  description             = "Encrypts the Metaflow metadata database ${local.names.datastore_db_identifier} and its password secret"
  enable_key_rotation     = var.enable_key_rotation
  deletion_window_in_days = var.kms_deletion_window_in_days

  tags = var.tags
}

resource "aws_kms_alias" "rds" {
  name          = "alias/${local.names.datastore_kms_rds}"
  target_key_id = aws_kms_key.rds.key_id
}
