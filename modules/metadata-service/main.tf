module "common" {
  source = "../common"

  resource_prefix          = var.resource_prefix
  resource_suffix          = var.resource_suffix
  upgrade_from             = var.upgrade_from
  database_ssl_mode        = var.database_ssl_mode
  iam_path                 = var.iam_path
  iam_permissions_boundary = var.iam_permissions_boundary

  metadata_service_api_endpoint_type   = var.metadata_service_api_endpoint_type
  metadata_service_api_vpc_endpoint_id = var.metadata_service_api_vpc_endpoint_id

  fargate_services = {
    metadata_service = {
      cpu               = var.metadata_service_cpu
      memory            = var.metadata_service_memory
      ephemeral_storage = var.metadata_service_ephemeral_storage
      desired_count     = var.metadata_service_desired_count
    }
  }
}

data "aws_caller_identity" "current" {}

data "aws_region" "current" {}

locals {
  names = module.common.names

  account_id = data.aws_caller_identity.current.account_id
  region     = data.aws_region.current.region

  # The task's size, checked by modules/common (the errors name our inputs).
  task = module.common.fargate_services.metadata_service

  container_image = var.metadata_service_container_image != "" ? var.metadata_service_container_image : module.common.default_metadata_service_container_image

  # The service answers the Metaflow API on 8080 and the schema migration
  # endpoints on 8082; clients reach the API through the NLB on port 80.
  api_port           = 8080
  migration_port     = 8082
  nlb_api_port       = 80
  nlb_migration_port = 8082

  internal_url  = "http://${aws_lb.this.dns_name}/"
  migration_url = "http://${aws_lb.this.dns_name}:${local.nlb_migration_port}"

  api_key_enabled = var.enable_api_gateway && var.enable_api_basic_auth

  # A private API is reached only through its execute-api VPC endpoint, and
  # API Gateway deploys it only with a resource policy, so it always has one.
  api_private         = var.enable_api_gateway && module.common.metadata_service_api_endpoint_type == "PRIVATE"
  api_vpc_endpoint_id = local.api_private ? module.common.metadata_service_api_vpc_endpoint_id : ""
  api_policy          = var.enable_api_gateway && (local.api_private || length(var.access_list_cidr_blocks) > 0)

  manage_api_gateway_account = var.enable_api_gateway && var.create_api_gateway_cloudwatch_role

  # The migration Lambda is optional; its security group exists only on a
  # new stack (an upgraded one's Lambda uses the service's group, see lambda.tf).
  migration_lambda         = var.enable_migration_lambda
  migration_security_group = var.enable_migration_lambda && !local.legacy

  # A service built by outerbounds/metaflow/aws keeps its load balancer,
  # which was created without security groups (AWS cannot add them to it
  # later), and so its tasks' group keeps admitting the VPC's addresses
  # itself, with the old rules (UPGRADING.md).
  legacy = var.upgrade_from != null
}
