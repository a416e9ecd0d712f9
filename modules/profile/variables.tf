# Each input is named after the Metaflow configuration key it fills, lowercased
# and without the METAFLOW_ prefix (see metaflow/metaflow_config.py). Empty (or
# null) means "does not apply to this deployment": the key is left out.

variable "argo_events" {
  description = "Argo Events settings, keyed by the METAFLOW_ARGO_EVENTS_ names without their prefix: EVENT_BUS, EVENT_SOURCE, EVENT, SERVICE_ACCOUNT, SENSOR_NAMESPACE, WEBHOOK_URL, INTERNAL_WEBHOOK_URL. Empty values (and an empty map) leave Metaflow's defaults."
  type        = map(string)
  default     = {}
  nullable    = false

  validation {
    condition     = alltrue([for k in keys(var.argo_events) : contains(["EVENT_BUS", "EVENT_SOURCE", "EVENT", "SERVICE_ACCOUNT", "SENSOR_NAMESPACE", "WEBHOOK_URL", "INTERNAL_WEBHOOK_URL"], k)])
    error_message = "argo_events keys must be among EVENT_BUS, EVENT_SOURCE, EVENT, SERVICE_ACCOUNT, SENSOR_NAMESPACE, WEBHOOK_URL, INTERNAL_WEBHOOK_URL (each a METAFLOW_ARGO_EVENTS_ key without its prefix); got ${jsonencode(keys(var.argo_events))}."
  }
}

variable "argo_workflows_ui_url" {
  description = "URL of the Argo Workflows UI, which Metaflow prints next to deployed flows (METAFLOW_ARGO_WORKFLOWS_UI_URL)."
  type        = string
  default     = ""
  nullable    = false

  validation {
    condition     = var.argo_workflows_ui_url == "" || can(regex("^https?://[^/\\s]+(/.*)?$", var.argo_workflows_ui_url))
    error_message = "argo_workflows_ui_url must be empty or an http(s) URL; got \"${var.argo_workflows_ui_url}\"."
  }
}

variable "batch_container_image" {
  description = "Default image of AWS Batch steps (METAFLOW_BATCH_CONTAINER_IMAGE), such as the custom ECR repository URL. Empty leaves Metaflow's default."
  type        = string
  default     = ""
  nullable    = false
}

variable "batch_container_registry" {
  description = "Registry of AWS Batch step images (METAFLOW_BATCH_CONTAINER_REGISTRY), such as ACCOUNT.dkr.ecr.REGION.amazonaws.com. Empty leaves Metaflow's default."
  type        = string
  default     = ""
  nullable    = false
}

variable "batch_job_queue" {
  description = "ARN of the AWS Batch job queue steps are submitted to (METAFLOW_BATCH_JOB_QUEUE). Empty when there is no managed compute."
  type        = string
  default     = ""
  nullable    = false
}

variable "datastore_sysroot_s3" {
  description = "S3 URL under which Metaflow stores artifacts (METAFLOW_DATASTORE_SYSROOT_S3), such as s3://BUCKET/metaflow. Setting it also sets METAFLOW_DEFAULT_DATASTORE to s3."
  type        = string
  default     = ""
  nullable    = false

  validation {
    condition     = var.datastore_sysroot_s3 == "" || can(regex("^s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/.*)?$", var.datastore_sysroot_s3))
    error_message = "datastore_sysroot_s3 must be empty or an S3 URL such as s3://my-bucket/metaflow; got \"${var.datastore_sysroot_s3}\"."
  }
}

variable "datatools_s3root" {
  description = "S3 URL Metaflow's S3 data tools default to (METAFLOW_DATATOOLS_S3ROOT), such as s3://BUCKET/data."
  type        = string
  default     = ""
  nullable    = false

  validation {
    condition     = var.datatools_s3root == "" || can(regex("^s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/.*)?$", var.datatools_s3root))
    error_message = "datatools_s3root must be empty or an S3 URL such as s3://my-bucket/data; got \"${var.datatools_s3root}\"."
  }
}

