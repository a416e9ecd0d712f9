locals {
  managed_policy_arn_prefix = "arn:${var.iam_partition}:iam::aws:policy/service-role"
}

# Batch service role: Batch assumes it to run the compute environment
# (instances, Auto Scaling, ECS cluster). The condition keeps other accounts'
# Batch resources from using it (confused deputy).
resource "aws_iam_role" "batch_service" {
  name        = local.names.computation_batch_service_role
  description = "Lets AWS Batch manage the Metaflow compute environment"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "batch.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = {
        StringEquals = { "aws:SourceAccount" = local.account_id }
      }
    }]
  })

  path                 = module.common.iam_path
  permissions_boundary = module.common.iam_permissions_boundary

  tags = var.tags
}

resource "aws_iam_role_policy_attachment" "batch_service" {
  role       = aws_iam_role.batch_service.name
  policy_arn = "${local.managed_policy_arn_prefix}/AWSBatchServiceRole"
}

# ECS instance role (EC2 only): the ECS agent on each instance registers with
# the cluster, pulls images and ships logs. EC2 does not send
# aws:SourceAccount when an instance profile is used, so the trust has no
# condition.
resource "aws_iam_role" "ecs_instance" {
  count = local.needs_instance_role ? 1 : 0

  name        = local.names.computation_ecs_instance_role
  description = "Role of the EC2 instances of the Metaflow Batch compute environment"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ec2.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })

  path                 = module.common.iam_path
  permissions_boundary = module.common.iam_permissions_boundary

  tags = var.tags
}

resource "aws_iam_role_policy_attachment" "ecs_instance" {
  count = local.needs_instance_role ? 1 : 0

  role       = aws_iam_role.ecs_instance[0].name
  policy_arn = "${local.managed_policy_arn_prefix}/AmazonEC2ContainerServiceforEC2Role"
}

resource "aws_iam_instance_profile" "ecs_instance" {
  count = local.needs_instance_role ? 1 : 0

  name = local.names.computation_ecs_instance_profile
  role = aws_iam_role.ecs_instance[0].name

  path = module.common.iam_path

  tags = var.tags
}

# ECS task execution role: ECS uses it to pull the job's image and create its
# log stream before the job runs (Metaflow's
# METAFLOW_ECS_FARGATE_EXECUTION_ROLE). The job's own permissions come from
# the separate Metaflow task role.
resource "aws_iam_role" "ecs_execution" {
  name        = local.names.computation_ecs_execution_role
  description = "Lets ECS pull images and write logs for Metaflow Batch jobs"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ecs-tasks.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = {
        StringEquals = { "aws:SourceAccount" = local.account_id }
      }
    }]
  })

  path                 = module.common.iam_path
  permissions_boundary = module.common.iam_permissions_boundary

  tags = var.tags
}

resource "aws_iam_role_policy_attachment" "ecs_execution" {
  role       = aws_iam_role.ecs_execution.name
  policy_arn = "${local.managed_policy_arn_prefix}/AmazonECSTaskExecutionRolePolicy"
}

# Spot Fleet role (SPOT compute environments only): Batch's API asks for one
# on every SPOT environment, and the BEST_FIT strategy launches through Spot
# Fleet, which uses it to request, tag and end the instances. The AWS managed
# policy grants only those EC2 actions and passes no role but the instances'.
resource "aws_iam_role" "spot_fleet" {
  count = local.needs_spot_fleet ? 1 : 0

  name        = local.names.computation_spot_fleet_role
  description = "Lets EC2 Spot Fleet launch the instances of the Metaflow Batch Spot compute environments"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "spotfleet.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = {
        StringEquals = { "aws:SourceAccount" = local.account_id }
      }
    }]
  })

  path                 = module.common.iam_path
  permissions_boundary = module.common.iam_permissions_boundary

  tags = var.tags
}

resource "aws_iam_role_policy_attachment" "spot_fleet" {
  count = local.needs_spot_fleet ? 1 : 0

  role       = aws_iam_role.spot_fleet[0].name
  policy_arn = "${local.managed_policy_arn_prefix}/AmazonEC2SpotFleetTaggingRole"
}
