variable "access_list_cidr_blocks" {
  description = "IPv4 CIDR blocks allowed to call the API Gateway endpoint (e.g. your VPN). REGIONAL: matched against the caller's public address (aws:SourceIp); empty: no resource policy, any address may call (the API key still applies when enable_api_basic_auth). PRIVATE: matched against the caller's address inside the network (aws:VpcSourceIp), on top of the VPC endpoint; empty: any caller through the endpoint."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for cidr in var.access_list_cidr_blocks : can(cidrnetmask(cidr))])
    error_message = "access_list_cidr_blocks must hold IPv4 CIDR blocks such as 203.0.113.0/24; got ${jsonencode(var.access_list_cidr_blocks)}."
  }
}

variable "assign_public_ip" {
  description = "Give the service task a public IP. Only for public subnets without a NAT gateway, where the task needs one to pull its image."
  type        = bool
  default     = false
}

variable "create_api_gateway_cloudwatch_role" {
  description = "With enable_api_gateway, create the role API Gateway needs to write access logs and set it as this region's API Gateway account setting (one per account and region: set false when something else manages it)."
  type        = bool
  default     = true
}

variable "database_host" {
  description = "Host name of the PostgreSQL server holding the metadata (no port)."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9][A-Za-z0-9.-]*$", var.database_host))
    error_message = "database_host must be a host name or IP address without port or scheme; got \"${var.database_host}\"."
  }
}

variable "database_name" {
  description = "Name of the PostgreSQL database holding the metadata."
  type        = string
  default     = "metaflow"

  validation {
    condition     = can(regex("^[A-Za-z_][A-Za-z0-9_]{0,62}$", var.database_name))
    error_message = "database_name must be 1-63 letters, digits or underscores, not starting with a digit; got \"${var.database_name}\"."
  }
}

variable "database_password_secret_arn" {
  description = "ARN of the Secrets Manager secret whose plain string value is the database password; ECS injects it into the container. The password must not contain \"/\": the metadata service passes it to its migration tool in a URL without escaping \"/\", and migrations then fail (this module gets only the ARN, so it cannot check; the root module checks database_password)."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:.+$", var.database_password_secret_arn))
    error_message = "database_password_secret_arn must be a Secrets Manager secret ARN (arn:PARTITION:secretsmanager:REGION:ACCOUNT:secret:NAME); got \"${var.database_password_secret_arn}\"."
  }
}

variable "database_password_secret_kms_key_arn" {
  description = "ARN of the customer managed KMS key encrypting the password secret, or \"\" when it uses the AWS managed key."
  type        = string
  default     = ""

  validation {
    condition     = var.database_password_secret_kms_key_arn == "" || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$", var.database_password_secret_kms_key_arn))
    error_message = "database_password_secret_kms_key_arn must be \"\" or a KMS key ARN (arn:PARTITION:kms:REGION:ACCOUNT:key/ID); got \"${var.database_password_secret_kms_key_arn}\"."
  }
}

variable "database_port" {
  description = "TCP port of the PostgreSQL server."
  type        = number
  default     = 5432

  validation {
    condition     = var.database_port == floor(var.database_port) && var.database_port >= 1 && var.database_port <= 65535
    error_message = "database_port must be a whole number from 1 to 65535; got ${var.database_port}."
  }
}

variable "database_ssl_mode" {
  description = "libpq sslmode used by the service to connect to PostgreSQL: disable, allow, prefer (TLS when the server offers it, which RDS PostgreSQL 15 and later require by default) or require (TLS always). verify-ca and verify-full are not offered: the metadata service image reads the CA certificate they need only from a file in the container (MF_METADATA_DB_SSL_ROOT_CERT_PATH) that no image we run has."
  type        = string
  default     = "prefer"
  nullable    = false
}

variable "database_username" {
  description = "PostgreSQL user the service connects as."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z_][A-Za-z0-9_]{0,62}$", var.database_username))
    error_message = "database_username must be 1-63 letters, digits or underscores, not starting with a digit; got \"${var.database_username}\"."
  }
}

