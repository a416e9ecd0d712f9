module "common" {
  source = "../common"

  resource_prefix          = var.resource_prefix
  resource_suffix          = var.resource_suffix
  upgrade_from             = var.upgrade_from
  iam_path                 = var.iam_path
  iam_permissions_boundary = var.iam_permissions_boundary
}

data "aws_caller_identity" "current" {}

locals {
  names      = module.common.names
  account_id = data.aws_caller_identity.current.account_id

  is_ec2 = var.batch_type == "ec2"

  # A compute environment built by outerbounds/metaflow/aws is replaced by
  # any change Batch cannot apply in place (with BEST_FIT: any change to its
  # compute resources or launch template), so an upgraded stack keeps the
  # old one's settings: its launch template, security group and AMI choice
  # as they were (UPGRADING.md says how to move to today's).
  legacy = var.upgrade_from != null

  # GPU instance types join the CPU ones in the same compute environment; the
  # two ec2_configuration entries in batch.tf make Batch boot each type from
  # the matching ECS-optimized AMI.
  instance_types = concat(var.compute_environment_instance_types, var.enable_gpu ? var.gpu_instance_types : [])

  # The environments of compute_environments, with their defaults filled in.
  # The default environment keeps its own blocks in batch.tf (and so the
  # address a stack already has).
  additional_environments = {
    for name, ce in var.compute_environments : name => merge(ce, {
      is_ec2              = !startswith(ce.type, "FARGATE")
      min_vcpus           = coalesce(ce.min_vcpus, 0)
      desired_vcpus       = coalesce(ce.desired_vcpus, ce.min_vcpus, 0)
      instance_types      = coalesce(ce.instance_types, ce.gpu ? var.gpu_instance_types : var.compute_environment_instance_types)
      allocation_strategy = coalesce(ce.allocation_strategy, ce.type == "SPOT" ? "SPOT_PRICE_CAPACITY_OPTIMIZED" : "BEST_FIT_PROGRESSIVE")
      root_volume_size    = coalesce(ce.root_volume_size, var.compute_environment_root_volume_size)
    })
  }
  additional_ec2_environments = { for name, ce in local.additional_environments : name => ce if ce.is_ec2 }

  # Instances need the ECS instance role whichever environment launches them.
  needs_instance_role = local.is_ec2 || length(local.additional_ec2_environments) > 0
  needs_spot_fleet    = anytrue([for ce in values(local.additional_environments) : ce.type == "SPOT"])

  job_queues = merge(
    { default = { compute_environments = ["default"], priority = 1 } },
    var.batch_job_queues,
  )
  compute_environment_arns = merge(
    { default = aws_batch_compute_environment.this.arn },
    { for name, ce in aws_batch_compute_environment.additional : name => ce.arn },
  )
  job_queue_arns = merge(
    { default = aws_batch_job_queue.this.arn },
    { for name, q in aws_batch_job_queue.additional : name => q.arn },
  )
}
