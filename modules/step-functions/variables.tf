variable "additional_batch_job_queue_arns" {
  description = "ARNs of further AWS Batch job queues steps may name with @batch(queue=...); the Step Functions role may submit to them too."
  type        = list(string)
  default     = []
  nullable    = false

  validation {
    condition     = alltrue([for arn in var.additional_batch_job_queue_arns : can(regex("^arn:aws[a-z-]*:batch:[a-z0-9-]+:[0-9]{12}:job-queue/[A-Za-z0-9_-]{1,128}$", arn))])
    error_message = "additional_batch_job_queue_arns must hold AWS Batch job queue ARNs (arn:PARTITION:batch:REGION:ACCOUNT:job-queue/NAME); got ${jsonencode(var.additional_batch_job_queue_arns)}."
  }
}

variable "batch_job_queue_arn" {
  description = "ARN of the AWS Batch job queue the state machines submit Metaflow steps to; with additional_batch_job_queue_arns, the only queues the Step Functions role may submit to."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:batch:[a-z0-9-]+:[0-9]{12}:job-queue/[A-Za-z0-9_-]{1,128}$", var.batch_job_queue_arn))
    error_message = "batch_job_queue_arn must be an AWS Batch job queue ARN (arn:PARTITION:batch:REGION:ACCOUNT:job-queue/NAME); got \"${var.batch_job_queue_arn}\"."
  }
}

variable "iam_partition" {
  description = "AWS partition used to build ARNs: aws, aws-cn or aws-us-gov."
  type        = string
  default     = "aws"

  validation {
    condition     = contains(["aws", "aws-cn", "aws-us-gov"], var.iam_partition)
    error_message = "iam_partition must be one of aws, aws-cn, aws-us-gov; got \"${var.iam_partition}\"."
  }
}

variable "iam_path" {
  description = "Path of every IAM role this module creates: \"/\" (AWS's default) or a path such as \"/metaflow/\". Checked by modules/common."
  type        = string
  default     = "/"
  nullable    = false
}

variable "iam_permissions_boundary" {
  description = "ARN of the IAM policy set as permissions boundary of every IAM role this module creates, or null for none. Checked by modules/common."
  type        = string
  default     = null
}

variable "resource_prefix" {
  description = "Start of every resource name: lowercase letters, digits and hyphens, beginning with a letter, at most 32 characters. modules/common checks it."
  type        = string
}

variable "resource_suffix" {
  description = "End of every resource name (empty for none): lowercase letters, digits and hyphens, at most 16 characters. modules/common checks it."
  type        = string
  default     = ""
}

variable "s3_bucket_arn" {
  description = "ARN of the Metaflow datastore bucket the state machines may list, read and write."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.s3_bucket_arn))
    error_message = "s3_bucket_arn must be an S3 bucket ARN (arn:PARTITION:s3:::BUCKET, no object path); got \"${var.s3_bucket_arn}\"."
  }
}

variable "s3_bucket_kms_arn" {
  description = "ARN of the KMS key encrypting the datastore bucket, or \"\" when the bucket uses S3-managed keys."
  type        = string

  validation {
    condition     = var.s3_bucket_kms_arn == "" || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$", var.s3_bucket_kms_arn))
    error_message = "s3_bucket_kms_arn must be \"\" or a KMS key ARN (arn:PARTITION:kms:REGION:ACCOUNT:key/ID); got \"${var.s3_bucket_kms_arn}\"."
  }
}

variable "tags" {
  description = "Tags added to every resource that accepts them."
  type        = map(string)
  default     = {}
}

variable "upgrade_from" {
  description = "The line of outerbounds/metaflow/aws (\"v0.12\" or \"refresh\") that built the resources this module takes over, so they keep their names and the settings whose change would replace them (UPGRADING.md); null for new resources."
  type        = string
  default     = null
}
