locals {
  # The metadata service URL clients use: the public one when there is one,
  # else the in-VPC one (an empty METAFLOW_SERVICE_URL makes Metaflow fall back
  # to local metadata, which silently splits a team's run history).
  service_url = var.service_url != "" ? var.service_url : var.service_internal_url

  candidates = merge({
    METAFLOW_ARGO_WORKFLOWS_UI_URL         = var.argo_workflows_ui_url
    METAFLOW_BATCH_CONTAINER_IMAGE         = var.batch_container_image
    METAFLOW_BATCH_CONTAINER_REGISTRY      = var.batch_container_registry
    METAFLOW_BATCH_JOB_QUEUE               = var.batch_job_queue
    METAFLOW_DATASTORE_SYSROOT_S3          = var.datastore_sysroot_s3
    METAFLOW_DATATOOLS_S3ROOT              = var.datatools_s3root
    METAFLOW_DEFAULT_DATASTORE             = var.datastore_sysroot_s3 != "" ? "s3" : ""
    METAFLOW_DEFAULT_METADATA              = local.service_url != "" ? "service" : ""
    METAFLOW_ECS_FARGATE_EXECUTION_ROLE    = var.ecs_fargate_execution_role
    METAFLOW_ECS_S3_ACCESS_IAM_ROLE        = var.ecs_s3_access_iam_role
    METAFLOW_EVENTS_SFN_ACCESS_IAM_ROLE    = var.events_sfn_access_iam_role
    METAFLOW_KUBERNETES_CONTAINER_IMAGE    = var.kubernetes_container_image
    METAFLOW_KUBERNETES_CONTAINER_REGISTRY = var.kubernetes_container_registry
    METAFLOW_KUBERNETES_NAMESPACE          = var.kubernetes_namespace
    METAFLOW_KUBERNETES_SERVICE_ACCOUNT    = var.kubernetes_service_account
    METAFLOW_SERVICE_INTERNAL_URL          = var.service_internal_url
    METAFLOW_SERVICE_URL                   = local.service_url
    METAFLOW_SFN_DYNAMO_DB_TABLE           = var.sfn_dynamo_db_table
    METAFLOW_SFN_IAM_ROLE                  = var.sfn_iam_role
    METAFLOW_SFN_STATE_MACHINE_PREFIX      = var.sfn_state_machine_prefix
    METAFLOW_UI_URL                        = var.ui_url
  }, { for k, v in var.argo_events : "METAFLOW_ARGO_EVENTS_${k}" => v })

  # Keys that do not apply are left out rather than set to "", so Metaflow's
  # own defaults (such as KUBERNETES_NAMESPACE "default") stay in force.
  config = { for key, value in local.candidates : key => value if value != "" }
}
