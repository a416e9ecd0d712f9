locals {
  # An empty contract prefix gets a random one, so two stacks in one account
  # never collide on a name; the refresh branch drew it the same way. A
  # v0.12 stack never had an empty prefix: its default was "metaflow".
  resource_prefix = var.resource_prefix != "" ? var.resource_prefix : (local.from_v012 ? "metaflow" : "metaflow-${one(random_string.prefix[*].result)}")
  names           = module.common.names

  region = data.aws_region.current.region

  # ---------------------------------------------------------------- network
  vpc_id             = var.create_vpc ? module.vpc[0].vpc_id : local.existing_vpc_id
  vpc_cidr_blocks    = var.create_vpc ? [var.vpc_cidr] : local.existing_vpc_cidr_blocks
  private_subnet_ids = var.create_vpc ? module.vpc[0].private_subnets : local.existing_private_subnet_ids
  public_subnet_ids  = var.create_vpc ? module.vpc[0].public_subnets : local.existing_public_subnet_ids

  # modules/common's network plan picks each component's subnets: private
  # ones when there are any, else public ones with a public IP.
  subnet_ids       = module.common.subnet_ids
  assign_public_ip = module.common.assign_public_ip

  # ---------------------------------------------------------------- datastore
  # With create_datastore = false every value comes from the database_* and
  # metaflow_s3_* inputs.
  #
  # Throughout the root a component's output is read as
  # `var.create_x ? module.x[0].out : fallback`: the index is only evaluated
  # when the component is on. A splat (module.x[*].out, one(...)) would
  # instead refer to the whole module and close dependency cycles, since the
  # datastore admits the metadata service's security group while the service
  # reads the datastore's host.
  byo_db_endpoint_parts = split(":", var.database_endpoint)
  byo_s3_bucket_name    = try(regex("^arn:[^:]+:s3:::([^/]+)$", var.metaflow_s3_bucket_arn)[0], "")

  s3_bucket_name = var.create_datastore ? module.datastore[0].s3_bucket_name : local.byo_s3_bucket_name
  s3_bucket_arn  = var.create_datastore ? module.datastore[0].s3_bucket_arn : var.metaflow_s3_bucket_arn
  s3_kms_key_arn = var.create_datastore ? module.datastore[0].datastore_s3_bucket_kms_key_arn : var.metaflow_s3_bucket_kms_key_arn
  sysroot_s3     = var.create_datastore ? module.datastore[0].METAFLOW_DATASTORE_SYSROOT_S3 : var.metaflow_s3_sys_root
  datatools_s3   = var.create_datastore ? module.datastore[0].METAFLOW_DATATOOLS_S3ROOT : (local.byo_s3_bucket_name != "" ? "s3://${local.byo_s3_bucket_name}/data" : "")
  database_host  = var.create_datastore ? module.datastore[0].database_host : local.byo_db_endpoint_parts[0]
  database_port  = var.create_datastore ? module.datastore[0].database_port : (length(local.byo_db_endpoint_parts) > 1 ? tonumber(local.byo_db_endpoint_parts[1]) : 5432)
  database_name  = var.create_datastore ? module.datastore[0].database_name : var.database_name
  database_user  = var.create_datastore ? module.datastore[0].database_username : var.database_username
  db_secret_arn  = var.create_datastore ? module.datastore[0].database_password_secret_arn : join("", aws_secretsmanager_secret.byo_database_password[*].arn)
  db_secret_kms  = var.create_datastore ? module.datastore[0].database_password_secret_kms_key_arn : ""

  # Everything that talks to PostgreSQL is let in by security group: the ECS
  # metadata service, the ECS UI backend and, on EKS, the worker nodes that
  # run the Helm-deployed services.
  database_client_security_group_ids = concat(
    var.create_managed_metaflow_metadata_service ? [module.metadata_service[0].metadata_service_security_group_id] : [],
    local.create_managed_metaflow_ui ? [module.ui[0].ui_backend_security_group_id] : [],
    local.deploy_services ? [module.eks[0].node_security_group_id] : [],
  )

  # The password of a database brought by the caller is put into Secrets
  # Manager only when something will read it.
  needs_db_secret = var.create_managed_metaflow_metadata_service || local.create_managed_metaflow_ui || local.deploy_services

  # ---------------------------------------------------------------- EKS
  deploy_services   = var.create_eks_cluster && var.deploy_metaflow_services_in_eks
  deploy_autoscaler = var.create_eks_cluster && var.deploy_cluster_autoscaler

  # With a cluster, Metaflow steps run as pods in this namespace under this
  # service account (IRSA to the Metaflow task role); the Helm-deployed UI
  # backend reads artifacts from S3 through the same role.
  kubernetes_namespace            = local.names.services_namespace
  kubernetes_task_service_account = "metaflow-task"
  kubernetes_ui_service_account   = "metaflow-ui"
  kubernetes_service_accounts     = [local.kubernetes_task_service_account, local.kubernetes_ui_service_account]

  # ---------------------------------------------------------------- outputs
  batch_job_queue_arn = var.create_managed_compute ? module.computation[0].batch_job_queue_arn : ""

  service_url          = var.create_managed_metaflow_metadata_service ? module.metadata_service[0].METAFLOW_SERVICE_URL : module.services.metadata_service_url
  service_internal_url = var.create_managed_metaflow_metadata_service ? module.metadata_service[0].METAFLOW_SERVICE_INTERNAL_URL : module.services.metadata_service_internal_url
  ui_url               = local.create_managed_metaflow_ui ? module.ui[0].url : module.services.ui_url

  # Step Functions: what the profile and the outputs both give; "" without it.
  sfn_eventbridge_role_arn = local.create_step_functions ? module.step_functions[0].metaflow_eventbridge_role_arn : ""
  sfn_dynamodb_table_name  = local.create_step_functions ? module.step_functions[0].metaflow_step_functions_dynamodb_table_name : ""
  sfn_role_arn             = local.create_step_functions ? module.step_functions[0].metaflow_step_functions_role_arn : ""

  # The API key exists only with API Gateway and basic auth both on.
  service_auth_key = var.create_managed_metaflow_metadata_service && var.metadata_service_enable_api_gateway && var.metadata_service_enable_api_basic_auth ? module.metadata_service[0].api_key_value : ""

  ecr_repository_url = join("", aws_ecr_repository.batch[*].repository_url)
  ecr_registry       = local.ecr_repository_url != "" ? split("/", local.ecr_repository_url)[0] : ""
}
