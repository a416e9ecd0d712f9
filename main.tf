data "aws_region" "current" {}

# Only drawn when the caller leaves resource_prefix empty.
resource "random_string" "prefix" {
  count = var.resource_prefix == "" && !local.from_v012 ? 1 : 0

  length  = 5
  lower   = true
  numeric = true
  special = false
  upper   = false
}

module "common" {
  source = "./modules/common"

  resource_prefix = local.resource_prefix
  resource_suffix = var.resource_suffix
  upgrade_from    = local.upgrade_from

  azs                         = local.azs
  vpc_cidr                    = var.vpc_cidr
  create_public_subnets_only  = var.create_vpc && var.create_public_subnets_only
  create_private_subnets_only = var.create_vpc && var.create_private_subnets_only
  private_subnet_ids          = local.private_subnet_ids
  public_subnet_ids           = local.public_subnet_ids
  ui_is_public                = local.create_managed_metaflow_ui && local.metaflow_ui_is_public
  database_ssl_mode           = var.database_ssl_mode
  ui_hostname                 = var.ui_hostname
  ui_route53_zone_id          = var.ui_route53_zone_id
  iam_path                    = var.iam_path
  iam_permissions_boundary    = var.iam_permissions_boundary

  metadata_service_api_endpoint_type   = var.metadata_service_api_endpoint_type
  metadata_service_api_vpc_endpoint_id = var.metadata_service_api_vpc_endpoint_id

  # The ECS services' sizes, checked here once: the keys are the start of the
  # root inputs' names, so an error names the input the caller set. The
  # services get them from module.common.fargate_services.
  fargate_services = {
    metadata_service = {
      cpu               = var.metadata_service_cpu
      memory            = var.metadata_service_memory
      ephemeral_storage = var.metadata_service_ephemeral_storage
      desired_count     = var.metadata_service_desired_count
    }
    ui_backend = { cpu = var.ui_backend_cpu, memory = var.ui_backend_memory }
    ui_static  = { cpu = var.ui_static_cpu, memory = var.ui_static_memory }
  }
}

################################################################################
# Datastore: S3 bucket, KMS keys, PostgreSQL
################################################################################

module "datastore" {
  source = "./modules/datastore"
  count  = var.create_datastore ? 1 : 0

  resource_prefix = local.resource_prefix
  resource_suffix = var.resource_suffix
  upgrade_from    = local.upgrade_from
  tags            = var.tags

  metaflow_vpc_id = local.vpc_id
  subnet_ids      = local.subnet_ids.database
  vpc_cidr_blocks = local.vpc_cidr_blocks

  allowed_security_group_ids = local.database_client_security_group_ids

  db_engine_version                          = var.db_engine_version
  db_instance_type                           = var.db_instance_type
  allow_major_version_upgrade                = var.db_allow_major_version_upgrade
  db_backup_retention_period                 = var.db_backup_retention_period
  db_deletion_protection                     = var.db_deletion_protection
  db_multi_az                                = var.db_multi_az
  db_password_secret_recovery_window_in_days = var.db_password_secret_recovery_window_in_days
  db_skip_final_snapshot                     = var.db_skip_final_snapshot
  enable_key_rotation                        = var.enable_key_rotation
  force_destroy_s3_bucket                    = var.force_destroy_s3_bucket
  kms_deletion_window_in_days                = var.kms_deletion_window_in_days
}

################################################################################
# Compute: AWS Batch
################################################################################

module "computation" {
  source = "./modules/computation"
  count  = var.create_managed_compute ? 1 : 0

  resource_prefix = local.resource_prefix
  resource_suffix = var.resource_suffix
  upgrade_from    = local.upgrade_from
  tags            = var.tags
  iam_partition   = var.iam_partition

  iam_path                 = module.common.iam_path
  iam_permissions_boundary = module.common.iam_permissions_boundary

  metaflow_vpc_id = local.vpc_id
  subnet_ids      = local.subnet_ids.batch

