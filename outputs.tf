################################################################################
# Contract outputs. A component that is switched off yields "".
################################################################################

output "METAFLOW_BATCH_JOB_QUEUE" {
  description = "ARN of the AWS Batch job queue Metaflow submits steps to (default_batch_job_queue); \"\" without managed compute. A step runs on another queue of batch_job_queue_arns with @batch(queue=\"<ARN>\")."
  value       = local.batch_job_queue_arn
}

output "METAFLOW_DATASTORE_SYSROOT_S3" {
  description = "S3 URL under which Metaflow stores artifacts (s3://BUCKET/metaflow), of the created bucket or of metaflow_s3_sys_root."
  value       = local.sysroot_s3
}

output "METAFLOW_DATATOOLS_S3ROOT" {
  description = "S3 URL Metaflow's S3 data tools default to (s3://BUCKET/data)."
  value       = local.datatools_s3
}

output "METAFLOW_ECS_S3_ACCESS_IAM_ROLE" {
  description = "ARN of the IAM role Metaflow steps run as (Batch jobs, and pods through IRSA on EKS), with access to the datastore bucket and its key."
  value       = aws_iam_role.metaflow_task.arn
}

output "METAFLOW_EVENTS_SFN_ACCESS_IAM_ROLE" {
  description = "ARN of the IAM role EventBridge uses to start Step Functions executions of scheduled flows; \"\" without Step Functions."
  value       = local.sfn_eventbridge_role_arn
}

output "METAFLOW_SERVICE_INTERNAL_URL" {
  description = "URL of the metadata service from inside the VPC (the internal NLB) or, with the services in EKS, from inside the cluster; \"\" when neither runs."
  value       = local.service_internal_url
}

output "METAFLOW_SERVICE_URL" {
  description = "URL Metaflow clients use: for the ECS metadata service its API Gateway stage (with metadata_service_api_endpoint_type = \"PRIVATE\" the name that answers inside the VPC: https://{api-id}-{vpce-id}.execute-api.{region}.amazonaws.com/api/, or with metadata_service_api_vpc_endpoint_private_dns the API's own name), or the internal URL when API Gateway is off; with the services in EKS and expose_metaflow_services_in_eks, the internal load balancer's; \"\" otherwise (the profile then uses METAFLOW_SERVICE_INTERNAL_URL, through kubectl port-forward on EKS)."
  value       = local.service_url
}

output "METAFLOW_SFN_DYNAMO_DB_TABLE" {
  description = "Name of the DynamoDB table in which Step Functions executions keep foreach state; \"\" without Step Functions."
  value       = local.sfn_dynamodb_table_name
}

output "METAFLOW_SFN_IAM_ROLE" {
  description = "ARN of the IAM role the Step Functions state machines run as (submitting Batch jobs, reading the table); \"\" without Step Functions."
  value       = local.sfn_role_arn
}

output "api_gateway_rest_api_id_key_id" {
  description = "Id of the API Gateway API key of the metadata service; \"\" without API Gateway basic auth. The key itself is the sensitive output METAFLOW_SERVICE_AUTH_KEY."
  value       = var.create_managed_metaflow_metadata_service ? module.metadata_service[0].api_gateway_rest_api_id_key_id : ""
}

output "batch_compute_environment_arns" {
  description = "ARN of every AWS Batch compute environment, by name (\"default\" and the keys of compute_environments); {} without managed compute."
  value       = var.create_managed_compute ? module.computation[0].batch_compute_environment_arns : {}
}

output "batch_compute_environment_security_group_id" {
  description = "Id of the security group of the Batch compute environment; \"\" without managed compute."
  value       = var.create_managed_compute ? module.computation[0].batch_compute_environment_security_group_id : ""
}

output "batch_job_queue_arns" {
  description = "ARN of every AWS Batch job queue, by name (\"default\" and the keys of batch_job_queues); {} without managed compute. METAFLOW_BATCH_JOB_QUEUE is the one of default_batch_job_queue; a step runs on another with @batch(queue=\"<ARN>\")."
  value       = var.create_managed_compute ? module.computation[0].batch_job_queue_arns : {}
}

output "datastore_s3_bucket_kms_key_arn" {
  description = "ARN of the KMS key encrypting the datastore bucket (created, or metaflow_s3_bucket_kms_key_arn)."
  value       = local.s3_kms_key_arn
}

output "metadata_svc_ecs_task_role_arn" {
  description = "ARN of the IAM role of the ECS metadata service's tasks; \"\" without the ECS metadata service."
  value       = var.create_managed_metaflow_metadata_service ? module.metadata_service[0].metadata_svc_ecs_task_role_arn : ""
}

output "metaflow_api_gateway_rest_api_id" {
  description = "Id of the API Gateway REST API in front of the metadata service; \"\" without it."
  value       = var.create_managed_metaflow_metadata_service ? module.metadata_service[0].api_gateway_rest_api_id : ""
}

output "metaflow_aws_managed_profile_json" {
  description = "Metaflow configuration of this stack as JSON: save it as ~/.metaflow/config_NAME.json and select it with METAFLOW_PROFILE=NAME. Holds no secret; with API Gateway basic auth, add METAFLOW_SERVICE_AUTH_KEY (or use metaflow_profile_with_auth_key_json)."
  value       = module.profile.json
}

