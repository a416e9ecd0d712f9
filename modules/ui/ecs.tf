resource "aws_ecs_cluster" "this" {
  name = local.names.ui_ecs_cluster

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
  count = local.legacy ? 0 : 1

  name              = "/aws/ecs/containerinsights/${local.names.ui_ecs_cluster}/performance"
  retention_in_days = var.log_retention_in_days

  tags = var.tags
}

resource "aws_cloudwatch_log_group" "this" {
  name              = local.names.ui_log_group
  retention_in_days = var.log_retention_in_days

  tags = var.tags
}

locals {
  # Backend defaults; the caller's extra variables win. The password is not
  # here: it comes from Secrets Manager (see secrets below).
  backend_environment = merge(
    {
      MF_METADATA_DB_HOST           = var.database_host
      MF_METADATA_DB_NAME           = var.database_name
      MF_METADATA_DB_PORT           = tostring(var.database_port)
      MF_METADATA_DB_SSL_MODE       = module.common.database_ssl_mode
      MF_METADATA_DB_USER           = var.database_username
      PATH_PREFIX                   = "/api/"
      MF_DATASTORE_ROOT             = var.METAFLOW_DATASTORE_SYSROOT_S3
      METAFLOW_DATASTORE_SYSROOT_S3 = var.METAFLOW_DATASTORE_SYSROOT_S3
      METAFLOW_SERVICE_URL          = "http://localhost:${local.backend_port}/api/metadata"
      METAFLOW_DEFAULT_DATASTORE    = "s3"
      METAFLOW_DEFAULT_METADATA     = "service"
    },
    var.extra_ui_backend_env_vars,
  )

  # The frontend image already defaults to the API at /api on the same host,
  # which is where the ALB routes it.
  static_environment = var.extra_ui_static_env_vars
}

################################################################################
# Backend: the metadata service image run as the UI server; reads the
# metadata database and the datastore bucket.
################################################################################

resource "aws_ecs_task_definition" "backend" {
  family                   = local.names.ui_backend_service
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = local.backend_task.cpu
  memory                   = local.backend_task.memory
  execution_role_arn       = module.execution_role.arn
  task_role_arn            = aws_iam_role.backend_task.arn

  # The backend caches artifacts and logs it renders on local disk.
  ephemeral_storage {
    size_in_gib = 100
  }

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = "X86_64"
  }

  container_definitions = jsonencode([
    {
      name      = "ui-backend"
      image     = local.backend_image
      essential = true
      command   = ["/opt/latest/bin/python3", "-m", "services.ui_backend_service.ui_server"]

      portMappings = [
        { containerPort = local.backend_port, protocol = "tcp" },
      ]

      environment = [for name, value in local.backend_environment : { name = name, value = value }]

      secrets = [
        { name = "MF_METADATA_DB_PSWD", valueFrom = var.database_password_secret_arn },
      ]

      logConfiguration = {
        logDriver = "awslogs"
        options = {
          awslogs-group         = aws_cloudwatch_log_group.this.name
          awslogs-region        = local.region
          awslogs-stream-prefix = "backend"
        }
      }
    },
  ])

  tags = var.tags
}

resource "aws_ecs_service" "backend" {
  name                              = local.names.ui_backend_service
  cluster                           = aws_ecs_cluster.this.id
  task_definition                   = aws_ecs_task_definition.backend.arn
  desired_count                     = 1
  launch_type                       = "FARGATE"
  platform_version                  = "LATEST"
  health_check_grace_period_seconds = 120
  enable_ecs_managed_tags           = true
  propagate_tags                    = "SERVICE"

  network_configuration {
    subnets          = var.subnet_ids
    security_groups  = [aws_security_group.backend.id]
    assign_public_ip = var.assign_public_ip
  }

  load_balancer {
    target_group_arn = aws_lb_target_group.backend.arn
    container_name   = "ui-backend"
    container_port   = local.backend_port
  }

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  tags = var.tags

  depends_on = [aws_lb_listener_rule.api, module.execution_role]
}

################################################################################
# Static frontend: nginx serving the UI bundle; no AWS access of its own.
################################################################################

resource "aws_ecs_task_definition" "static" {
  family                   = local.names.ui_static_service
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = local.static_task.cpu
  memory                   = local.static_task.memory
  execution_role_arn       = module.execution_role.arn

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = "X86_64"
  }

  container_definitions = jsonencode([
    {
      name      = "ui-static"
      image     = local.static_image
      essential = true

      portMappings = [
        { containerPort = local.static_port, protocol = "tcp" },
      ]

      environment = [for name, value in local.static_environment : { name = name, value = value }]

      logConfiguration = {
        logDriver = "awslogs"
        options = {
          awslogs-group         = aws_cloudwatch_log_group.this.name
          awslogs-region        = local.region
          awslogs-stream-prefix = "static"
        }
      }
    },
  ])

  tags = var.tags
}

resource "aws_ecs_service" "static" {
  name                              = local.names.ui_static_service
  cluster                           = aws_ecs_cluster.this.id
  task_definition                   = aws_ecs_task_definition.static.arn
  desired_count                     = 1
  launch_type                       = "FARGATE"
  platform_version                  = "LATEST"
  health_check_grace_period_seconds = 60
  enable_ecs_managed_tags           = true
  propagate_tags                    = "SERVICE"

  network_configuration {
    subnets          = var.subnet_ids
    security_groups  = [aws_security_group.static.id]
    assign_public_ip = var.assign_public_ip
  }

  load_balancer {
    target_group_arn = aws_lb_target_group.static.arn
    container_name   = "ui-static"
    container_port   = local.static_port
  }

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  tags = var.tags

  depends_on = [aws_lb_listener.https, module.execution_role]
}
