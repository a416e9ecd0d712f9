################################################################################
# Upgrades from outerbounds/metaflow/aws v0.10.0-v0.12.1 and its refresh
# branch (UPGRADING.md): v0.12's inputs as aliases, the line a stack comes
# from, and the defaults v0.12 stacks keep. moved blocks are in moved.tf.
################################################################################

locals {
  v012_subnet_ids = var.subnet1_id == null ? [] : [var.subnet1_id, var.subnet2_id]
  # A module block with any of v0.12's inputs is a v0.12 block: v0.12
  # required most of them, and the refresh branch already had the new names.
  v012_block = anytrue([for v in [var.vpc_id, var.subnet1_id, var.vpc_cidr_blocks, var.with_public_ip, var.enable_step_functions, var.ui_alb_internal] : v != null])

  upgrade_from = var.upgrade_from != null ? var.upgrade_from : (local.v012_block ? "v0.12" : null)
  from_v012    = local.upgrade_from == "v0.12"

  # Networking: v0.12 ran everything in subnet1_id and subnet2_id, public
  # ones when with_public_ip; its UI load balancer sat in them whether it
  # faced the internet or not, so they are the public subnets too.
  existing_vpc_id             = var.vpc_id != null ? var.vpc_id : var.existing_vpc_id
  existing_vpc_cidr_blocks    = var.vpc_cidr_blocks != null ? var.vpc_cidr_blocks : var.existing_vpc_cidr_blocks
  existing_private_subnet_ids = length(local.v012_subnet_ids) > 0 && !coalesce(var.with_public_ip, false) ? local.v012_subnet_ids : var.existing_private_subnet_ids
  existing_public_subnet_ids  = length(local.v012_subnet_ids) > 0 ? local.v012_subnet_ids : var.existing_public_subnet_ids

  create_step_functions = var.create_step_functions || coalesce(var.enable_step_functions, false)

  # The defaults of v0.12 whose change would replace what a v0.12 stack
  # runs: its UI existed whenever ui_certificate_arn was set and faced the
  # internet unless ui_alb_internal; its compute environment ran c4
  # instances. An empty prefix was impossible in v0.12 (its default was
  # "metaflow"); see local.resource_prefix.
  create_managed_metaflow_ui = var.create_managed_metaflow_ui || (local.from_v012 && var.ui_certificate_arn != "")
  metaflow_ui_is_public      = var.ui_alb_internal != null ? !var.ui_alb_internal : (local.from_v012 || var.metaflow_ui_is_public)
  contract_instance_types    = ["c5.large", "c5.xlarge", "c5.2xlarge", "c5.4xlarge", "c5.9xlarge"]
  v012_instance_types        = ["c4.large", "c4.xlarge", "c4.2xlarge", "c4.4xlarge", "c4.8xlarge"]
  compute_environment_instance_types = (
    local.from_v012 && tolist(var.compute_environment_instance_types) == tolist(local.contract_instance_types)
    ? local.v012_instance_types : var.compute_environment_instance_types
  )

  # Log groups of an upgraded stack never expired; keep their history
  # unless the caller chooses a retention.
  log_retention_in_days = var.log_retention_in_days != null ? var.log_retention_in_days : (local.upgrade_from != null ? 0 : 30)
}

# Deprecation warnings: a failed check is a warning, shown on every plan
# until the input is renamed.
check "deprecated_v012_inputs" {
  assert {
    condition     = var.vpc_id == null && var.vpc_cidr_blocks == null
    error_message = "vpc_id and vpc_cidr_blocks are deprecated (v0.12): rename them to existing_vpc_id and existing_vpc_cidr_blocks. Set upgrade_from = \"v0.12\" when you rename the v0.12 inputs, so the stack keeps its names (UPGRADING.md)."
  }

  assert {
    condition     = var.subnet1_id == null && var.with_public_ip == null
    error_message = "subnet1_id, subnet2_id and with_public_ip are deprecated (v0.12): list the subnets in existing_private_subnet_ids, or in existing_public_subnet_ids if with_public_ip was true. Set upgrade_from = \"v0.12\" when you rename the v0.12 inputs (UPGRADING.md)."
  }

  assert {
    condition     = var.enable_step_functions == null
    error_message = "enable_step_functions is deprecated (v0.12): rename it to create_step_functions. Set upgrade_from = \"v0.12\" when you rename the v0.12 inputs (UPGRADING.md)."
  }

  assert {
    condition     = var.ui_alb_internal == null
    error_message = "ui_alb_internal is deprecated (v0.12): use metaflow_ui_is_public, its opposite. With upgrade_from = \"v0.12\" the UI load balancer stays internet-facing unless ui_alb_internal = true (UPGRADING.md)."
  }
}

# Defaults v0.12 had and this module changed, which a v0.12 block that never
# set them now plans to change in place. Warnings, not errors: the block may
# set today's value on purpose, which the module cannot tell from a default.
check "v012_defaults" {
  assert {
    condition     = !(local.v012_block && var.db_engine_version == "14")
    error_message = "v0.12's default db_engine_version was \"11\", this module's is \"14\": if your database runs PostgreSQL 11, the plan upgrades it, which RDS refuses unless db_allow_major_version_upgrade = true. Set db_engine_version = \"11\" to keep it for now (UPGRADING.md: PostgreSQL 11 to 14)."
  }

  assert {
    condition     = !(local.v012_block && var.db_instance_type == "db.t3.small")
    error_message = "v0.12's default db_instance_type was \"db.t2.small\", this module's is \"db.t3.small\": the change restarts the database (a Multi-AZ failover). Set db_instance_type = \"db.t2.small\" to keep it."
  }

  assert {
    condition     = !(local.v012_block && var.force_destroy_s3_bucket)
    error_message = "v0.12's default force_destroy_s3_bucket was false, this module's is true: terraform destroy would then empty the bucket. Set force_destroy_s3_bucket = false to keep v0.12's protection of your artifacts."
  }
}