  batch_type                                        = var.batch_type
  compute_environment_additional_security_group_ids = var.compute_environment_additional_security_group_ids
  compute_environment_allocation_strategy           = var.compute_environment_allocation_strategy
  compute_environment_desired_vcpus                 = var.compute_environment_desired_vcpus
  compute_environment_egress_cidr_blocks            = var.compute_environment_egress_cidr_blocks
  compute_environment_instance_types                = local.compute_environment_instance_types
  compute_environment_max_vcpus                     = var.compute_environment_max_vcpus
  compute_environment_min_vcpus                     = var.compute_environment_min_vcpus
  compute_environment_root_volume_size              = var.compute_environment_root_volume_size
  enable_gpu                                        = var.enable_gpu
  gpu_instance_types                                = var.gpu_instance_types
  launch_template_http_endpoint                     = var.launch_template_http_endpoint
  launch_template_http_put_response_hop_limit       = var.launch_template_http_put_response_hop_limit
  launch_template_http_tokens                       = var.launch_template_http_tokens
  launch_template_image_id                          = var.launch_template_image_id

  compute_environments    = var.compute_environments
  batch_job_queues        = var.batch_job_queues
  default_batch_job_queue = var.default_batch_job_queue
}

################################################################################
# Metadata service on ECS Fargate
################################################################################

module "metadata_service" {
  source = "./modules/metadata-service"
  count  = var.create_managed_metaflow_metadata_service ? 1 : 0

  resource_prefix = local.resource_prefix
  resource_suffix = var.resource_suffix
  upgrade_from    = local.upgrade_from
  tags            = var.tags
  iam_partition   = var.iam_partition

  iam_path                 = module.common.iam_path
  iam_permissions_boundary = module.common.iam_permissions_boundary

  metaflow_vpc_id  = local.vpc_id
  subnet_ids       = local.subnet_ids.ecs_services
  vpc_cidr_blocks  = local.vpc_cidr_blocks
  assign_public_ip = local.assign_public_ip

  access_list_cidr_blocks = var.access_list_cidr_blocks
  enable_api_gateway      = var.metadata_service_enable_api_gateway
  enable_api_basic_auth   = var.metadata_service_enable_api_basic_auth

  # A private API goes through the caller's execute-api endpoint or the one
  # vpc_endpoints.tf creates for it.
  metadata_service_api_endpoint_type            = module.common.metadata_service_api_endpoint_type
  metadata_service_api_vpc_endpoint_id          = local.metadata_service_api_vpc_endpoint_id
  metadata_service_api_vpc_endpoint_private_dns = local.create_api_vpc_endpoint && var.metadata_service_api_vpc_endpoint_private_dns

  create_api_gateway_cloudwatch_role = var.create_api_gateway_cloudwatch_role

  database_host                        = local.database_host
  database_port                        = local.database_port
  database_name                        = local.database_name
  database_username                    = local.database_user
  database_password_secret_arn         = local.db_secret_arn
  database_password_secret_kms_key_arn = local.db_secret_kms
  database_ssl_mode                    = module.common.database_ssl_mode

  s3_bucket_arn                   = local.s3_bucket_arn
  datastore_s3_bucket_kms_key_arn = local.s3_kms_key_arn

  metadata_service_container_image   = var.metadata_service_container_image
  metadata_service_cpu               = module.common.fargate_services.metadata_service.cpu
  metadata_service_memory            = module.common.fargate_services.metadata_service.memory
  metadata_service_ephemeral_storage = module.common.fargate_services.metadata_service.ephemeral_storage
  metadata_service_desired_count     = module.common.fargate_services.metadata_service.desired_count
  enable_migration_lambda            = var.enable_migration_lambda
  db_migrate_lambda_zip_file         = var.db_migrate_lambda_zip_file
  log_retention_in_days              = local.log_retention_in_days
}

################################################################################
# Metaflow UI on ECS Fargate behind an HTTPS ALB
################################################################################

module "ui" {
  source = "./modules/ui"
  count  = local.create_managed_metaflow_ui ? 1 : 0

  resource_prefix = local.resource_prefix
  resource_suffix = var.resource_suffix
  upgrade_from    = local.upgrade_from
  tags            = var.tags
  iam_partition   = var.iam_partition

  iam_path                 = module.common.iam_path
  iam_permissions_boundary = module.common.iam_permissions_boundary