output "metaflow_batch_container_image" {
  description = "URL of the ECR repository for a custom Batch step image (the profile's METAFLOW_BATCH_CONTAINER_IMAGE); \"\" without enable_custom_batch_container_registry."
  value       = local.ecr_repository_url
}

output "metaflow_s3_bucket_arn" {
  description = "ARN of the datastore S3 bucket (created, or metaflow_s3_bucket_arn)."
  value       = local.s3_bucket_arn
}

output "metaflow_s3_bucket_name" {
  description = "Name of the datastore S3 bucket (created, or taken from metaflow_s3_bucket_arn)."
  value       = local.s3_bucket_name
}

output "migration_function_arn" {
  description = "ARN of the Lambda function that applies the metadata database's schema migrations; \"\" without the ECS metadata service or with enable_migration_lambda = false."
  value       = var.create_managed_metaflow_metadata_service ? module.metadata_service[0].migration_function_arn : ""
}

output "ui_alb_arn" {
  description = "ARN of the UI's application load balancer; \"\" without the ECS UI."
  value       = local.create_managed_metaflow_ui ? module.ui[0].alb_arn : ""
}

output "ui_alb_dns_name" {
  description = "DNS name of the UI's application load balancer (point your certificate's host name at it); \"\" without the ECS UI."
  value       = local.create_managed_metaflow_ui ? module.ui[0].alb_dns_name : ""
}

################################################################################
# Outputs beyond the contract
################################################################################

output "METAFLOW_SERVICE_AUTH_KEY" {
  description = "API key Metaflow clients send to the metadata service's API Gateway; \"\" without API Gateway basic auth."
  value       = local.service_auth_key
  sensitive   = true
}

output "database_client_security_group_ids" {
  description = "Security groups of everything that connects to PostgreSQL (ECS metadata service, ECS UI backend, EKS nodes running the services). The created database admits them; with your own database, let them in on its port."
  value       = local.database_client_security_group_ids
}

output "database_password_secret_arn" {
  description = "ARN of the Secrets Manager secret holding the metadata database password; \"\" when nothing reads it (no datastore created and no metadata service or UI)."
  value       = local.db_secret_arn
}

output "eks_cluster_certificate_authority_data" {
  description = "Base64-encoded CA certificate of the EKS cluster, for configuring kubectl or providers; \"\" without a cluster."
  value       = local.eks_cluster_ca_encoded
}

output "eks_cluster_endpoint" {
  description = "API server endpoint of the EKS cluster; \"\" without a cluster."
  value       = local.eks_cluster_endpoint
}

output "eks_cluster_name" {
  description = "Name of the EKS cluster (aws eks update-kubeconfig --name NAME); \"\" without a cluster."
  value       = local.eks_cluster_name
}

output "kubernetes_namespace" {
  description = "Kubernetes namespace of the Metaflow services and step pods; \"\" without a cluster."
  value       = var.create_eks_cluster ? module.services.kubernetes_namespace : ""
}

output "metadata_service_api_vpc_endpoint_id" {
  description = "Id of the execute-api interface VPC endpoint a PRIVATE metadata API is reached through (metadata_service_api_vpc_endpoint_id, or the one the module created); \"\" with REGIONAL."
  value       = local.metadata_service_api_vpc_endpoint_id
}

output "metaflow_profile_config" {
  description = "The Metaflow profile as a map of configuration key to value (the object behind metaflow_aws_managed_profile_json), for callers that add keys of their own."
  value       = module.profile.config
}

output "metaflow_profile_with_auth_key_json" {
  description = "metaflow_aws_managed_profile_json plus METAFLOW_SERVICE_AUTH_KEY when the API needs a key: the complete profile to save, kept sensitive."
  value       = local.service_auth_key != "" ? jsonencode(merge(module.profile.config, { METAFLOW_SERVICE_AUTH_KEY = local.service_auth_key })) : module.profile.json
  sensitive   = true
}

output "metaflow_ui_url" {
  description = "URL of the UI: for the ECS UI its HTTPS URL (at ui_hostname when set, else at its load balancer's DNS name); with the services in EKS and expose_metaflow_services_in_eks, the internal load balancer's; \"\" otherwise."
  value       = local.ui_url

  precondition {
    condition     = local.create_managed_metaflow_ui || var.ui_hostname == "" && var.ui_route53_zone_id == ""
    error_message = "ui_hostname and ui_route53_zone_id are settings of the ECS UI, which this stack does not create: set create_managed_metaflow_ui = true (with ui_certificate_arn), or leave them empty."
  }
}

output "resource_prefix" {
  description = "Prefix of every resource name: resource_prefix, or the generated \"metaflow-\" plus 5 random characters when it was empty."
  value       = local.resource_prefix
}

output "vpc_id" {
  description = "Id of the VPC the stack runs in (created or existing_vpc_id)."
  value       = local.vpc_id
}

################################################################################
# Deprecated outputs of v0.12, kept for its callers (UPGRADING.md).
################################################################################

output "metaflow_profile_json" {
  description = "Deprecated (v0.12): the same as metaflow_aws_managed_profile_json, the profile without the API key."
  value       = module.profile.json
}
