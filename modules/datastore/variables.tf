variable "allow_major_version_upgrade" {
  description = "Let a change of db_engine_version across a major PostgreSQL version (for example 14 to 17) be applied. Off by default so a major upgrade is always a deliberate choice; turn it on to move off an end-of-life version."
  type        = bool
  default     = false
}

variable "allowed_security_group_ids" {
  description = "Security groups whose members may connect to the database on port 5432 (for example the metadata service's and the UI backend's). One ingress rule is created per entry, so the ids may be unknown until apply."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for id in var.allowed_security_group_ids : can(regex("^sg-[0-9a-f]{8,17}$", id))])
    error_message = "allowed_security_group_ids must hold security group ids of the form sg-0123456789abcdef0; got ${jsonencode(var.allowed_security_group_ids)}."
  }
}

variable "db_backup_retention_period" {
  description = "Days RDS keeps automated backups of the database (1-35)."
  type        = number
  default     = 7

  validation {
    condition     = var.db_backup_retention_period >= 1 && var.db_backup_retention_period <= 35 && floor(var.db_backup_retention_period) == var.db_backup_retention_period
    error_message = "db_backup_retention_period must be a whole number of days from 1 to 35 (0 would turn automated backups off); got ${var.db_backup_retention_period}."
  }
}

variable "db_deletion_protection" {
  description = "Make AWS refuse to delete the database (instance or Aurora cluster) until this is turned off again. Recommended for production; leave off where the stack is torn down routinely."
  type        = bool
  default     = false
}

variable "db_engine" {
  description = "Database engine: \"postgres\" for a single RDS for PostgreSQL instance, \"aurora-postgresql\" for an Aurora PostgreSQL cluster."
  type        = string
  default     = "postgres"

  validation {
    condition     = contains(["postgres", "aurora-postgresql"], var.db_engine)
    error_message = "db_engine must be \"postgres\" or \"aurora-postgresql\" (the metadata service needs PostgreSQL); got \"${var.db_engine}\"."
  }
}

variable "db_engine_version" {
  description = "PostgreSQL version of the chosen engine: a major version such as \"17\" (AWS picks its default minor) or a full version such as \"16.4\". It must exist for the engine in the region. The engine, not this version, decides between RDS and Aurora."
  type        = string
  default     = "17"

  validation {
    condition     = can(regex("^[0-9]+(\\.[0-9]+){0,2}$", var.db_engine_version))
    error_message = "db_engine_version must be a version number such as \"17\" or \"16.4\"; got \"${var.db_engine_version}\"."
  }
}

variable "db_instance_type" {
  description = "DB instance class of the RDS instance, or of each Aurora cluster instance. Aurora PostgreSQL needs at least a *.medium class."
  type        = string
  default     = "db.t3.small"

  validation {
    condition     = can(regex("^db\\.[a-z0-9-]+\\.[a-z0-9]+$", var.db_instance_type))
    error_message = "db_instance_type must be an RDS instance class such as \"db.t3.small\" or \"db.r6g.large\"; got \"${var.db_instance_type}\"."
  }

  validation {
    condition     = !(startswith(var.db_engine, "aurora-") && can(regex("\\.(micro|small)$", var.db_instance_type)))
    error_message = "db_instance_type \"${var.db_instance_type}\" is too small for db_engine \"${var.db_engine}\": Aurora PostgreSQL needs at least a *.medium class such as \"db.t4g.medium\"."
  }
}

variable "db_multi_az" {
  description = "Keep a standby in a second availability zone: a Multi-AZ RDS instance, or a second Aurora cluster instance. Turn off for short-lived test stacks to halve the database cost."
  type        = bool
  default     = true
}

variable "db_name" {
  description = "Name of the PostgreSQL database created for the metadata service."
  type        = string
  default     = "metaflow"

  validation {
    condition     = can(regex("^[A-Za-z][A-Za-z0-9_]{0,62}$", var.db_name))
    error_message = "db_name must be 1-63 letters, digits or underscores starting with a letter; got \"${var.db_name}\"."
  }
}