variable "datastore_s3_bucket_kms_key_arn" {
  description = "ARN of the KMS key encrypting the datastore bucket, or \"\" when the bucket uses S3-managed keys."
  type        = string

  validation {
    condition     = var.datastore_s3_bucket_kms_key_arn == "" || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$", var.datastore_s3_bucket_kms_key_arn))
    error_message = "datastore_s3_bucket_kms_key_arn must be \"\" or a KMS key ARN (arn:PARTITION:kms:REGION:ACCOUNT:key/ID); got \"${var.datastore_s3_bucket_kms_key_arn}\"."
  }
}

variable "db_migrate_lambda_zip_file" {
  description = "Path of a ready-made zip with db_migrate.py (handler db_migrate.handler) to deploy instead of the one built from this module's source; null builds it."
  type        = string
  default     = null

  validation {
    condition     = var.db_migrate_lambda_zip_file == null ? true : endswith(var.db_migrate_lambda_zip_file, ".zip") && fileexists(var.db_migrate_lambda_zip_file)
    error_message = "db_migrate_lambda_zip_file must be null or the path of an existing .zip file; got \"${coalesce(var.db_migrate_lambda_zip_file, "null")}\"."
  }

  validation {
    condition     = var.db_migrate_lambda_zip_file == null || var.enable_migration_lambda
    error_message = "db_migrate_lambda_zip_file is set, but enable_migration_lambda = false creates no migration Lambda to deploy it: unset db_migrate_lambda_zip_file, or set enable_migration_lambda = true."
  }
}

variable "enable_api_basic_auth" {
  description = "With enable_api_gateway, require an API key (the api_key_value output) on every call."
  type        = bool
  default     = true
}

variable "enable_api_gateway" {
  description = "Put a REST API Gateway in front of the internal NLB so clients outside the VPC can reach the service."
  type        = bool
  default     = true
}

