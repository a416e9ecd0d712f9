locals {
  # Batch matches each instance type to the AMI of one entry: ECS_AL2023 for
  # CPU types (Amazon Linux 2 AMIs are being retired), ECS_AL2023_NVIDIA for
  # GPU types. Both entries are always there, so a GPU type gets the NVIDIA
  # driver whichever list it came from; without the GPU entry such instances
  # would boot a CPU AMI and @batch(gpu=N) steps would stay RUNNABLE. A custom
  # AMI replaces only the CPU one.
  ec2_configurations = local.is_ec2 ? [
    { image_type = "ECS_AL2023", image_id_override = var.launch_template_image_id },
    { image_type = "ECS_AL2023_NVIDIA", image_id_override = null },
  ] : []
}

# EC2 only: a larger encrypted root volume (images and scratch space live on
# it) and the IMDS settings. No AMI here: the AMI is chosen per instance type
# by the compute environment's ec2_configuration.
#trivy:ignore:AVD-AWS-0130 IMDSv1 stays on only when the caller sets launch_template_http_tokens = "optional", the contract's root default kept so upgraded stacks plan as before; this module and the examples default to "required".
resource "aws_launch_template" "this" {
  count = local.is_ec2 ? 1 : 0

  name                   = local.legacy ? local.names.computation_launch_template : null
  name_prefix            = local.legacy ? null : "${local.names.computation_launch_template}-"
  description            = local.legacy ? null : "Instances of the Metaflow AWS Batch compute environment"
  update_default_version = local.legacy ? null : true
  # The old template gave the instance profile and the AMI itself.
  image_id = local.legacy ? var.launch_template_image_id : null

  dynamic "iam_instance_profile" {
    for_each = local.legacy ? aws_iam_instance_profile.ecs_instance[*].arn : []

    content {
      arn = iam_instance_profile.value
    }
  }

  block_device_mappings {
    device_name = "/dev/xvda"

    ebs {
      volume_size           = var.compute_environment_root_volume_size
      volume_type           = local.legacy ? null : "gp3"
      encrypted             = true
      delete_on_termination = true
    }
  }

  metadata_options {
    http_endpoint               = var.launch_template_http_endpoint
    http_tokens                 = var.launch_template_http_tokens
    http_put_response_hop_limit = var.launch_template_http_put_response_hop_limit
  }

  tags = var.tags

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_batch_compute_environment" "this" {
  # Many compute environment changes force a replacement, and a job queue
  # must always point at one: build the new one first, under a fresh name.
  name_prefix  = local.legacy ? local.names.computation_batch_compute_environment : "${local.names.computation_batch_compute_environment}-"
  type         = "MANAGED"
  state        = "ENABLED"
  service_role = aws_iam_role.batch_service.arn

  compute_resources {
    type      = local.is_ec2 ? "EC2" : "FARGATE"
    max_vcpus = var.compute_environment_max_vcpus

    # EC2-only settings; Batch rejects them on Fargate.
    min_vcpus           = local.is_ec2 ? var.compute_environment_min_vcpus : null
    desired_vcpus       = local.is_ec2 ? var.compute_environment_desired_vcpus : null
    instance_type       = local.is_ec2 ? local.instance_types : null
    instance_role       = local.is_ec2 ? one(aws_iam_instance_profile.ecs_instance[*].arn) : null
    allocation_strategy = local.is_ec2 ? var.compute_environment_allocation_strategy : null
    tags                = local.is_ec2 ? (local.legacy ? var.tags : merge(var.tags, { Name = local.names.computation_batch_compute_environment })) : null

    security_group_ids = concat([aws_security_group.this.id], var.compute_environment_additional_security_group_ids)
    subnets            = var.subnet_ids

    dynamic "launch_template" {
      for_each = aws_launch_template.this

      content {
        launch_template_id = launch_template.value.id
        version            = launch_template.value.latest_version
      }
    }

    dynamic "ec2_configuration" {
      for_each = local.legacy ? [] : local.ec2_configurations

      content {
        image_type        = ec2_configuration.value.image_type
        image_id_override = ec2_configuration.value.image_id_override
      }
    }
  }

  tags = var.tags

  lifecycle {
    create_before_destroy = true
    # Batch moves desired vCPUs with the queue; resetting it on every apply
    # would scale running capacity up or down behind the scheduler's back.
    ignore_changes = [compute_resources[0].desired_vcpus]
  }

  # Without these, destroy can remove the policies first and leave the
  # compute environment stuck in DELETING.
  depends_on = [
    aws_iam_role_policy_attachment.batch_service,
    aws_iam_role_policy_attachment.ecs_instance,
  ]
}