variable "db_password_secret_recovery_window_in_days" {
  description = "Days Secrets Manager keeps the deleted password secret recoverable: 0 deletes it at once (test stacks), otherwise 7-30."
  type        = number
  default     = 7

  validation {
    condition     = var.db_password_secret_recovery_window_in_days == 0 || (var.db_password_secret_recovery_window_in_days >= 7 && var.db_password_secret_recovery_window_in_days <= 30)
    error_message = "db_password_secret_recovery_window_in_days must be 0 or from 7 to 30; got ${var.db_password_secret_recovery_window_in_days}."
  }
}

variable "db_skip_final_snapshot" {
  description = "Delete the database without taking a final snapshot. Off by default, so destroying keeps a snapshot with a unique name; turn on for test stacks, where the snapshot would only cost money."
  type        = bool
  default     = false
}

variable "db_username" {
  description = "Master user of the database; the metadata service and the UI backend log in as this user."
  type        = string
  default     = "metaflow"

  validation {
    condition     = can(regex("^[A-Za-z][A-Za-z0-9_]{0,15}$", var.db_username)) && !contains(["admin", "postgres", "rdsadmin", "root", "user"], lower(var.db_username))
    error_message = "db_username must be 1-16 letters, digits or underscores starting with a letter, and not a reserved name (admin, postgres, rdsadmin, root, user); got \"${var.db_username}\"."
  }
}

variable "enable_key_rotation" {
  description = "Have KMS rotate the S3 and RDS keys yearly."
  type        = bool
  default     = true
}

variable "force_destroy_s3_bucket" {
  description = "Let terraform destroy delete the bucket even when it still holds objects (all Metaflow artifacts are lost)."
  type        = bool
  default     = false
}

variable "kms_deletion_window_in_days" {
  description = "Days a KMS key of this module waits, after destroy, before it is deleted for good (7-30)."
  type        = number
  default     = 30

  validation {
    condition     = var.kms_deletion_window_in_days >= 7 && var.kms_deletion_window_in_days <= 30 && floor(var.kms_deletion_window_in_days) == var.kms_deletion_window_in_days
    error_message = "kms_deletion_window_in_days must be a whole number from 7 to 30; got ${var.kms_deletion_window_in_days}."
  }
}

variable "metaflow_vpc_id" {
  description = "VPC that holds subnet_ids; the database security group is created in it."
  type        = string

  validation {
    condition     = can(regex("^vpc-[0-9a-f]{8,17}$", var.metaflow_vpc_id))
    error_message = "metaflow_vpc_id must be a VPC id of the form vpc-0123456789abcdef0; got \"${var.metaflow_vpc_id}\"."
  }
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

variable "subnet_ids" {
  description = "Private subnets, in at least two availability zones, that the database subnet group spans."
  type        = list(string)

  validation {
    condition     = length(var.subnet_ids) >= 2
    error_message = "subnet_ids must list at least two subnets (in different availability zones), as RDS requires for a DB subnet group; got ${length(var.subnet_ids)}."
  }

  validation {
    condition     = alltrue([for id in var.subnet_ids : can(regex("^subnet-[0-9a-f]{8,17}$", id))])
    error_message = "subnet_ids must hold subnet ids of the form subnet-0123456789abcdef0; got ${jsonencode(var.subnet_ids)}."
  }
}

variable "tags" {
  description = "Tags added to every resource this module creates."
  type        = map(string)
  default     = {}
}

variable "upgrade_from" {
  description = "The line of outerbounds/metaflow/aws (\"v0.12\" or \"refresh\") that built the resources this module takes over, so they keep their names and the settings whose change would replace them (UPGRADING.md); null for new resources."
  type        = string
  default     = null
}

variable "vpc_cidr_blocks" {
  description = "CIDR blocks (IPv4 or IPv6) admitted to the database on port 5432, in addition to allowed_security_group_ids. Prefer security groups; leave empty to admit only them."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for cidr in var.vpc_cidr_blocks : can(cidrhost(cidr, 0))])
    error_message = "vpc_cidr_blocks must hold CIDR blocks such as \"10.0.0.0/16\"; got ${jsonencode(var.vpc_cidr_blocks)}."
  }

  validation {
    condition     = !anytrue([for cidr in var.vpc_cidr_blocks : endswith(cidr, "/0")])
    error_message = "vpc_cidr_blocks must not contain a /0 block: the database would be open to every address; got ${jsonencode(var.vpc_cidr_blocks)}."
  }
}
