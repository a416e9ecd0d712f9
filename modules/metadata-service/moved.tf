# Addresses this module's resources had in outerbounds/metaflow/aws
# modules/metadata-service (v0.10.0 to v0.12.1 and its refresh branch), so a stack built by it
# keeps them on upgrade (UPGRADING.md). Where both lines had one address,
# one block serves both.

moved {
  from = aws_api_gateway_resource.this
  to   = aws_api_gateway_resource.proxy
}

moved {
  from = aws_api_gateway_resource.db
  to   = aws_api_gateway_resource.db_schema_status
}

moved {
  from = aws_api_gateway_method.this
  to   = aws_api_gateway_method.proxy
}

moved {
  from = aws_api_gateway_method.db
  to   = aws_api_gateway_method.db_schema_status
}

moved {
  from = aws_api_gateway_integration.this
  to   = aws_api_gateway_integration.proxy
}

moved {
  from = aws_api_gateway_integration.db
  to   = aws_api_gateway_integration.db_schema_status
}

moved {
  from = aws_cloudwatch_log_group.this
  to   = aws_cloudwatch_log_group.service
}

moved {
  from = aws_security_group.metadata_service_security_group
  to   = aws_security_group.service
}

moved {
  from = aws_lb_target_group.this
  to   = aws_lb_target_group.api
}

moved {
  from = aws_lb_target_group.db_migrate
  to   = aws_lb_target_group.migration
}

moved {
  from = aws_lb_listener.this
  to   = aws_lb_listener.api
}

moved {
  from = aws_lb_listener.db_migrate
  to   = aws_lb_listener.migration
}

moved {
  from = aws_iam_role.metadata_svc_ecs_task_role
  to   = aws_iam_role.task
}

moved {
  from = aws_iam_role.lambda_ecs_execute_role
  to   = aws_iam_role.migration
}

moved {
  from = aws_lambda_function.db_migrate_lambda
  to   = aws_lambda_function.migration
}

# The migration Lambda and what only it uses got count (enable_migration_lambda);
# with it on (the default) they stay where they were, as instance [0]. The
# moves above lead here.

moved {
  from = aws_lambda_function.migration
  to   = aws_lambda_function.migration[0]
}

moved {
  from = aws_iam_role.migration
  to   = aws_iam_role.migration[0]
}

moved {
  from = aws_iam_role_policy.migration
  to   = aws_iam_role_policy.migration[0]
}

moved {
  from = aws_cloudwatch_log_group.migration
  to   = aws_cloudwatch_log_group.migration[0]
}
