# Addresses this module's resources had in outerbounds/metaflow/aws
# modules/computation (v0.10.0 to v0.12.1 and its refresh branch), so a stack built by it
# keeps them on upgrade (UPGRADING.md). Where both lines had one address,
# one block serves both.

moved {
  from = aws_launch_template.cpu
  to   = aws_launch_template.this
}

moved {
  from = aws_iam_instance_profile.ecs_instance_role
  to   = aws_iam_instance_profile.ecs_instance[0]
}

moved {
  from = aws_iam_role.batch_execution_role
  to   = aws_iam_role.batch_service
}

moved {
  from = aws_iam_role.ecs_execution_role
  to   = aws_iam_role.ecs_execution
}

moved {
  from = aws_iam_role.ecs_instance_role
  to   = aws_iam_role.ecs_instance[0]
}

moved {
  from = aws_iam_role_policy_attachment.ecs_instance_role
  to   = aws_iam_role_policy_attachment.ecs_instance[0]
}
