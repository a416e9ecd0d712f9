resource "aws_db_subnet_group" "this" {
  name        = local.names.datastore_db_subnet_group
  description = "Private subnets of the Metaflow metadata database"
  subnet_ids  = var.subnet_ids

  tags = var.tags
}

# Makes the final snapshot name unique per database, so destroying a second
# database of the same name does not fail on an existing snapshot. The
# keepers change exactly when the database itself is replaced.
resource "random_pet" "final_snapshot" {
  length = 2

  # The old module's pet had no keepers; one of ours is replaced (and the
  # snapshot name changes) only when the database itself would be.
  keepers = local.legacy ? null : {
    engine   = var.db_engine
    db_name  = var.db_name
    username = var.db_username
  }
}

locals {
  final_snapshot_identifier = "${local.names.datastore_db_final_snapshot}-${random_pet.final_snapshot.id}"
}

# Single RDS for PostgreSQL instance (db_engine = "postgres").
resource "aws_db_instance" "this" {
  count = local.is_aurora ? 0 : 1

  identifier     = local.names.datastore_db_identifier
  engine         = var.db_engine
  engine_version = var.db_engine_version
  instance_class = var.db_instance_type
  port           = local.db_port

  db_name  = var.db_name
  username = var.db_username
  password = random_password.master.result

  # Password logins stay as they are; this only lets IAM principals log in
  # with short-lived tokens too, instead of sharing the master password.
  iam_database_authentication_enabled = true

  # Starts small and grows on demand; gp3 gives a baseline of 3000 IOPS at
  # the price of gp2.
  allocated_storage     = 20
  max_allocated_storage = 1000
  storage_type          = local.legacy ? "gp2" : "gp3" # an upgraded database keeps its storage
  storage_encrypted     = true
  kms_key_id            = aws_kms_key.rds.arn

  db_subnet_group_name   = aws_db_subnet_group.this.name
  vpc_security_group_ids = [aws_security_group.db.id]
  publicly_accessible    = false
  multi_az               = var.db_multi_az

  allow_major_version_upgrade = var.allow_major_version_upgrade
  auto_minor_version_upgrade  = true

  backup_retention_period   = var.db_backup_retention_period
  copy_tags_to_snapshot     = true
  deletion_protection       = var.db_deletion_protection
  skip_final_snapshot       = var.db_skip_final_snapshot
  final_snapshot_identifier = var.db_skip_final_snapshot ? null : local.final_snapshot_identifier

  tags = var.tags
}

# Aurora PostgreSQL cluster (db_engine = "aurora-postgresql").
resource "aws_rds_cluster" "this" {
  count = local.is_aurora ? 1 : 0

  cluster_identifier = local.names.datastore_db_identifier
  engine             = var.db_engine
  engine_version     = var.db_engine_version
  port               = local.db_port

  database_name   = var.db_name
  master_username = var.db_username
  master_password = random_password.master.result

  iam_database_authentication_enabled = true

  storage_encrypted = true
  kms_key_id        = aws_kms_key.rds.arn

  db_subnet_group_name   = aws_db_subnet_group.this.name
  vpc_security_group_ids = [aws_security_group.db.id]

  allow_major_version_upgrade = var.allow_major_version_upgrade

  backup_retention_period   = var.db_backup_retention_period
  copy_tags_to_snapshot     = true
  deletion_protection       = var.db_deletion_protection
  skip_final_snapshot       = var.db_skip_final_snapshot
  final_snapshot_identifier = var.db_skip_final_snapshot ? null : local.final_snapshot_identifier

  tags = var.tags
}

# One writer, plus a reader in another zone when db_multi_az is on (Aurora's
# form of a standby: it is promoted if the writer fails).
resource "aws_rds_cluster_instance" "this" {
  count = local.is_aurora ? (var.db_multi_az ? 2 : 1) : 0

  identifier          = "${local.names.datastore_db_cluster_instance}-${count.index + (local.legacy ? 0 : 1)}" # the old module counted from 0
  cluster_identifier  = aws_rds_cluster.this[0].id
  engine              = aws_rds_cluster.this[0].engine
  engine_version      = aws_rds_cluster.this[0].engine_version
  instance_class      = var.db_instance_type
  publicly_accessible = false

  db_subnet_group_name       = aws_db_subnet_group.this.name
  auto_minor_version_upgrade = true
  copy_tags_to_snapshot      = true

  tags = var.tags
}
