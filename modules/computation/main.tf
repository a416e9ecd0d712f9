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

  # GPU instance types join the CPU ones in the same compute environment; the
  # two ec2_configuration entries in batch.tf make Batch boot each type from
  # the matching ECS-optimized AMI.
  instance_types = concat(var.compute_environment_instance_types, var.enable_gpu ? var.gpu_instance_types : [])
}
