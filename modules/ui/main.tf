module "common" {
  source = "../common"

  resource_prefix          = var.resource_prefix
  resource_suffix          = var.resource_suffix
  upgrade_from             = var.upgrade_from
  database_ssl_mode        = var.database_ssl_mode
  ui_hostname              = var.ui_hostname
  ui_route53_zone_id       = var.ui_route53_zone_id
  iam_path                 = var.iam_path
  iam_permissions_boundary = var.iam_permissions_boundary

  fargate_services = {
    ui_backend = { cpu = var.ui_backend_cpu, memory = var.ui_backend_memory }
    ui_static  = { cpu = var.ui_static_cpu, memory = var.ui_static_memory }
  }
}

data "aws_caller_identity" "current" {}

data "aws_region" "current" {}

locals {
  names = module.common.names

  account_id = data.aws_caller_identity.current.account_id
  region     = data.aws_region.current.region

  # The backend is the metadata service image started as the UI server.
  backend_image = var.ui_backend_container_image != "" ? var.ui_backend_container_image : module.common.default_metadata_service_container_image
  static_image  = var.ui_static_container_image != "" ? var.ui_static_container_image : module.common.default_ui_static_container_image

  # The tasks' sizes, checked by modules/common (the errors name our inputs).
  backend_task = module.common.fargate_services.ui_backend
  static_task  = module.common.fargate_services.ui_static

  backend_port = 8083
  static_port  = 3000

  # The database is reached inside the VPC when its CIDRs are known.
  database_egress_cidr_blocks = length(var.vpc_cidr_blocks) > 0 ? var.vpc_cidr_blocks : ["0.0.0.0/0"]

  # A UI built by outerbounds/metaflow/aws keeps its load balancer and its
  # groups' descriptions, which cannot change in place, with their rules
  # inline as the old module wrote them; its ECS cluster was the metadata
  # service's (same name), whose module keeps the cluster's log group.
  legacy = var.upgrade_from != null
}

check "ui_reachable" {
  assert {
    condition     = length(var.ui_allow_list) > 0
    error_message = "ui_allow_list is empty: the UI load balancer admits no client. Add the CIDR blocks of your users (e.g. your VPN)."
  }
}
