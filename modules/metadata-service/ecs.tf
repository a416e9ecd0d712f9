resource "aws_ecs_cluster" "this" {
  name = local.names.metadata_ecs_cluster

  setting {
    name  = "containerInsights"
    value = "enabled"
  }

  tags = var.tags

  depends_on = [aws_cloudwatch_log_group.container_insights]
}

# Container Insights writes here. Left to AWS, the group would be created
# untagged, never expire and outlive the cluster; created first, it is ours.
resource "aws_cloudwatch_log_group" "container_insights" {
  name              = "/aws/ecs/containerinsights/${local.names.metadata_ecs_cluster}/performance"
  retention_in_days = var.log_retention_in_days

  tags = var.tags
}

resource "aws_cloudwatch_log_group" "service" {
  name              = local.names.metadata_log_group
  retention_in_days = var.log_retention_in_days

  tags = var.tags
}

locals {
  container_name = "metadata-service"

  # Everything but the password, which comes from Secrets Manager below.
  container_environment = {
    MF_METADATA_DB_HOST     = var.database_host
    MF_METADATA_DB_NAME     = var.database_name
    MF_METADATA_DB_PORT     = tostring(var.database_port)
    MF_METADATA_DB_SSL_MODE = module.common.database_ssl_mode
    MF_METADATA_DB_USER     = var.database_username
  }
}

resource "aws_ecs_task_definition" "this" {
  family                   = local.names.metadata_task_family
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = local.task.cpu
  memory                   = local.task.memory
  execution_role_arn       = module.execution_role.arn
  task_role_arn            = aws_iam_role.task.arn

  # 20 GiB is what Fargate gives without the block, which a task definition
  # may not ask for (its minimum is 21).
  dynamic "ephemeral_storage" {
    for_each = local.task.ephemeral_storage > 20 ? [local.task.ephemeral_storage] : []

    content {
      size_in_gib = ephemeral_storage.value
    }
  }

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = "X86_64"
  }

  container_definitions = jsonencode([
    {
      name      = local.container_name
      image     = local.container_image
      essential = true

      portMappings = [
        { containerPort = local.api_port, protocol = "tcp" },
        { containerPort = local.migration_port, protocol = "tcp" },
      ]

      environment = [for name, value in local.container_environment : { name = name, value = value }]

      # ECS reads the secret with the execution role when the task starts; the
      # password never appears in the task definition or the plan.
      secrets = [
        { name = "MF_METADATA_DB_PSWD", valueFrom = var.database_password_secret_arn },
      ]

      logConfiguration = {
        logDriver = "awslogs"
        options = {
          awslogs-group         = aws_cloudwatch_log_group.service.name
          awslogs-region        = local.region
          awslogs-stream-prefix = "metadata"
        }
      }
    },
  ])

  tags = var.tags
}

resource "aws_ecs_service" "this" {
  name                              = local.names.metadata_ecs_service
  cluster                           = aws_ecs_cluster.this.id
  task_definition                   = aws_ecs_task_definition.this.arn
  desired_count                     = local.task.desired_count
  launch_type                       = "FARGATE"
  platform_version                  = "LATEST"
  health_check_grace_period_seconds = 60
  enable_ecs_managed_tags           = true
  propagate_tags                    = "SERVICE"

  network_configuration {
    subnets          = var.subnet_ids
    security_groups  = [aws_security_group.service.id]
    assign_public_ip = var.assign_public_ip
  }

  load_balancer {
    target_group_arn = aws_lb_target_group.api.arn
    container_name   = local.container_name
    container_port   = local.api_port
  }

  load_balancer {
    target_group_arn = aws_lb_target_group.migration.arn
    container_name   = local.container_name
    container_port   = local.migration_port
  }

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  tags = var.tags

  # Target groups must be attached to the NLB before a service can register
  # in them, and the task needs its execution permissions to start.
  depends_on = [
    aws_lb_listener.api,
    aws_lb_listener.migration,
    module.execution_role,
  ]
}