variable "enable_migration_lambda" {
  description = "Create the Lambda that upgrades the database schema through the service's migration endpoint (with its role, log group and security group). false: none of them, migration_function_arn is \"\", and you run the migration yourself, e.g. as an ECS task of the service's task definition (root README, \"Schema migrations\")."
  type        = bool
  default     = true
  nullable    = false
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

variable "log_retention_in_days" {
  description = "Days CloudWatch keeps the service, migration Lambda and API access logs; 0 keeps them for ever."
  type        = number
  default     = 30

  validation {
    condition     = contains([0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_in_days)
    error_message = "log_retention_in_days must be a CloudWatch Logs retention: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653, or 0 to keep logs for ever; got ${var.log_retention_in_days}."
  }
}

variable "metadata_service_api_endpoint_type" {
  description = "Endpoint type of the REST API with enable_api_gateway: REGIONAL (public, as before) or PRIVATE (reachable only through the execute-api interface VPC endpoint metadata_service_api_vpc_endpoint_id, with a resource policy admitting that endpoint only). modules/common checks it."
  type        = string
  default     = "REGIONAL"
  nullable    = false

  validation {
    condition     = var.metadata_service_api_endpoint_type != "PRIVATE" || var.enable_api_gateway
    error_message = "metadata_service_api_endpoint_type = \"PRIVATE\" needs enable_api_gateway = true: the private API is API Gateway's (without it clients use the internal NLB, already private)."
  }

  validation {
    condition     = var.metadata_service_api_endpoint_type != "PRIVATE" || var.metadata_service_api_vpc_endpoint_id != ""
    error_message = "metadata_service_api_endpoint_type = \"PRIVATE\" needs metadata_service_api_vpc_endpoint_id: the execute-api interface VPC endpoint the API is reached through (the root module creates one when it is not given)."
  }
}

variable "metadata_service_api_vpc_endpoint_id" {
  description = "Id of the execute-api interface VPC endpoint (vpce-...) a PRIVATE API is reached through: the API is associated with it and its resource policy admits it alone. \"\" with REGIONAL. modules/common checks it."
  type        = string
  default     = ""
  nullable    = false
}

variable "metadata_service_api_vpc_endpoint_private_dns" {
  description = "With PRIVATE: the endpoint has private DNS on, so inside the VPC the API's own host name ({api-id}.execute-api.{region}.amazonaws.com) reaches it, and METAFLOW_SERVICE_URL uses that name. false: METAFLOW_SERVICE_URL uses the endpoint-specific name {api-id}-{vpce-id}.execute-api.{region}.amazonaws.com, which the association makes resolve to the endpoint whatever its DNS setting (neither needs a Host or x-apigw-api-id header)."
  type        = bool
  default     = false
  nullable    = false

  validation {
    condition     = !var.metadata_service_api_vpc_endpoint_private_dns || var.metadata_service_api_endpoint_type == "PRIVATE"
    error_message = "metadata_service_api_vpc_endpoint_private_dns is used only by a private API: set metadata_service_api_endpoint_type = \"PRIVATE\", or leave it false."
  }
}

variable "metadata_service_container_image" {
  description = "Image of the metadata service; \"\" uses the pinned default from the common module."
  type        = string
  default     = ""

  validation {
    condition     = var.metadata_service_container_image == "" || can(regex("^[^\\s]+$", var.metadata_service_container_image))
    error_message = "metadata_service_container_image must be \"\" or an image reference without spaces; got \"${var.metadata_service_container_image}\"."
  }
}

variable "metadata_service_cpu" {
  description = "CPU units of the Fargate task (1024 = 1 vCPU): 256, 512, 1024, 2048, 4096, 8192 or 16384. modules/common checks it with metadata_service_memory."
  type        = number
  default     = 512
  nullable    = false
}

variable "metadata_service_desired_count" {
  description = "Tasks the ECS service keeps running, 1 to 10; more than one spreads them over the subnets' zones behind the NLB. modules/common checks it."
  type        = number
  default     = 1
  nullable    = false
}

variable "metadata_service_ephemeral_storage" {
  description = "Ephemeral storage of the Fargate task in GiB: 21 to 200, or 20 for Fargate's default (the task definition then sets none). modules/common checks it."
  type        = number
  default     = 20
  nullable    = false
}

variable "metadata_service_memory" {
  description = "Memory (MiB) of the Fargate task; must be a size Fargate offers for metadata_service_cpu (256: 512/1024/2048; 512: 1024-4096; 1024: 2048-8192; 2048: 4096-16384; 4096: 8192-30720, steps of 1024; 8192: 16384-61440, steps of 4096; 16384: 32768-122880, steps of 8192). modules/common checks it."
  type        = number
  default     = 1024
  nullable    = false
}

variable "metaflow_vpc_id" {
  description = "ID of the VPC the service, its load balancer and the migration Lambda live in."
  type        = string

  validation {
    condition     = can(regex("^vpc-[0-9a-f]{8,17}$", var.metaflow_vpc_id))
    error_message = "metaflow_vpc_id must be a VPC ID such as vpc-0123456789abcdef0; got \"${var.metaflow_vpc_id}\"."
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

variable "s3_bucket_arn" {
  description = "ARN of the Metaflow datastore bucket the service role may use."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.s3_bucket_arn))
    error_message = "s3_bucket_arn must be an S3 bucket ARN (arn:PARTITION:s3:::BUCKET, no object path); got \"${var.s3_bucket_arn}\"."
  }
}

variable "subnet_ids" {
  description = "Subnets of the service task, the internal NLB and the migration Lambda; use private subnets in two or more AZs when there are any."
  type        = list(string)

  validation {
    condition     = length(var.subnet_ids) > 0 && alltrue([for id in var.subnet_ids : can(regex("^subnet-[0-9a-f]{8,17}$", id))])
    error_message = "subnet_ids must hold at least one subnet ID such as subnet-0123456789abcdef0; got ${jsonencode(var.subnet_ids)}."
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

variable "vpc_cidr_blocks" {
  description = "IPv4 CIDR blocks of the VPC: they may call the API through the NLB, and the service reaches the database in them."
  type        = list(string)

  validation {
    condition     = length(var.vpc_cidr_blocks) > 0 && alltrue([for cidr in var.vpc_cidr_blocks : can(cidrnetmask(cidr))])
    error_message = "vpc_cidr_blocks must hold at least one IPv4 CIDR block such as 10.0.0.0/16; got ${jsonencode(var.vpc_cidr_blocks)}."
  }
}