  metaflow_vpc_id    = local.vpc_id
  vpc_cidr_blocks    = local.vpc_cidr_blocks
  subnet_ids         = local.subnet_ids.ecs_services
  alb_subnet_ids     = local.subnet_ids.ui_load_balancer
  alb_internal       = !local.metaflow_ui_is_public
  assign_public_ip   = local.assign_public_ip
  certificate_arn    = var.ui_certificate_arn
  ui_hostname        = module.common.ui_hostname
  ui_route53_zone_id = module.common.ui_route53_zone_id
  ui_allow_list      = var.ui_allow_list

  ui_authentication               = var.ui_authentication
  ui_authentication_client_secret = var.ui_authentication_client_secret

  database_host                        = local.database_host
  database_port                        = local.database_port
  database_name                        = local.database_name
  database_username                    = local.database_user
  database_password_secret_arn         = local.db_secret_arn
  database_password_secret_kms_key_arn = local.db_secret_kms
  database_ssl_mode                    = module.common.database_ssl_mode

  METAFLOW_DATASTORE_SYSROOT_S3   = local.sysroot_s3
  s3_bucket_arn                   = local.s3_bucket_arn
  datastore_s3_bucket_kms_key_arn = local.s3_kms_key_arn

  extra_ui_backend_env_vars  = var.extra_ui_backend_env_vars
  extra_ui_static_env_vars   = var.extra_ui_static_env_vars
  ui_backend_container_image = var.metadata_service_container_image
  ui_static_container_image  = var.ui_static_container_image
  ui_backend_cpu             = module.common.fargate_services.ui_backend.cpu
  ui_backend_memory          = module.common.fargate_services.ui_backend.memory
  ui_static_cpu              = module.common.fargate_services.ui_static.cpu
  ui_static_memory           = module.common.fargate_services.ui_static.memory
  log_retention_in_days      = local.log_retention_in_days
}

################################################################################
# Step Functions: roles and run-state table Metaflow's scheduler needs
################################################################################

module "step_functions" {
  source = "./modules/step-functions"
  count  = local.create_step_functions ? 1 : 0

  resource_prefix = local.resource_prefix
  resource_suffix = var.resource_suffix
  upgrade_from    = local.upgrade_from
  tags            = var.tags
  iam_partition   = var.iam_partition

  iam_path                 = module.common.iam_path
  iam_permissions_boundary = module.common.iam_permissions_boundary

  # The create_step_functions validation guarantees managed compute is on.
  batch_job_queue_arn             = local.batch_job_queue_arn
  additional_batch_job_queue_arns = [for name, arn in module.computation[0].batch_job_queue_arns : arn if name != var.default_batch_job_queue]
  s3_bucket_arn                   = local.s3_bucket_arn
  s3_bucket_kms_arn               = local.s3_kms_key_arn
}

################################################################################
# Client profile
################################################################################

module "profile" {
  source = "./modules/profile"

  batch_container_image      = local.ecr_repository_url
  batch_container_registry   = local.ecr_registry
  batch_job_queue            = local.batch_job_queue_arn
  datastore_sysroot_s3       = local.sysroot_s3
  datatools_s3root           = local.datatools_s3
  ecs_fargate_execution_role = var.create_managed_compute ? module.computation[0].ecs_execution_role_arn : ""
  ecs_s3_access_iam_role     = aws_iam_role.metaflow_task.arn
  events_sfn_access_iam_role = local.sfn_eventbridge_role_arn
  kubernetes_namespace       = var.create_eks_cluster ? local.kubernetes_namespace : ""
  kubernetes_service_account = var.create_eks_cluster ? local.kubernetes_task_service_account : ""
  # Kubernetes steps run the stack's image as Batch steps do.
  kubernetes_container_image    = var.create_eks_cluster ? local.ecr_repository_url : ""
  kubernetes_container_registry = var.create_eks_cluster ? local.ecr_registry : ""
  argo_workflows_ui_url         = module.services.argo_workflows_ui_url
  argo_events                   = module.services.argo_events
  service_internal_url          = local.service_internal_url
  service_url                   = local.service_url
  sfn_dynamo_db_table           = local.sfn_dynamodb_table_name
  sfn_iam_role                  = local.sfn_role_arn
  sfn_state_machine_prefix      = local.create_step_functions ? module.step_functions[0].metaflow_step_functions_state_machine_prefix : ""
  ui_url                        = local.ui_url
}