variable "ecs_fargate_execution_role" {
  description = "ARN of the ECS task execution role for Batch steps on Fargate (METAFLOW_ECS_FARGATE_EXECUTION_ROLE)."
  type        = string
  default     = ""
  nullable    = false
}

variable "ecs_s3_access_iam_role" {
  description = "ARN of the IAM role Batch steps run as, with access to the bucket (METAFLOW_ECS_S3_ACCESS_IAM_ROLE)."
  type        = string
  default     = ""
  nullable    = false
}

variable "events_sfn_access_iam_role" {
  description = "ARN of the role EventBridge uses to start Step Functions executions for scheduled flows (METAFLOW_EVENTS_SFN_ACCESS_IAM_ROLE)."
  type        = string
  default     = ""
  nullable    = false
}

variable "kubernetes_container_image" {
  description = "Default image of Metaflow's Kubernetes steps (METAFLOW_KUBERNETES_CONTAINER_IMAGE); without it steps run a public python image."
  type        = string
  default     = ""
  nullable    = false
}

variable "kubernetes_container_registry" {
  description = "Registry of Metaflow's Kubernetes step images (METAFLOW_KUBERNETES_CONTAINER_REGISTRY)."
  type        = string
  default     = ""
  nullable    = false
}

variable "kubernetes_namespace" {
  description = "Kubernetes namespace Metaflow creates its pods in (METAFLOW_KUBERNETES_NAMESPACE). Empty leaves Metaflow's default."
  type        = string
  default     = ""
  nullable    = false
}

variable "kubernetes_service_account" {
  description = "Kubernetes service account Metaflow's pods run as (METAFLOW_KUBERNETES_SERVICE_ACCOUNT)."
  type        = string
  default     = ""
  nullable    = false
}

variable "service_internal_url" {
  description = "Metadata service URL reachable inside the VPC, used by remote steps (METAFLOW_SERVICE_INTERNAL_URL), such as http://NLB_DNS/."
  type        = string
  default     = ""
  nullable    = false

  validation {
    condition     = var.service_internal_url == "" || can(regex("^https?://[^/\\s]+(/.*)?$", var.service_internal_url))
    error_message = "service_internal_url must be empty or an http(s) URL; got \"${var.service_internal_url}\"."
  }
}

variable "service_url" {
  description = "Metadata service URL clients use (METAFLOW_SERVICE_URL), such as the API Gateway stage URL. Empty falls back to service_internal_url, so a deployment without API Gateway still gets a usable profile."
  type        = string
  default     = ""
  nullable    = false

  validation {
    condition     = var.service_url == "" || can(regex("^https?://[^/\\s]+(/.*)?$", var.service_url))
    error_message = "service_url must be empty or an http(s) URL; got \"${var.service_url}\"."
  }
}

variable "sfn_dynamo_db_table" {
  description = "Name of the DynamoDB table Step Functions executions keep foreach state in (METAFLOW_SFN_DYNAMO_DB_TABLE)."
  type        = string
  default     = ""
  nullable    = false
}

variable "sfn_iam_role" {
  description = "ARN of the role AWS Step Functions state machines run as (METAFLOW_SFN_IAM_ROLE)."
  type        = string
  default     = ""
  nullable    = false
}

variable "sfn_state_machine_prefix" {
  description = "Prefix Metaflow puts before the names of the state machines it creates (METAFLOW_SFN_STATE_MACHINE_PREFIX)."
  type        = string
  default     = ""
  nullable    = false
}

variable "ui_url" {
  description = "URL of the Metaflow UI (METAFLOW_UI_URL), which Metaflow prints next to runs, such as https://UI_HOST/."
  type        = string
  default     = ""
  nullable    = false

  validation {
    condition     = var.ui_url == "" || can(regex("^https?://[^/\\s]+(/.*)?$", var.ui_url))
    error_message = "ui_url must be empty or an http(s) URL; got \"${var.ui_url}\"."
  }
}