resource "aws_batch_job_queue" "this" {
  name     = local.names.computation_batch_job_queue
  state    = "ENABLED"
  priority = local.job_queues["default"].priority

  dynamic "compute_environment_order" {
    for_each = local.job_queues["default"].compute_environments

    content {
      order               = compute_environment_order.key + 1
      compute_environment = local.compute_environment_arns[compute_environment_order.value]
    }
  }

  tags = var.tags
}

################################################################################
# Further compute environments and queues (compute_environments,
# batch_job_queues). New in this major: nothing of an upgraded stack lives
# here, so they have none of the legacy settings above.
################################################################################

#trivy:ignore:AVD-AWS-0130 The IMDS settings are the default environment's (launch_template_http_tokens, "optional" only where the caller keeps the contract's root default).
resource "aws_launch_template" "additional" {
  for_each = local.additional_ec2_environments

  name_prefix            = "${local.names.computation_launch_template}-${each.key}-"
  description            = "Instances of the Metaflow AWS Batch compute environment ${each.key}"
  update_default_version = true

  block_device_mappings {
    device_name = "/dev/xvda"

    ebs {
      volume_size           = each.value.root_volume_size
      volume_type           = "gp3"
      encrypted             = true
      delete_on_termination = true
    }
  }

  metadata_options {
    http_endpoint               = var.launch_template_http_endpoint
    http_tokens                 = var.launch_template_http_tokens
    http_put_response_hop_limit = var.launch_template_http_put_response_hop_limit
  }

  tags = var.tags

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_batch_compute_environment" "additional" {
  for_each = local.additional_environments

  name_prefix  = "${local.names.computation_batch_compute_environment}-${each.key}-"
  type         = "MANAGED"
  state        = "ENABLED"
  service_role = aws_iam_role.batch_service.arn

  compute_resources {
    type      = each.value.type
    max_vcpus = each.value.max_vcpus

    min_vcpus           = each.value.is_ec2 ? each.value.min_vcpus : null
    desired_vcpus       = each.value.is_ec2 ? each.value.desired_vcpus : null
    instance_type       = each.value.is_ec2 ? each.value.instance_types : null
    instance_role       = each.value.is_ec2 ? aws_iam_instance_profile.ecs_instance[0].arn : null
    allocation_strategy = each.value.is_ec2 ? each.value.allocation_strategy : null
    bid_percentage      = each.value.bid_percentage
    spot_iam_fleet_role = each.value.type == "SPOT" ? aws_iam_role.spot_fleet[0].arn : null
    tags                = each.value.is_ec2 ? merge(var.tags, { Name = "${local.names.computation_batch_compute_environment}-${each.key}" }) : null

    security_group_ids = concat([aws_security_group.this.id], each.value.security_group_ids)
    subnets            = var.subnet_ids

    dynamic "launch_template" {
      for_each = each.value.is_ec2 ? [aws_launch_template.additional[each.key]] : []

      content {
        launch_template_id = launch_template.value.id
        version            = launch_template.value.latest_version
      }
    }

    # As for the default environment: CPU types from the ECS-optimized AMI
    # (or image_id), GPU types from its NVIDIA variant.
    dynamic "ec2_configuration" {
      for_each = each.value.is_ec2 ? [
        { image_type = "ECS_AL2023", image_id_override = each.value.image_id },
        { image_type = "ECS_AL2023_NVIDIA", image_id_override = null },
      ] : []

      content {
        image_type        = ec2_configuration.value.image_type
        image_id_override = ec2_configuration.value.image_id_override
      }
    }
  }

  tags = var.tags

  lifecycle {
    create_before_destroy = true
    ignore_changes        = [compute_resources[0].desired_vcpus]
  }

  depends_on = [
    aws_iam_role_policy_attachment.batch_service,
    aws_iam_role_policy_attachment.ecs_instance,
    aws_iam_role_policy_attachment.spot_fleet,
  ]
}

resource "aws_batch_job_queue" "additional" {
  for_each = { for name, q in local.job_queues : name => q if name != "default" }

  name     = "${local.names.computation_batch_job_queue}-${each.key}"
  state    = "ENABLED"
  priority = each.value.priority

  dynamic "compute_environment_order" {
    for_each = each.value.compute_environments

    content {
      order               = compute_environment_order.key + 1
      compute_environment = local.compute_environment_arns[compute_environment_order.value]
    }
  }

  tags = var.tags
}
