module "common" {
  source = "../common"

  resource_prefix = var.resource_prefix
  resource_suffix = var.resource_suffix
  upgrade_from    = var.upgrade_from
}

locals {
  names = module.common.names

  # The engine name, not its version, decides between a single RDS instance
  # and an Aurora cluster.
  is_aurora = startswith(var.db_engine, "aurora-")

  # Metaflow only ever talks to PostgreSQL on its default port.
  db_port = 5432

  # A database built by outerbounds/metaflow/aws keeps what replacing would
  # lose or change under its clients: its password and the arguments of its
  # security group and final snapshot name (UPGRADING.md).
  legacy = var.upgrade_from != null
}
