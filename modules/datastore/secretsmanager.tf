# The master password never leaves the module in plaintext: consumers get the
# secret's ARN and read the value at run time (ECS `secrets`, Helm via an
# external secret, ...). The secret holds the bare password string so an ECS
# container can inject it with valueFrom = <secret ARN>.
#
# 40 characters because Aurora's CreateDBCluster accepts at most 41 (RDS for
# PostgreSQL accepts 128). RDS forbids "/", "\"", "@" and spaces; the special
# set below also leaves out quotes, backslashes, "$", "&", braces and brackets,
# which a libpq connection string, a shell or a Helm template could read as
# syntax. 40 characters from the remaining 74 still give over 240 bits.
resource "random_password" "master" {
  # An upgraded stack keeps its password: every argument of random_password
  # replaces it, so these are the old module's (64 characters, its own
  # special set, no minimums), and the database and its clients see no
  # change.
  length           = local.legacy ? 64 : 40
  special          = true
  override_special = local.legacy ? "!#$%&*()-_=+[]{}<>:?" : "!#%*()-_=+:?"
  min_lower        = local.legacy ? null : 1
  min_upper        = local.legacy ? null : 1
  min_numeric      = local.legacy ? null : 1
}

resource "aws_secretsmanager_secret" "db_password" {
  # A prefix, not a fixed name: a deleted secret keeps its name for the
  # recovery window, and a re-created stack must not collide with it.
  name_prefix             = "${local.names.datastore_db_secret}-"
  description             = "Master password of the Metaflow metadata database ${local.names.datastore_db_identifier}"
  kms_key_id              = aws_kms_key.rds.arn
  recovery_window_in_days = var.db_password_secret_recovery_window_in_days

  tags = var.tags
}

resource "aws_secretsmanager_secret_version" "db_password" {
  secret_id     = aws_secretsmanager_secret.db_password.id
  secret_string = random_password.master.result
}
