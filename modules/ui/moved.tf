# Addresses this module's resources had in outerbounds/metaflow/aws
# modules/ui (v0.10.0 to v0.12.1 and its refresh branch), so a stack built by it
# keeps them on upgrade (UPGRADING.md). Where both lines had one address,
# one block serves both.

moved {
  from = aws_security_group.fargate_security_group
  to   = aws_security_group.backend
}

moved {
  from = aws_security_group.ui_lb_security_group
  to   = aws_security_group.alb
}

moved {
  from = aws_lb_target_group.ui_backend
  to   = aws_lb_target_group.backend
}

moved {
  from = aws_lb_target_group.ui_static
  to   = aws_lb_target_group.static
}

moved {
  from = aws_lb_listener.this
  to   = aws_lb_listener.https
}

moved {
  from = aws_lb_listener_rule.ui_backend
  to   = aws_lb_listener_rule.api
}

moved {
  from = aws_ecs_task_definition.ui_backend
  to   = aws_ecs_task_definition.backend
}

moved {
  from = aws_ecs_task_definition.ui_static
  to   = aws_ecs_task_definition.static
}

moved {
  from = aws_ecs_service.ui_backend
  to   = aws_ecs_service.backend
}

moved {
  from = aws_ecs_service.ui_static
  to   = aws_ecs_service.static
}

moved {
  from = aws_iam_role.metadata_ui_ecs_task_role
  to   = aws_iam_role.backend_task
}
