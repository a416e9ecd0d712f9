mock_provider "aws" {}

variables {
  name                                 = "mf-ui-execution-test"
  description                          = "Lets ECS start the test tasks."
  policy_name                          = "ui-execution"
  region                               = "eu-west-1"
  log_group_arns                       = ["arn:aws:logs:eu-west-1:123456789012:log-group:/ecs/mf-ui-test"]
  database_password_secret_arn         = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:mf-db-password-test-AbCdEf"
  database_password_secret_kms_key_arn = "arn:aws:kms:eu-west-1:123456789012:key/11111111-2222-3333-4444-555555555555"
  tags                                 = { team = "ml" }
}

run "role_with_secret_key" {
  command = plan

  assert {
    condition     = aws_iam_role.this.name == var.name && aws_iam_role.this.description == var.description && aws_iam_role.this.tags == tomap({ team = "ml" })
    error_message = "The role must take the caller's name, description and tags."
  }

  assert {
    condition     = one(data.aws_iam_policy_document.assume_role.statement[0].principals).identifiers == toset(["ecs-tasks.amazonaws.com"])
    error_message = "Only ECS tasks may assume the execution role."
  }

  assert {
    condition     = aws_iam_role_policy.this.name == "ui-execution"
    error_message = "The inline policy must keep the caller's name, or existing policies would be replaced."
  }

  assert {
    condition     = one([for s in data.aws_iam_policy_document.this.statement : s if s.sid == "WriteLogs"]).resources == toset(["arn:aws:logs:eu-west-1:123456789012:log-group:/ecs/mf-ui-test:*"])
    error_message = "The role may write log streams in the given log groups only."
  }

  assert {
    condition     = one([for s in data.aws_iam_policy_document.this.statement : s if s.sid == "ReadDatabasePassword"]).resources == toset([var.database_password_secret_arn])
    error_message = "The role may read exactly the given secret."
  }

  assert {
    condition     = one([for s in data.aws_iam_policy_document.this.statement : s if s.sid == "DecryptDatabasePassword"]).resources == toset([var.database_password_secret_kms_key_arn])
    error_message = "With a secret KMS key, the role must be able to decrypt with exactly that key."
  }

  assert {
    condition     = one(one([for s in data.aws_iam_policy_document.this.statement : s if s.sid == "DecryptDatabasePassword"]).condition).values == tolist(["secretsmanager.eu-west-1.amazonaws.com"])
    error_message = "The KMS grant must hold only through Secrets Manager in the given region."
  }

  assert {
    condition     = length(data.aws_iam_policy_document.this.statement) == 4
    error_message = "With a secret KMS key the policy has exactly four statements: images, logs, secret, key."
  }
}

run "no_kms_statement_without_a_key" {
  command = plan

  variables {
    database_password_secret_kms_key_arn = ""
    log_group_arns = [
      "arn:aws:logs:eu-west-1:123456789012:log-group:/ecs/mf-a",
      "arn:aws:logs:eu-west-1:123456789012:log-group:/ecs/mf-b",
    ]
  }

  assert {
    condition     = length([for s in data.aws_iam_policy_document.this.statement : s if s.sid == "DecryptDatabasePassword"]) == 0
    error_message = "Without a secret KMS key there is no KMS statement."
  }

  assert {
    condition     = length(data.aws_iam_policy_document.this.statement) == 3
    error_message = "Without a secret KMS key the policy has exactly three statements."
  }

  assert {
    condition = one([for s in data.aws_iam_policy_document.this.statement : s if s.sid == "WriteLogs"]).resources == toset([
      "arn:aws:logs:eu-west-1:123456789012:log-group:/ecs/mf-a:*",
      "arn:aws:logs:eu-west-1:123456789012:log-group:/ecs/mf-b:*",
    ])
    error_message = "Every given log group must be writable."
  }
}


# IAM guard rails: the caller's path and permissions boundary reach the role;
# by default it sits at AWS's "/" with no boundary, as before the inputs.
run "iam_path_and_boundary_reach_the_role" {
  command = plan

  variables {
    iam_path                 = "/metaflow/"
    iam_permissions_boundary = "arn:aws:iam::123456789012:policy/boundaries/MetaflowBoundary"
  }

  assert {
    condition     = aws_iam_role.this.path == "/metaflow/" && aws_iam_role.this.permissions_boundary == "arn:aws:iam::123456789012:policy/boundaries/MetaflowBoundary"
    error_message = "The role must take the caller's iam_path and iam_permissions_boundary."
  }

  assert {
    condition     = output.path == "/metaflow/" && output.permissions_boundary == "arn:aws:iam::123456789012:policy/boundaries/MetaflowBoundary"
    error_message = "The path and permissions_boundary outputs must report the role's."
  }
}

# The offline schema marks permissions_boundary computed, so a null one is
# unknown in the plan: the default's null is held by modules/common's output
# in the callers' runs and by the upgrade plans with the real provider.
run "iam_defaults_keep_the_role_as_before" {
  command = plan

  assert {
    condition     = aws_iam_role.this.path == "/"
    error_message = "By default the role must sit at AWS's \"/\", as before the guard rails."
  }
}
