mock_provider "aws" {
  mock_data "aws_caller_identity" {
    defaults = {
      account_id = "123456789012"
    }
  }
}

# region is optional+computed in the provider; mocks only fill computed
# attributes, so the value is set by override.
override_data {
  target = data.aws_region.current
  values = {
    region = "eu-west-1"
  }
}

variables {
  resource_prefix     = "mf"
  resource_suffix     = "test"
  batch_job_queue_arn = "arn:aws:batch:eu-west-1:123456789012:job-queue/mf-batch-queue-test"
  s3_bucket_arn       = "arn:aws:s3:::mf-s3-test"
  s3_bucket_kms_arn   = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  tags                = { team = "ml" }
}

run "table_is_on_demand_with_ttl_pitr_and_encryption" {
  command = plan

  assert {
    condition     = aws_dynamodb_table.this.billing_mode == "PAY_PER_REQUEST"
    error_message = "The run-state table must bill per request."
  }

  assert {
    condition     = aws_dynamodb_table.this.hash_key == "pathspec" && one(aws_dynamodb_table.this.attribute).type == "S"
    error_message = "The run-state table must be keyed by the string attribute pathspec."
  }

  assert {
    condition     = aws_dynamodb_table.this.ttl[0].enabled && aws_dynamodb_table.this.ttl[0].attribute_name == "ttl"
    error_message = "TTL must be on, on the attribute Metaflow writes (ttl)."
  }

  assert {
    condition     = aws_dynamodb_table.this.point_in_time_recovery[0].enabled
    error_message = "Point-in-time recovery must be on."
  }

  assert {
    condition     = aws_dynamodb_table.this.server_side_encryption[0].enabled
    error_message = "Server-side encryption must be on."
  }

  assert {
    condition     = aws_dynamodb_table.this.name == "mf-sfn-state-test"
    error_message = "Table name must come from the naming rule; got ${aws_dynamodb_table.this.name}."
  }

  assert {
    condition     = aws_dynamodb_table.this.tags["team"] == "ml"
    error_message = "Caller tags must reach the table."
  }
}

run "roles_are_scoped_to_this_deployment" {
  # The policy document depends on the table ARN, known after apply.
  command = apply

  assert {
    condition     = aws_iam_role.step_functions.name == "mf-sfn-test" && aws_iam_role.eventbridge.name == "mf-eventbridge-sfn-test"
    error_message = "Role names must come from the naming rule."
  }

  assert {
    condition = alltrue([
      for s in data.aws_iam_policy_document.step_functions.statement :
      s.sid != "BatchSubmitOnQueue" || contains(s.resources, var.batch_job_queue_arn)
    ])
    error_message = "Batch SubmitJob must be scoped to the given job queue."
  }

  assert {
    condition = alltrue(flatten([
      for s in data.aws_iam_policy_document.step_functions.statement : [
        for a in s.actions : !endswith(a, ":*") && a != "*"
      ]
    ]))
    error_message = "No action wildcard is allowed in the Step Functions policy."
  }

  assert {
    condition     = one(data.aws_iam_policy_document.eventbridge.statement).resources == toset(["arn:aws:states:eu-west-1:123456789012:stateMachine:mf-sfn-test_*"])
    error_message = "EventBridge may only start state machines named with this deployment's prefix."
  }

  assert {
    condition     = output.metaflow_step_functions_state_machine_prefix == "mf-sfn-test"
    error_message = "The state machine prefix output must match the prefix the EventBridge role is scoped to."
  }

  assert {
    condition     = length([for s in data.aws_iam_policy_document.step_functions.statement : s if s.sid == "BucketKey"]) == 1
    error_message = "With a bucket KMS key, the Step Functions role must be able to use it."
  }
}

run "no_kms_statement_without_a_bucket_key" {
  # The policy document depends on the table ARN, known after apply.
  command = apply

  variables {
    s3_bucket_kms_arn = ""
  }

  assert {
    condition     = length([for s in data.aws_iam_policy_document.step_functions.statement : s if s.sid == "BucketKey"]) == 0
    error_message = "Without a bucket KMS key there must be no KMS statement."
  }
}


run "submit_reaches_the_further_queues_only" {
  command = plan

  variables {
    additional_batch_job_queue_arns = ["arn:aws:batch:eu-west-1:123456789012:job-queue/mf-batch-queue-spot-test"]
  }

  assert {
    condition = alltrue([
      for s in data.aws_iam_policy_document.step_functions.statement :
      s.sid != "BatchSubmitOnQueue" || (
        contains(s.resources, var.batch_job_queue_arn) &&
        contains(s.resources, "arn:aws:batch:eu-west-1:123456789012:job-queue/mf-batch-queue-spot-test") &&
        length([for r in s.resources : r if strcontains(r, ":job-queue/")]) == 2
      )
    ])
    error_message = "Batch SubmitJob must reach the default queue and the further ones, and no other queue."
  }
}

# IAM guard rails: every role of the module (the state machines' role and
# EventBridge's role) gets the path and permissions boundary.
run "iam_path_and_boundary_reach_every_role" {
  command = plan

  variables {
    iam_path                 = "/metaflow/"
    iam_permissions_boundary = "arn:aws:iam::123456789012:policy/boundaries/MetaflowBoundary"
  }

  assert {
    condition     = length([aws_iam_role.step_functions, aws_iam_role.eventbridge]) == 2
    error_message = "This shape must create every role of the module, so the assertions below cover each."
  }

  assert {
    condition     = alltrue([for r in [aws_iam_role.step_functions, aws_iam_role.eventbridge] : r.path == "/metaflow/" && r.permissions_boundary == "arn:aws:iam::123456789012:policy/boundaries/MetaflowBoundary"])
    error_message = "Every role of the module must get iam_path and iam_permissions_boundary."
  }
}

run "iam_defaults_keep_roles_at_the_root_path" {
  command = plan

  assert {
    condition     = length([aws_iam_role.step_functions, aws_iam_role.eventbridge]) == 2 && alltrue([for r in [aws_iam_role.step_functions, aws_iam_role.eventbridge] : r.path == "/"])
    error_message = "By default every role must sit at AWS's \"/\", as on a stack from before the guard rails (a path change replaces a role)."
  }

  # A null boundary is unknown in a mocked plan (the offline schema marks it
  # computed), so the default is held where the roles read it.
  assert {
    condition     = module.common.iam_permissions_boundary == null
    error_message = "By default the roles must get no permissions boundary."
  }
}
