# With create_datastore = false the caller's database password is kept in
# Secrets Manager, so the ECS services (and the Kubernetes secret of the EKS
# services) read it by reference and it never lands in a task definition.
# The AWS managed Secrets Manager key: the caller already manages this
# password, and a key of ours would be one more thing to administer.
resource "aws_secretsmanager_secret" "byo_database_password" {
  count = !var.create_datastore && local.needs_db_secret ? 1 : 0

  # A prefix, not a fixed name: a deleted secret keeps its name during the
  # recovery window and a re-created stack must not collide with it.
  name_prefix = "${local.names.root_byo_db_password_secret}-"
  description = "Password of the caller's Metaflow metadata database (${var.database_endpoint})"

  tags = var.tags
}

resource "aws_secretsmanager_secret_version" "byo_database_password" {
  count = !var.create_datastore && local.needs_db_secret ? 1 : 0

  secret_id     = aws_secretsmanager_secret.byo_database_password[0].id
  secret_string = var.database_password

  lifecycle {
    # Checked here, not in a validation block: Terraform's validation
    # errors print the value of the variable, sensitive or not.
    precondition {
      condition     = !strcontains(var.database_password, "/")
      error_message = "database_password must not contain \"/\": the metadata service passes the password to its migration tool in a URL without escaping \"/\", so schema checks and upgrades fail and the service stops at start-up. Change the database user's password to one without \"/\" (other characters are escaped and work) and set it here."
    }
  }
}
