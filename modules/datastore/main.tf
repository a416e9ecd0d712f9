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
}
