module "common" {
  source = "../common"

  resource_prefix = var.resource_prefix
  resource_suffix = var.resource_suffix
  upgrade_from    = var.upgrade_from
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
}
