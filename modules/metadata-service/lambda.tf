# The migration Lambda, unless enable_migration_lambda is false: then there
# is no function, role, log group or security group, and the caller runs the
# migration another way (README).

# Built from the source in this module unless the caller brings a zip.
data "archive_file" "migration" {
  count = local.migration_lambda && var.db_migrate_lambda_zip_file == null ? 1 : 0

  type        = "zip"
  source_file = "${path.module}/lambda/db_migrate.py"
  output_path = "${path.module}/.build/db_migrate.zip"
  # A fixed mode keeps the zip, and so the plan, identical across machines
  # whatever the checkout's umask.
  output_file_mode = "0644"
}

locals {
  migration_zip_path = var.db_migrate_lambda_zip_file != null ? var.db_migrate_lambda_zip_file : one(data.archive_file.migration[*].output_path)
  migration_zip_hash = var.db_migrate_lambda_zip_file != null ? filebase64sha256(var.db_migrate_lambda_zip_file) : one(data.archive_file.migration[*].output_base64sha256)
}

resource "aws_cloudwatch_log_group" "migration" {
  count = local.migration_lambda ? 1 : 0

  name              = "/aws/lambda/${local.names.metadata_migration_lambda}"
  retention_in_days = var.log_retention_in_days

  tags = var.tags
}

resource "aws_lambda_function" "migration" {
  count = local.migration_lambda ? 1 : 0

  function_name    = local.names.metadata_migration_lambda
  description      = "Upgrades the Metaflow metadata database schema through the metadata service."
  role             = aws_iam_role.migration[0].arn
  runtime          = "python3.13"
  architectures    = ["arm64"]
  handler          = "db_migrate.handler"
  filename         = local.migration_zip_path
  source_code_hash = local.migration_zip_hash
  memory_size      = 128
  # Three HTTP calls, the upgrade possibly long on a big database.
  timeout = 900

  environment {
    variables = {
      MD_LB_ADDRESS = local.migration_url
    }
  }

  vpc_config {
    subnet_ids = var.subnet_ids
    # An upgraded stack's Lambda keeps the service's group, as before: its
    # load balancer has no group the migration group could be let into.
    security_group_ids = local.legacy ? [aws_security_group.service.id] : aws_security_group.migration[*].id
  }

  logging_config {
    log_format = "Text"
    log_group  = aws_cloudwatch_log_group.migration[0].name
  }

  tags = var.tags

  depends_on = [aws_iam_role_policy.migration]
}
