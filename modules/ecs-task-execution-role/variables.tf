variable "database_password_secret_arn" {
  description = "ARN of the Secrets Manager secret holding the database password; the role may read this secret only."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:.+$", var.database_password_secret_arn))
    error_message = "database_password_secret_arn must be a Secrets Manager secret ARN (arn:PARTITION:secretsmanager:REGION:ACCOUNT:secret:NAME); got \"${var.database_password_secret_arn}\"."
  }
}

variable "database_password_secret_kms_key_arn" {
  description = "ARN of the customer managed KMS key encrypting the password secret, or \"\" when the secret uses the AWS managed key (then the role gets no KMS statement)."
  type        = string
  default     = ""

  validation {
    condition     = var.database_password_secret_kms_key_arn == "" || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$", var.database_password_secret_kms_key_arn))
    error_message = "database_password_secret_kms_key_arn must be \"\" or a KMS key ARN (arn:PARTITION:kms:REGION:ACCOUNT:key/ID); got \"${var.database_password_secret_kms_key_arn}\"."
  }
}

variable "description" {
  description = "Description of the role, saying which service's tasks it starts."
  type        = string

  validation {
    condition     = length(var.description) <= 1000
    error_message = "description must be at most 1000 characters (the IAM limit); got ${length(var.description)}."
  }
}

variable "iam_path" {
  description = "Path of every IAM role this module creates: \"/\" (AWS's default) or a path such as \"/metaflow/\". The caller passes the value its modules/common checked."
  type        = string
  default     = "/"
  nullable    = false
}

variable "iam_permissions_boundary" {
  description = "ARN of the IAM policy set as permissions boundary of every IAM role this module creates, or null for none. The caller passes the value its modules/common checked."
  type        = string
  default     = null
}

variable "log_group_arns" {
  description = "ARNs of the CloudWatch Logs groups the tasks write to (without the trailing \":*\"); the role may write log streams in these groups only."
  type        = list(string)

  validation {
    condition     = length(var.log_group_arns) > 0 && alltrue([for arn in var.log_group_arns : can(regex("^arn:aws[a-z-]*:logs:[a-z0-9-]+:[0-9]{12}:log-group:[^:*]+$", arn))])
    error_message = "log_group_arns must hold at least one CloudWatch Logs group ARN (arn:PARTITION:logs:REGION:ACCOUNT:log-group:NAME, without \":*\"); got ${jsonencode(var.log_group_arns)}."
  }
}

variable "name" {
  description = "Name of the IAM role; the caller builds it with modules/common so it is unique and within IAM limits."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_+=,.@-]{1,64}$", var.name))
    error_message = "name must be 1-64 letters, digits or _+=,.@- (an IAM role name); got \"${var.name}\"."
  }
}

variable "policy_name" {
  description = "Name of the role's inline policy. Callers keep the name they used before this module existed, so the policy is not replaced."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_+=,.@-]{1,128}$", var.policy_name))
    error_message = "policy_name must be 1-128 letters, digits or _+=,.@- (an IAM policy name); got \"${var.policy_name}\"."
  }
}

variable "region" {
  description = "Region of the secret, such as \"eu-west-1\"; the KMS grant holds only for calls Secrets Manager makes there."
  type        = string

  validation {
    condition     = can(regex("^[a-z]{2}(-[a-z]+)+-[0-9]+$", var.region))
    error_message = "region must be an AWS region name such as \"eu-west-1\" or \"us-gov-west-1\"; got \"${var.region}\"."
  }
}

variable "tags" {
  description = "Tags added to the role."
  type        = map(string)
  default     = {}
}
