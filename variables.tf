variable "access_list_cidr_blocks" {
  description = "IPv4 CIDR blocks allowed to call the metadata service API through API Gateway, usually your VPN ranges. Empty lets any address call it (the API key is still required when basic auth is on). With metadata_service_api_endpoint_type = \"PRIVATE\" they are matched against the callers' addresses inside the network (aws:VpcSourceIp), on top of the VPC endpoint."
  type        = list(string)
  default     = []
  nullable    = false

  validation {
    condition     = alltrue([for c in var.access_list_cidr_blocks : try(can(regex("^([0-9]{1,3}\\.){3}[0-9]{1,3}/([0-9]|[12][0-9]|3[0-2])$", c)) && cidrsubnet(c, 0, 0) == c, false)])
    error_message = "access_list_cidr_blocks must hold IPv4 CIDR blocks written as their network address, such as 10.0.0.0/16; invalid: ${jsonencode([for c in var.access_list_cidr_blocks : c if !try(can(regex("^([0-9]{1,3}\\.){3}[0-9]{1,3}/([0-9]|[12][0-9]|3[0-2])$", c)) && cidrsubnet(c, 0, 0) == c, false)])}."
  }
}

variable "azs" {
  description = "Two or three availability zones to spread the created VPC's subnets over (the database and load balancers need two). Empty uses the first three zones of the region. Only used when create_vpc is true."
  type        = list(string)
  default     = []
  nullable    = false

  validation {
    condition     = contains([0, 2, 3], length(var.azs)) && length(distinct(var.azs)) == length(var.azs) && alltrue([for az in var.azs : can(regex("^[a-z0-9-]+$", az))])
    error_message = "azs must be empty or list 2 or 3 distinct availability zone names such as us-east-1a (the database and load balancers need two zones; the VPC has room for three); got ${jsonencode(var.azs)}."
  }
}

variable "batch_job_queues" {
  description = "Batch job queues by name, each feeding up to three compute environments (\"default\" or names from compute_environments) in the order given, with a priority (default 1). The \"default\" queue always exists and feeds the default environment unless an entry \"default\" here says otherwise. A step runs on another queue with @batch(queue=\"<ARN from batch_job_queue_arns>\"). modules/computation checks the entries."
  type = map(object({
    compute_environments = list(string)
    priority             = optional(number, 1)
  }))
  default  = {}
  nullable = false

  validation {
    condition     = length(var.batch_job_queues) == 0 || var.create_managed_compute
    error_message = "batch_job_queues needs create_managed_compute = true: the queues are part of the module's AWS Batch compute."
  }
}

variable "batch_type" {
  description = "Kind of AWS Batch compute environment: \"ec2\" (EC2 instances of compute_environment_instance_types) or \"fargate\"."
  type        = string
  default     = "ec2"
  nullable    = false

  validation {
    condition     = contains(["ec2", "fargate"], var.batch_type)
    error_message = "batch_type must be \"ec2\" or \"fargate\"; got \"${var.batch_type}\"."
  }
}

variable "compute_environment_desired_vcpus" {
  description = "vCPUs the EC2 Batch compute environment starts with, between the min and max vCPUs (0-16). Ignored for Fargate."
  type        = number
  default     = 8
  nullable    = false

  validation {
    condition     = var.compute_environment_desired_vcpus >= 0 && var.compute_environment_desired_vcpus <= 16 && floor(var.compute_environment_desired_vcpus) == var.compute_environment_desired_vcpus
    error_message = "compute_environment_desired_vcpus must be a whole number from 0 to 16; got ${var.compute_environment_desired_vcpus}."
  }

  validation {
    condition     = var.compute_environment_min_vcpus <= var.compute_environment_desired_vcpus && var.compute_environment_desired_vcpus <= var.compute_environment_max_vcpus
    error_message = "compute_environment_desired_vcpus (${var.compute_environment_desired_vcpus}) must be between compute_environment_min_vcpus (${var.compute_environment_min_vcpus}) and compute_environment_max_vcpus (${var.compute_environment_max_vcpus})."
  }
}

variable "compute_environment_additional_security_group_ids" {
  description = "Security groups attached to the default compute environment's instances or Fargate tasks next to the module's own (for example one that reaches a private package mirror)."
  type        = list(string)
  default     = []
  nullable    = false
}

variable "compute_environment_allocation_strategy" {
  description = "How the default EC2 compute environment picks instance types when scaling out: \"BEST_FIT\" (the cheapest fitting type, waiting for it) or \"BEST_FIT_PROGRESSIVE\" (falls back to other listed types). Changing it replaces the compute environment. Ignored for Fargate."
  type        = string
  default     = "BEST_FIT"
  nullable    = false
}

variable "compute_environment_egress_cidr_blocks" {
  description = "IPv4 CIDR blocks the Batch compute environment's security group allows outbound traffic to."
  type        = list(string)
  default     = ["0.0.0.0/0"]
  nullable    = false

  validation {
    condition     = alltrue([for c in var.compute_environment_egress_cidr_blocks : try(can(regex("^([0-9]{1,3}\\.){3}[0-9]{1,3}/([0-9]|[12][0-9]|3[0-2])$", c)) && cidrsubnet(c, 0, 0) == c, false)])
    error_message = "compute_environment_egress_cidr_blocks must hold IPv4 CIDR blocks written as their network address, such as 10.0.0.0/16; invalid: ${jsonencode([for c in var.compute_environment_egress_cidr_blocks : c if !try(can(regex("^([0-9]{1,3}\\.){3}[0-9]{1,3}/([0-9]|[12][0-9]|3[0-2])$", c)) && cidrsubnet(c, 0, 0) == c, false)])}."
  }
}

variable "compute_environment_instance_types" {
  description = "EC2 instance types the Batch compute environment may launch. Ignored for Fargate."
  type        = list(string)
  default     = ["c5.large", "c5.xlarge", "c5.2xlarge", "c5.4xlarge", "c5.9xlarge"]
  nullable    = false

  validation {
    condition     = var.batch_type == "fargate" || (length(var.compute_environment_instance_types) > 0 && alltrue([for t in var.compute_environment_instance_types : can(regex("^[a-z][a-z0-9-]*(\\.[a-z0-9]+)?$", t))]))
    error_message = "compute_environment_instance_types must list at least one EC2 instance type or family (such as c5.large, c5 or optimal) when batch_type is \"ec2\"; got ${jsonencode(var.compute_environment_instance_types)}."
  }
}

variable "compute_environment_max_vcpus" {
  description = "Most vCPUs the Batch compute environment scales up to (16-96)."
  type        = number
  default     = 64
  nullable    = false

  validation {
    condition     = var.compute_environment_max_vcpus >= 16 && var.compute_environment_max_vcpus <= 96 && floor(var.compute_environment_max_vcpus) == var.compute_environment_max_vcpus
    error_message = "compute_environment_max_vcpus must be a whole number from 16 to 96; got ${var.compute_environment_max_vcpus}."
  }
}

variable "compute_environment_min_vcpus" {
  description = "Fewest vCPUs the EC2 Batch compute environment keeps running (0-16). Ignored for Fargate."
  type        = number
  default     = 8
  nullable    = false

  validation {
    condition     = var.compute_environment_min_vcpus >= 0 && var.compute_environment_min_vcpus <= 16 && floor(var.compute_environment_min_vcpus) == var.compute_environment_min_vcpus
    error_message = "compute_environment_min_vcpus must be a whole number from 0 to 16; got ${var.compute_environment_min_vcpus}."
  }
}

variable "compute_environment_root_volume_size" {
  description = "Size in GiB of the encrypted root volume of each EC2 instance of the default compute environment (images and the jobs' scratch data live on it). Ignored for Fargate."
  type        = number
  default     = 100
  nullable    = false
}

variable "compute_environments" {
  description = <<-EOT
    Batch compute environments next to the default one, by name ("default" is the one batch_type and the compute_environment_*, launch_template_* and GPU inputs describe). Each: type ("EC2", "SPOT", "FARGATE" or "FARGATE_SPOT"), max_vcpus (64); EC2/SPOT only: min_vcpus (0), desired_vcpus, instance_types (compute_environment_instance_types, or gpu_instance_types with gpu), gpu, allocation_strategy (EC2: BEST_FIT_PROGRESSIVE; SPOT: SPOT_PRICE_CAPACITY_OPTIMIZED), bid_percentage (SPOT), root_volume_size, image_id; and security_group_ids. An environment runs jobs only through a queue of batch_job_queues. modules/computation checks the entries.
  EOT
  type = map(object({
    type                = string
    max_vcpus           = optional(number, 64)
    min_vcpus           = optional(number)
    desired_vcpus       = optional(number)
    instance_types      = optional(list(string))
    gpu                 = optional(bool, false)
    allocation_strategy = optional(string)
    bid_percentage      = optional(number)
    root_volume_size    = optional(number)
    image_id            = optional(string)
    security_group_ids  = optional(list(string), [])
  }))
  default  = {}
  nullable = false

  validation {
    condition     = length(var.compute_environments) == 0 || var.create_managed_compute
    error_message = "compute_environments needs create_managed_compute = true: the environments are part of the module's AWS Batch compute."
  }
}

variable "create_api_gateway_cloudwatch_role" {
  description = "With the metadata service behind API Gateway, create the role API Gateway needs to write access logs and make it this region's API Gateway account setting. That setting is one per account and region: set false on every stack but one in a region, or when something else manages it."
  type        = bool
  default     = true
  nullable    = false
}

variable "create_datastore" {
  description = "Create the S3 bucket, KMS keys and PostgreSQL database. Set to false to bring your own: then database_endpoint, database_name, database_username, database_password, metaflow_s3_bucket_arn, metaflow_s3_bucket_kms_key_arn and metaflow_s3_sys_root are required."
  type        = bool
  default     = true
  nullable    = false
}

variable "create_eks_cluster" {
  description = "Create an EKS cluster (with a default managed node group merged with node_groups) in the module's VPC."
  type        = bool
  default     = false
  nullable    = false
}

variable "create_managed_compute" {
  description = "Create the AWS Batch compute environment and job queue that run Metaflow steps. Set to false when steps run elsewhere, for example on Kubernetes."
  type        = bool
  default     = true
  nullable    = false
}

variable "create_managed_metaflow_metadata_service" {
  description = "Run the metadata service on ECS Fargate behind an internal NLB (and API Gateway when enabled). Set to false when it runs elsewhere, for example in EKS."
  type        = bool
  default     = true
  nullable    = false
}

variable "create_managed_metaflow_ui" {
  description = "Run the Metaflow UI on ECS Fargate behind an HTTPS ALB. Requires ui_certificate_arn."
  type        = bool
  default     = false
  nullable    = false
}

variable "create_private_subnets_only" {
  description = "With create_vpc, create only private subnets, and no NAT or internet gateway: nothing in the VPC can reach the internet, and the AWS services are reached through the endpoints of create_vpc_endpoints (which it needs). Container images must come from ECR in the stack's region (README, \"Private, no NAT\")."
  type        = bool
  default     = false
  nullable    = false

  validation {
    condition     = !var.create_private_subnets_only || (var.create_vpc && var.create_vpc_endpoints)
    error_message = "create_private_subnets_only needs create_vpc = true (it shapes the module-built VPC) and create_vpc_endpoints = true (without a NAT gateway, AWS services are reached only through VPC endpoints)."
  }

  validation {
    condition     = !var.create_private_subnets_only || !(var.create_managed_metaflow_ui && var.metaflow_ui_is_public)
    error_message = "create_private_subnets_only leaves no public subnet for a public UI load balancer: set metaflow_ui_is_public = false (the UI stays reachable inside the VPC)."
  }

  validation {
    condition     = !var.create_private_subnets_only || !var.create_eks_cluster
    error_message = "create_private_subnets_only does not support create_eks_cluster: the EKS nodes and the Helm charts' images need endpoints and registries this module does not set up without a NAT gateway."
  }
}

variable "create_public_subnets_only" {
  description = "With create_vpc, create only public subnets and no NAT gateway: cheaper, but every component then gets a public IP and relies on its security groups alone. Meant for experiments."
  type        = bool
  default     = false
  nullable    = false
}

variable "create_step_functions" {
  description = "Create the IAM roles and DynamoDB table Metaflow needs to schedule flows on AWS Step Functions."
  type        = bool
  default     = false
  nullable    = false

  validation {
    condition     = !var.create_step_functions || var.create_managed_compute
    error_message = "create_step_functions needs create_managed_compute = true: Metaflow runs Step Functions steps on the module's AWS Batch job queue."
  }
}

variable "create_vpc_endpoints" {
  description = "Create the VPC endpoints the stack needs to run with no route to the internet: a gateway endpoint for S3 (and DynamoDB with Step Functions), interface endpoints for ECR (API and registry), CloudWatch Logs, STS, Secrets Manager, KMS, ECS (with its agent and telemetry endpoints), Batch, with Step Functions, Step Functions and, for a PRIVATE metadata API without metadata_service_api_vpc_endpoint_id, execute-api (which is created for it even without create_vpc_endpoints); with one security group admitting HTTPS from the VPC. In the module-built VPC, or in existing_vpc_id with existing_private_subnet_ids (one per zone) and existing_private_route_table_ids."
  type        = bool
  default     = false
  nullable    = false

  validation {
    condition     = !var.create_vpc_endpoints || var.create_vpc || length(var.existing_private_subnet_ids) > 0
    error_message = "create_vpc_endpoints in an existing VPC needs existing_private_subnet_ids: the interface endpoints' subnets, one per zone."
  }

  validation {
    condition     = !var.create_vpc_endpoints || var.iam_partition != "aws-cn"
    error_message = "create_vpc_endpoints does not support iam_partition \"aws-cn\": several service names differ there (cn.com.amazonaws.*); create the endpoints yourself."
  }
}

variable "create_vpc" {
  description = "Create a VPC from vpc_cidr and azs. Set to false to use existing networking: then existing_vpc_id, existing_vpc_cidr_blocks and at least one of existing_private_subnet_ids or existing_public_subnet_ids are required."
  type        = bool
  default     = false
  nullable    = false
}

variable "database_endpoint" {
  description = "Endpoint (host or host:port) of your own PostgreSQL database. Required when create_datastore is false, ignored otherwise. Any characters but \"/\", which the metadata service cannot pass to its migration tool."
  type        = string
  default     = ""
  nullable    = false

  validation {
    condition     = var.create_datastore || can(regex("^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:[0-9]{1,5})?$", var.database_endpoint))
    error_message = "database_endpoint must be the host name (optionally host:port) of your PostgreSQL server when create_datastore is false; got \"${var.database_endpoint}\"."
  }
}

variable "database_name" {
  description = "Name of the database the metadata service uses in your own PostgreSQL server. Required when create_datastore is false, ignored otherwise. Any characters but \"/\", which the metadata service cannot pass to its migration tool."
  type        = string
  default     = ""
  nullable    = false

  validation {
    condition     = var.create_datastore || can(regex("^[A-Za-z_][A-Za-z0-9_$]{0,62}$", var.database_name))
    error_message = "database_name must be a PostgreSQL database name (a letter or _ then up to 62 letters, digits, _ or $) when create_datastore is false; got \"${var.database_name}\"."
  }
}

variable "database_password" {
  description = "Password of database_username in your own PostgreSQL server; kept in Secrets Manager, never in task definitions or outputs. Required when create_datastore is false, ignored otherwise. Any characters but \"/\", which the metadata service cannot pass to its migration tool."
  type        = string
  default     = ""
  nullable    = false
  sensitive   = true

  validation {
    condition     = var.create_datastore || var.database_password != ""
    error_message = "database_password must be set when create_datastore is false."
  }
}

variable "database_ssl_mode" {
  description = "libpq sslmode used by the metadata service and the UI backend (on ECS or in EKS) to connect to PostgreSQL: disable, allow, prefer (TLS when the server offers it, which RDS PostgreSQL 15 and later require by default) or require (TLS always). verify-ca and verify-full are not offered: the metadata service image reads the CA certificate they need only from a file in the container (MF_METADATA_DB_SSL_ROOT_CERT_PATH) that no image we run has."
  type        = string
  default     = "prefer"
  nullable    = false
}

variable "database_username" {
  description = "User the metadata service connects as to your own PostgreSQL server. Required when create_datastore is false, ignored otherwise."
  type        = string
  default     = ""
  nullable    = false

  validation {
    condition     = var.create_datastore || can(regex("^[A-Za-z_][A-Za-z0-9_$]{0,62}$", var.database_username))
    error_message = "database_username must be a PostgreSQL user name (a letter or _ then up to 62 letters, digits, _ or $) when create_datastore is false; got \"${var.database_username}\"."
  }
}

variable "db_allow_major_version_upgrade" {
  description = "Let a change of db_engine_version to a new PostgreSQL major version (such as 14 to 17) be applied to the created database. Off, a major upgrade fails at apply instead of happening by accident."
  type        = bool
  default     = false
  nullable    = false
}

variable "db_backup_retention_period" {
  description = "Days RDS keeps automated backups of the created database, 1-35."
  type        = number
  default     = 7
  nullable    = false

  validation {
    condition     = var.db_backup_retention_period >= 1 && var.db_backup_retention_period <= 35 && floor(var.db_backup_retention_period) == var.db_backup_retention_period
    error_message = "db_backup_retention_period must be a whole number of days from 1 to 35; got ${var.db_backup_retention_period}."
  }
}

variable "db_deletion_protection" {
  description = "Make AWS refuse to delete the created database until this is turned off again. Recommended for production stacks."
  type        = bool
  default     = false
  nullable    = false
}

variable "db_engine_version" {
  description = "PostgreSQL engine version of the created database, as a major (\"14\") or major.minor (\"14.12\") version. Only the version: the engine itself (RDS PostgreSQL or Aurora) is chosen by the engine name, not by this value."
  type        = string
  default     = "14"
  nullable    = false

  validation {
    condition     = can(regex("^[0-9]{2}(\\.[0-9]{1,2})?$", var.db_engine_version)) && try(tonumber(split(".", var.db_engine_version)[0]) >= (var.upgrade_from != null || var.vpc_id != null ? 11 : 14), false)
    error_message = "db_engine_version must be a PostgreSQL major version from 14 up (from 11 up for a stack upgraded from outerbounds/metaflow/aws, to keep the version it runs until you upgrade it), optionally with a minor version (such as \"16\" or \"16.4\"); older majors are past RDS standard support; got \"${var.db_engine_version}\"."
  }
}

variable "db_instance_type" {
  description = "RDS instance class of the created PostgreSQL database, such as db.t3.small or db.r6g.large."
  type        = string
  default     = "db.t3.small"
  nullable    = false

  validation {
    condition     = can(regex("^db\\.[a-z][a-z0-9-]*\\.[a-z0-9]+$", var.db_instance_type))
    error_message = "db_instance_type must be an RDS instance class such as db.t3.small or db.r6g.large; got \"${var.db_instance_type}\"."
  }
}

variable "db_migrate_lambda_zip_file" {
  description = "Path of a ready-made zip of the database migration Lambda to deploy instead of the one the module builds from its own source. Null builds it."
  type        = string
  default     = null

  validation {
    condition     = var.db_migrate_lambda_zip_file == null || can(regex("\\.zip$", var.db_migrate_lambda_zip_file))
    error_message = "db_migrate_lambda_zip_file must be null or a path ending in .zip; got \"${coalesce(var.db_migrate_lambda_zip_file, "null")}\"."
  }
}

variable "db_multi_az" {
  description = "Keep a standby of the created database in a second availability zone. Turn off for short-lived stacks to halve the database cost."
  type        = bool
  default     = true
  nullable    = false
}

variable "db_password_secret_recovery_window_in_days" {
  description = "Days Secrets Manager keeps the deleted password secret of the created database recoverable: 0 deletes it at once (short-lived stacks), otherwise 7-30."
  type        = number
  default     = 7
  nullable    = false

  validation {
    condition     = var.db_password_secret_recovery_window_in_days == 0 || (var.db_password_secret_recovery_window_in_days >= 7 && var.db_password_secret_recovery_window_in_days <= 30 && floor(var.db_password_secret_recovery_window_in_days) == var.db_password_secret_recovery_window_in_days)
    error_message = "db_password_secret_recovery_window_in_days must be 0 or a whole number from 7 to 30; got ${var.db_password_secret_recovery_window_in_days}."
  }
}

variable "db_skip_final_snapshot" {
  description = "Delete the created database without a final snapshot on destroy. Off, destroy keeps a uniquely named snapshot; turn on for short-lived stacks, where it would only cost money."
  type        = bool
  default     = false
  nullable    = false
}

variable "default_batch_job_queue" {
  description = "Name of the job queue Metaflow submits @batch steps to unless a step names another (the profile's METAFLOW_BATCH_JOB_QUEUE): \"default\" or a key of batch_job_queues."
  type        = string
  default     = "default"
  nullable    = false
}

variable "deploy_cluster_autoscaler" {
  description = "Install the Kubernetes cluster autoscaler (Helm chart plus its IAM role) into the EKS cluster."
  type        = bool
  default     = false
  nullable    = false

  validation {
    condition     = !var.deploy_cluster_autoscaler || var.create_eks_cluster
    error_message = "deploy_cluster_autoscaler needs an EKS cluster: set create_eks_cluster = true."
  }
}

variable "deploy_argo_events" {
  description = "With deploy_metaflow_services_in_eks, also install Argo Events (chart argo-events 2.4.23) in the services' namespace: a JetStream event bus, a webhook event source and the sensors' service account, so flows can start on events (@trigger, @trigger_on_finish). Needs deploy_argo_workflows."
  type        = bool
  default     = false
  nullable    = false
}

variable "deploy_argo_workflows" {
  description = "With deploy_metaflow_services_in_eks, also install Argo Workflows (chart argo-workflows 0.45.22) in the services' namespace, so `python flow.py argo-workflows create` deploys and schedules flows on the cluster. No effect without the services in EKS."
  type        = bool
  default     = true
  nullable    = false
}

variable "deploy_metaflow_services_in_eks" {
  description = "Install the metadata service and UI into the EKS cluster with the Metaflow Helm chart instead of ECS. Requires create_eks_cluster."
  type        = bool
  default     = false
  nullable    = false

  validation {
    condition     = !var.deploy_metaflow_services_in_eks || var.create_eks_cluster
    error_message = "deploy_metaflow_services_in_eks needs an EKS cluster: set create_eks_cluster = true."
  }
}

variable "enable_custom_batch_container_registry" {
  description = "Create an ECR repository for a custom Batch step image and point the Metaflow profile at it."
  type        = bool
  default     = false
  nullable    = false
}

variable "enable_gpu" {
  description = "Add gpu_instance_types to the default EC2 compute environment so @batch(gpu=N) steps can be placed; GPU instances boot the ECS GPU-optimized Amazon Linux 2023 AMI. Needs batch_type \"ec2\"."
  type        = bool
  default     = false
  nullable    = false
}

variable "enable_key_rotation" {
  description = "Turn on yearly automatic rotation of the module's KMS keys."
  type        = bool
  default     = false
  nullable    = false
}

variable "enable_migration_lambda" {
  description = "Create the Lambda function (with its role, log group and security group) that applies the metadata database's schema migrations when invoked (migration_function_arn). false: none of them, migration_function_arn is \"\", and you run the migration as an ECS task instead (README, \"Schema migrations\"). Only used with the ECS metadata service."
  type        = bool
  default     = true
  nullable    = false
}

variable "enable_step_functions" {
  description = "Deprecated (v0.12): use create_step_functions. Accepted as its alias so a v0.12.x module block plans unchanged."
  type        = bool
  default     = null

  validation {
    condition     = !(var.create_step_functions && var.enable_step_functions == false)
    error_message = "enable_step_functions = false conflicts with create_step_functions = true: enable_step_functions is the deprecated v0.12 name of create_step_functions; set only create_step_functions."
  }

  validation {
    condition     = !coalesce(var.enable_step_functions, false) || var.create_managed_compute
    error_message = "enable_step_functions (the deprecated v0.12 name of create_step_functions) needs create_managed_compute = true: Metaflow runs Step Functions steps on the module's AWS Batch job queue."
  }
}

variable "existing_private_route_table_ids" {
  description = "Route tables of existing_private_subnet_ids, which the S3 (and DynamoDB) gateway endpoints of create_vpc_endpoints join. Only with create_vpc_endpoints in an existing VPC."
  type        = list(string)
  default     = []
  nullable    = false

  validation {
    condition     = alltrue([for id in var.existing_private_route_table_ids : can(regex("^rtb-([0-9a-f]{8}|[0-9a-f]{17})$", id))])
    error_message = "existing_private_route_table_ids must hold route table ids of the form rtb-0123456789abcdef0; got ${jsonencode(var.existing_private_route_table_ids)}."
  }

  validation {
    condition     = length(var.existing_private_route_table_ids) == 0 || (var.create_vpc_endpoints && !var.create_vpc)
    error_message = "existing_private_route_table_ids is used only by create_vpc_endpoints in an existing VPC (create_vpc = false); remove it or turn create_vpc_endpoints on."
  }

  validation {
    condition     = !(var.create_vpc_endpoints && !var.create_vpc) || length(var.existing_private_route_table_ids) > 0
    error_message = "create_vpc_endpoints in an existing VPC needs existing_private_route_table_ids: the route tables of existing_private_subnet_ids, which the S3 gateway endpoint joins."
  }
}

variable "existing_private_subnet_ids" {
  description = "Ids of private subnets of existing_vpc_id to run the database, Batch, the ECS services and the internal load balancers in. Used when create_vpc is false; when set, components get no public IP. When empty, existing_public_subnet_ids is used instead."
  type        = list(string)
  default     = []
  nullable    = false

  validation {
    condition     = alltrue([for id in var.existing_private_subnet_ids : can(regex("^subnet-([0-9a-f]{8}|[0-9a-f]{17})$", id))])
    error_message = "existing_private_subnet_ids must hold subnet ids such as subnet-0123456789abcdef0; got ${jsonencode(var.existing_private_subnet_ids)}."
  }

  validation {
    condition     = var.create_vpc || length(var.existing_private_subnet_ids) + length(var.existing_public_subnet_ids) > 0 || var.subnet1_id != null
    error_message = "existing_private_subnet_ids or existing_public_subnet_ids (or both) must be set when create_vpc is false."
  }

  validation {
    condition     = var.subnet1_id == null || (length(var.existing_private_subnet_ids) == 0 && length(var.existing_public_subnet_ids) == 0)
    error_message = "existing_private_subnet_ids and existing_public_subnet_ids conflict with subnet1_id and subnet2_id, their deprecated v0.12 form: set only the existing_*_subnet_ids."
  }

  validation {
    condition     = var.create_vpc || !(var.create_datastore || var.create_managed_metaflow_ui) || length(var.existing_private_subnet_ids) + length(var.existing_public_subnet_ids) == 0 || length(var.existing_private_subnet_ids) >= 2 || (length(var.existing_private_subnet_ids) == 0 && length(var.existing_public_subnet_ids) >= 2)
    error_message = "existing_private_subnet_ids must list at least two subnets in different availability zones (or be empty, with at least two existing_public_subnet_ids) when create_vpc is false: the database and the UI load balancer need two zones."
  }
}

variable "existing_public_subnet_ids" {
  description = "Ids of public subnets of existing_vpc_id. Used when create_vpc is false: for a public UI load balancer, and for every component (with public IPs) when existing_private_subnet_ids is empty."
  type        = list(string)
  default     = []
  nullable    = false

  validation {
    condition     = alltrue([for id in var.existing_public_subnet_ids : can(regex("^subnet-([0-9a-f]{8}|[0-9a-f]{17})$", id))])
    error_message = "existing_public_subnet_ids must hold subnet ids such as subnet-0123456789abcdef0; got ${jsonencode(var.existing_public_subnet_ids)}."
  }
}

variable "existing_vpc_cidr_blocks" {
  description = "IPv4 CIDR blocks of existing_vpc_id, allowed to reach the metadata service and the database. Required when create_vpc is false."
  type        = list(string)
  default     = []
  nullable    = false

  validation {
    condition     = alltrue([for c in var.existing_vpc_cidr_blocks : try(can(regex("^([0-9]{1,3}\\.){3}[0-9]{1,3}/([0-9]|[12][0-9]|3[0-2])$", c)) && cidrsubnet(c, 0, 0) == c, false)])
    error_message = "existing_vpc_cidr_blocks must hold IPv4 CIDR blocks written as their network address, such as 10.0.0.0/16; invalid: ${jsonencode([for c in var.existing_vpc_cidr_blocks : c if !try(can(regex("^([0-9]{1,3}\\.){3}[0-9]{1,3}/([0-9]|[12][0-9]|3[0-2])$", c)) && cidrsubnet(c, 0, 0) == c, false)])}."
  }

  validation {
    condition     = var.create_vpc || length(var.existing_vpc_cidr_blocks) > 0 || var.vpc_cidr_blocks != null
    error_message = "existing_vpc_cidr_blocks must list the CIDR blocks of existing_vpc_id when create_vpc is false."
  }

  validation {
    condition     = var.vpc_cidr_blocks == null || length(var.existing_vpc_cidr_blocks) == 0
    error_message = "existing_vpc_cidr_blocks conflicts with vpc_cidr_blocks, its deprecated v0.12 name: set only existing_vpc_cidr_blocks."
  }
}

variable "existing_vpc_id" {
  description = "Id of the VPC to create every component in. Required when create_vpc is false, ignored otherwise."
  type        = string
  default     = ""
  nullable    = false

  validation {
    condition     = var.create_vpc || can(regex("^vpc-([0-9a-f]{8}|[0-9a-f]{17})$", var.vpc_id != null ? var.vpc_id : var.existing_vpc_id))
    error_message = "existing_vpc_id (or its deprecated v0.12 name vpc_id) must be a VPC id such as vpc-0123456789abcdef0 when create_vpc is false; got \"${var.vpc_id != null ? var.vpc_id : var.existing_vpc_id}\"."
  }

  validation {
    condition     = var.vpc_id == null || var.existing_vpc_id == ""
    error_message = "existing_vpc_id conflicts with vpc_id, its deprecated v0.12 name: set only existing_vpc_id."
  }
}

variable "expose_metaflow_services_in_eks" {
  description = "With deploy_metaflow_services_in_eks, put the metadata service, the UI and the Argo Workflows server behind internal Network Load Balancers that admit only the VPC's CIDR and access_list_cidr_blocks: the profile's METAFLOW_SERVICE_URL and METAFLOW_UI_URL are then reachable from the VPC and its VPN without kubectl port-forward. Off, the README's port-forward commands reach them."
  type        = bool
  default     = false
  nullable    = false
}

variable "extra_ui_backend_env_vars" {
  description = "Environment variables added to (or overriding) the UI backend container's defaults."
  type        = map(string)
  default     = {}
  nullable    = false

  validation {
    condition     = alltrue([for k in keys(var.extra_ui_backend_env_vars) : can(regex("^[A-Za-z_][A-Za-z0-9_]*$", k))])
    error_message = "extra_ui_backend_env_vars keys must be environment variable names (letters, digits and _, not starting with a digit); invalid: ${jsonencode([for k in keys(var.extra_ui_backend_env_vars) : k if !can(regex("^[A-Za-z_][A-Za-z0-9_]*$", k))])}."
  }
}

variable "extra_ui_static_env_vars" {
  description = "Environment variables added to (or overriding) the UI frontend container's defaults."
  type        = map(string)
  default     = {}
  nullable    = false

  validation {
    condition     = alltrue([for k in keys(var.extra_ui_static_env_vars) : can(regex("^[A-Za-z_][A-Za-z0-9_]*$", k))])
    error_message = "extra_ui_static_env_vars keys must be environment variable names (letters, digits and _, not starting with a digit); invalid: ${jsonencode([for k in keys(var.extra_ui_static_env_vars) : k if !can(regex("^[A-Za-z_][A-Za-z0-9_]*$", k))])}."
  }
}

variable "force_destroy_s3_bucket" {
  description = "Let terraform destroy delete the S3 bucket even when it still holds objects (they are lost)."
  type        = bool
  default     = true
  nullable    = false
}

variable "gpu_instance_types" {
  description = "NVIDIA GPU instance types (or families) of the default compute environment with enable_gpu, and the default instance types of a compute_environments entry with gpu = true (g4dn/g5/g6/p4/p5 and later; not g3, p3, g4ad or g5g)."
  type        = list(string)
  default     = ["g4dn.xlarge", "g4dn.2xlarge", "g5.xlarge", "g5.2xlarge"]
  nullable    = false
}

variable "iam_partition" {
  description = "AWS partition used in the ARNs the module builds: \"aws\", \"aws-us-gov\" (GovCloud) or \"aws-cn\" (China)."
  type        = string
  default     = "aws"
  nullable    = false

  validation {
    condition     = contains(["aws", "aws-cn", "aws-us-gov"], var.iam_partition)
    error_message = "iam_partition must be \"aws\", \"aws-cn\" or \"aws-us-gov\"; got \"${var.iam_partition}\"."
  }
}

variable "iam_path" {
  description = "Path of every IAM role and instance profile the module creates, the EKS cluster's and node groups' included, such as \"/metaflow/\" where an organisation's policies allow roles only under a path. \"/\" (AWS's default) changes nothing on an existing stack; another path replaces the roles (IAM cannot move a role)."
  type        = string
  default     = "/"
  nullable    = false
}

variable "iam_permissions_boundary" {
  description = "ARN of an IAM policy set as permissions boundary of every IAM role the module creates, the EKS cluster's and node groups' included (arn:PARTITION:iam::ACCOUNT:policy/NAME). null sets none. Setting or changing it updates the roles in place."
  type        = string
  default     = null
}

variable "kms_deletion_window_in_days" {
  description = "Days the module's KMS keys wait after destroy before AWS deletes them for good, 7-30."
  type        = number
  default     = 30
  nullable    = false

  validation {
    condition     = var.kms_deletion_window_in_days >= 7 && var.kms_deletion_window_in_days <= 30 && floor(var.kms_deletion_window_in_days) == var.kms_deletion_window_in_days
    error_message = "kms_deletion_window_in_days must be a whole number from 7 to 30; got ${var.kms_deletion_window_in_days}."
  }
}

variable "launch_template_http_endpoint" {
  description = "Whether the instance metadata service is reachable from Batch EC2 instances: \"enabled\" or \"disabled\"."
  type        = string
  default     = "enabled"
  nullable    = false

  validation {
    condition     = contains(["enabled", "disabled"], var.launch_template_http_endpoint)
    error_message = "launch_template_http_endpoint must be \"enabled\" or \"disabled\"; got \"${var.launch_template_http_endpoint}\"."
  }
}

variable "launch_template_http_put_response_hop_limit" {
  description = "Hop limit of instance metadata PUT responses on Batch EC2 instances, 1-64. Containers need at least 2 to use IMDSv2."
  type        = number
  default     = 2
  nullable    = false

  validation {
    condition     = var.launch_template_http_put_response_hop_limit >= 1 && var.launch_template_http_put_response_hop_limit <= 64 && floor(var.launch_template_http_put_response_hop_limit) == var.launch_template_http_put_response_hop_limit
    error_message = "launch_template_http_put_response_hop_limit must be a whole number from 1 to 64; got ${var.launch_template_http_put_response_hop_limit}."
  }
}

variable "launch_template_http_tokens" {
  description = "Whether Batch EC2 instances require session tokens (IMDSv2) for instance metadata: \"optional\" or \"required\"."
  type        = string
  default     = "optional"
  nullable    = false

  validation {
    condition     = contains(["optional", "required"], var.launch_template_http_tokens)
    error_message = "launch_template_http_tokens must be \"optional\" or \"required\"; got \"${var.launch_template_http_tokens}\"."
  }
}

variable "launch_template_image_id" {
  description = "AMI for the CPU instances of the default EC2 compute environment instead of the latest ECS-optimized Amazon Linux 2023 AMI (it must run the ECS agent); GPU instances keep the GPU-optimized AMI. null for the default."
  type        = string
  default     = null
}

variable "log_retention_in_days" {
  description = "Days CloudWatch Logs keeps the log groups the module creates: metadata service, migration Lambda, API access, UI and, with create_eks_cluster, the EKS control plane; 0 keeps them for ever. null: 30 for a new stack, 0 for a stack upgraded from outerbounds/metaflow/aws (upgrade_from), whose log groups never expired and keep their history."
  type        = number
  default     = null

  validation {
    condition     = var.log_retention_in_days == null || contains([0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], coalesce(var.log_retention_in_days, 0))
    error_message = "log_retention_in_days must be a CloudWatch Logs retention: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653, or 0 to keep logs for ever; got ${coalesce(var.log_retention_in_days, 0)}."
  }
}

variable "metadata_service_api_endpoint_type" {
  description = "Endpoint type of the metadata service's API Gateway REST API: \"REGIONAL\" (a public regional endpoint, as before) or \"PRIVATE\", reachable only through an execute-api interface VPC endpoint (metadata_service_api_vpc_endpoint_id, or one the module creates) and admitting that endpoint alone in its resource policy (and access_list_cidr_blocks, then matched against the callers' addresses inside the network); METAFLOW_SERVICE_URL is then the URL that answers inside the VPC (README, \"Private metadata API\"). Changing it updates the API in place (same id, same API key). modules/common checks the value."
  type        = string
  default     = "REGIONAL"
  nullable    = false

  validation {
    condition     = var.metadata_service_api_endpoint_type != "PRIVATE" || var.metadata_service_enable_api_gateway
    error_message = "metadata_service_api_endpoint_type = \"PRIVATE\" needs metadata_service_enable_api_gateway = true: the private API is API Gateway's (without API Gateway clients use the internal NLB, METAFLOW_SERVICE_INTERNAL_URL, which is already private)."
  }

  validation {
    condition     = var.metadata_service_api_endpoint_type != "PRIVATE" || var.create_managed_metaflow_metadata_service
    error_message = "metadata_service_api_endpoint_type = \"PRIVATE\" needs create_managed_metaflow_metadata_service = true: only the ECS metadata service has an API Gateway (the EKS one is reached through an internal load balancer with expose_metaflow_services_in_eks)."
  }

  validation {
    condition     = var.metadata_service_api_endpoint_type != "PRIVATE" || var.metadata_service_api_vpc_endpoint_id != "" || var.iam_partition != "aws-cn"
    error_message = "metadata_service_api_endpoint_type = \"PRIVATE\" cannot create its execute-api VPC endpoint in iam_partition \"aws-cn\" (service names differ there): create the endpoint yourself and give its id in metadata_service_api_vpc_endpoint_id."
  }
}

variable "metadata_service_api_vpc_endpoint_id" {
  description = "With metadata_service_api_endpoint_type = \"PRIVATE\": id (vpce-...) of an existing execute-api interface VPC endpoint to reach the API through, in the stack's VPC or a network its clients use; \"\" (default) creates one in the services' subnets (one per zone), with the security group of the VPC endpoints admitting HTTPS from the VPC. modules/common checks it."
  type        = string
  default     = ""
  nullable    = false
}

variable "metadata_service_api_vpc_endpoint_private_dns" {
  description = "Turn private DNS on for the execute-api VPC endpoint the module creates for a PRIVATE API. true: inside the VPC the API's own name ({api-id}.execute-api.{region}.amazonaws.com) reaches the endpoint and METAFLOW_SERVICE_URL uses it, but every execute-api name then resolves to the endpoint in the VPC, so nothing in it can call public API Gateway APIs by their default names any more. false (default): METAFLOW_SERVICE_URL is the endpoint-specific name {api-id}-{vpce-id}.execute-api.{region}.amazonaws.com, public DNS resolving to the endpoint's private addresses, which also serves networks connected to the VPC. Neither needs a Host or x-apigw-api-id header."
  type        = bool
  default     = false
  nullable    = false

  validation {
    condition     = !var.metadata_service_api_vpc_endpoint_private_dns || (var.metadata_service_api_endpoint_type == "PRIVATE" && var.metadata_service_api_vpc_endpoint_id == "")
    error_message = "metadata_service_api_vpc_endpoint_private_dns sets the execute-api VPC endpoint the module creates, which exists only with metadata_service_api_endpoint_type = \"PRIVATE\" and no metadata_service_api_vpc_endpoint_id (an endpoint you give keeps its own DNS setting; the URL then uses its endpoint-specific name, which works either way)."
  }
}

variable "metadata_service_container_image" {
  description = "Container image of the metadata service (also the UI backend). Empty uses the module's pinned default."
  type        = string
  default     = ""
  nullable    = false
}

variable "metadata_service_cpu" {
  description = "CPU units of the ECS metadata service's Fargate task (1024 = 1 vCPU): 256, 512, 1024, 2048, 4096, 8192 or 16384, with a metadata_service_memory Fargate offers for it (README, \"Service sizes\"); the plan fails naming this input otherwise."
  type        = number
  default     = 512
  nullable    = false
}

variable "metadata_service_desired_count" {
  description = "Tasks the ECS metadata service keeps running, 1 to 10 (the plan fails naming this input otherwise); more than one keeps the API answering while ECS replaces a failed task or a zone is down."
  type        = number
  default     = 1
  nullable    = false
}

variable "metadata_service_enable_api_basic_auth" {
  description = "Require an API Gateway API key on the metadata service API; Metaflow clients send it as METAFLOW_SERVICE_AUTH_KEY."
  type        = bool
  default     = true
  nullable    = false
}

variable "metadata_service_enable_api_gateway" {
  description = "Put an API Gateway in front of the metadata service so clients outside the VPC can reach it (or, with metadata_service_api_endpoint_type = \"PRIVATE\", clients of an execute-api VPC endpoint); METAFLOW_SERVICE_URL points at it."
  type        = bool
  default     = true
  nullable    = false
}

variable "metadata_service_ephemeral_storage" {
  description = "Ephemeral storage of the ECS metadata service's Fargate task in GiB: 21 to 200, or 20 for Fargate's default, which the task definition then does not set (the plan fails naming this input otherwise)."
  type        = number
  default     = 20
  nullable    = false
}

variable "metadata_service_memory" {
  description = "Memory (MiB) of the ECS metadata service's Fargate task: one Fargate offers with metadata_service_cpu (README, \"Service sizes\"); the plan fails naming this input otherwise."
  type        = number
  default     = 1024
  nullable    = false
}

variable "metaflow_helm_values" {
  description = "Helm values merged over the module's own, per chart, when deploy_metaflow_services_in_eks is true: a map whose keys are the chart names \"metaflow-service\" and \"metaflow-ui\" (any other key is rejected), e.g. { \"metaflow-ui\" = { replicaCount = 2 } }."
  type        = any
  default     = {}
  nullable    = false
}

variable "metaflow_s3_bucket_arn" {
  description = "ARN of your own S3 bucket for Metaflow data. Required when create_datastore is false, ignored otherwise. Any characters but \"/\", which the metadata service cannot pass to its migration tool."
  type        = string
  default     = ""
  nullable    = false

  validation {
    condition     = var.create_datastore || can(regex("^arn:${var.iam_partition}:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.metaflow_s3_bucket_arn))
    error_message = "metaflow_s3_bucket_arn must be an S3 bucket ARN in partition ${var.iam_partition} (arn:${var.iam_partition}:s3:::BUCKET) when create_datastore is false; got \"${var.metaflow_s3_bucket_arn}\"."
  }
}

variable "metaflow_s3_bucket_kms_key_arn" {
  description = "ARN of the KMS key encrypting your own S3 bucket. Required when create_datastore is false, ignored otherwise. Any characters but \"/\", which the metadata service cannot pass to its migration tool."
  type        = string
  default     = ""
  nullable    = false

  validation {
    condition     = var.create_datastore || can(regex("^arn:${var.iam_partition}:kms:[a-z0-9-]+:[0-9]{12}:key/[0-9a-zA-Z-]+$", var.metaflow_s3_bucket_kms_key_arn))
    error_message = "metaflow_s3_bucket_kms_key_arn must be a KMS key ARN in partition ${var.iam_partition} (arn:${var.iam_partition}:kms:REGION:ACCOUNT:key/ID) when create_datastore is false; got \"${var.metaflow_s3_bucket_kms_key_arn}\"."
  }
}

variable "metaflow_s3_sys_root" {
  description = "S3 URL under which Metaflow stores its artifacts in your own bucket, such as s3://my-bucket/metaflow. Required when create_datastore is false, ignored otherwise. Any characters but \"/\", which the metadata service cannot pass to its migration tool."
  type        = string
  default     = ""
  nullable    = false

  validation {
    condition     = var.create_datastore || try(can(regex("^s3://[^/]+(/.*)?$", var.metaflow_s3_sys_root)) && split("/", trimprefix(var.metaflow_s3_sys_root, "s3://"))[0] == split(":::", var.metaflow_s3_bucket_arn)[1], false)
    error_message = "metaflow_s3_sys_root must be an S3 URL inside the bucket of metaflow_s3_bucket_arn (such as s3://BUCKET/metaflow) when create_datastore is false; got \"${var.metaflow_s3_sys_root}\"."
  }
}

variable "metaflow_ui_is_public" {
  description = "Put the UI load balancer in public subnets with a public DNS name (still limited to ui_allow_list). False keeps it internal."
  type        = bool
  default     = false
  nullable    = false

  validation {
    condition     = !(var.create_managed_metaflow_ui && var.metaflow_ui_is_public && !var.create_vpc) || length(var.existing_public_subnet_ids) >= 2 || var.subnet1_id != null
    error_message = "metaflow_ui_is_public needs at least two existing_public_subnet_ids (in different availability zones) when create_vpc is false: a public load balancer must be in public subnets."
  }
}

variable "node_group_defaults" {
  description = "Settings merged into every EKS managed node group, passed through to the EKS registry module's node group inputs."
  type        = any
  default     = {}
  nullable    = false
}

variable "node_group_iam_role_additional_policies" {
  description = "Extra IAM policies (map of any key to policy ARN) attached to the EKS node group role."
  type        = map(string)
  default     = {}
  nullable    = false

  validation {
    condition     = alltrue([for arn in values(var.node_group_iam_role_additional_policies) : can(regex("^arn:${var.iam_partition}:iam::([0-9]{12}|aws):policy/.+$", arn))])
    error_message = "node_group_iam_role_additional_policies values must be IAM policy ARNs in partition ${var.iam_partition}; got ${jsonencode(var.node_group_iam_role_additional_policies)}."
  }
}

variable "node_groups" {
  description = "EKS managed node groups keyed by name, added to the module's default group (a group named \"default\" replaces it) and passed through to the EKS registry module."
  type        = any
  default     = {}
  nullable    = false
}

variable "private_subnet_tags" {
  description = "Tags added to the private subnets of the created VPC."
  type        = map(string)
  default     = {}
  nullable    = false

  validation {
    condition     = alltrue([for k, val in var.private_subnet_tags : !startswith(lower(k), "aws:") && length(k) >= 1 && length(k) <= 128 && length(val) <= 256])
    error_message = "private_subnet_tags keys must be 1-128 characters and not start with \"aws:\" (reserved by AWS), values at most 256 characters; invalid keys: ${jsonencode([for k, val in var.private_subnet_tags : k if startswith(lower(k), "aws:") || length(k) < 1 || length(k) > 128 || length(val) > 256])}."
  }
}

variable "public_subnet_tags" {
  description = "Tags added to the public subnets of the created VPC."
  type        = map(string)
  default     = {}
  nullable    = false

  validation {
    condition     = alltrue([for k, val in var.public_subnet_tags : !startswith(lower(k), "aws:") && length(k) >= 1 && length(k) <= 128 && length(val) <= 256])
    error_message = "public_subnet_tags keys must be 1-128 characters and not start with \"aws:\" (reserved by AWS), values at most 256 characters; invalid keys: ${jsonencode([for k, val in var.public_subnet_tags : k if startswith(lower(k), "aws:") || length(k) < 1 || length(k) > 128 || length(val) > 256])}."
  }
}

variable "resource_prefix" {
  description = "Start of every resource name: a lowercase letter, then lowercase letters, digits and hyphens, at most 32 characters. Empty generates \"metaflow-\" plus 5 random characters."
  type        = string
  default     = ""
  nullable    = false

  validation {
    condition     = var.resource_prefix == "" || (can(regex("^[a-z][a-z0-9-]{0,31}$", var.resource_prefix)) && !can(regex("^(internal(-|$)|sthree-|amzn-s3-demo-)", var.resource_prefix)))
    error_message = "resource_prefix must be empty (for a generated one) or 1-32 characters of lowercase letters, digits and hyphens starting with a letter, and not start with \"internal-\", \"sthree-\" or \"amzn-s3-demo-\" (AWS rejects load balancer and bucket names starting so); got \"${var.resource_prefix}\"."
  }
}

variable "resource_suffix" {
  description = "End of every resource name, joined with a hyphen: lowercase letters, digits and hyphens, at most 16 characters. Empty for none."
  type        = string
  default     = ""
  nullable    = false

  validation {
    condition     = can(regex("^[a-z0-9-]{0,16}$", var.resource_suffix)) && !can(regex("(^|-)s3alias$", var.resource_suffix))
    error_message = "resource_suffix must be 0-16 characters of lowercase letters, digits and hyphens, and not end in \"s3alias\" (AWS rejects bucket names ending in \"-s3alias\"); got \"${var.resource_suffix}\"."
  }
}

variable "subnet1_id" {
  description = "Deprecated (v0.12): use existing_private_subnet_ids (or existing_public_subnet_ids with with_public_ip = true). The first of the two subnets v0.12 ran everything in."
  type        = string
  default     = null

  validation {
    condition     = (var.subnet1_id == null) == (var.subnet2_id == null)
    error_message = "subnet1_id and subnet2_id (deprecated v0.12 inputs) go together: give both, or neither and existing_private_subnet_ids / existing_public_subnet_ids instead."
  }

  validation {
    condition     = var.subnet1_id == null || can(regex("^subnet-([0-9a-f]{8}|[0-9a-f]{17})$", var.subnet1_id))
    error_message = "subnet1_id must be a subnet id such as subnet-0123456789abcdef0; got \"${var.subnet1_id == null ? "null" : var.subnet1_id}\"."
  }
}

variable "subnet2_id" {
  description = "Deprecated (v0.12): use existing_private_subnet_ids (or existing_public_subnet_ids with with_public_ip = true). The second of the two subnets v0.12 ran everything in."
  type        = string
  default     = null

  validation {
    condition     = var.subnet2_id == null || can(regex("^subnet-([0-9a-f]{8}|[0-9a-f]{17})$", var.subnet2_id))
    error_message = "subnet2_id must be a subnet id such as subnet-0123456789abcdef0; got \"${var.subnet2_id == null ? "null" : var.subnet2_id}\"."
  }
}

variable "tags" {
  description = "Tags applied to every resource the module creates. Keys must not start with \"aws:\" (reserved by AWS)."
  type        = map(string)
  nullable    = false

  validation {
    condition     = alltrue([for k, val in var.tags : !startswith(lower(k), "aws:") && length(k) >= 1 && length(k) <= 128 && length(val) <= 256])
    error_message = "tags keys must be 1-128 characters and not start with \"aws:\" (reserved by AWS), values at most 256 characters; invalid keys: ${jsonencode([for k, val in var.tags : k if startswith(lower(k), "aws:") || length(k) < 1 || length(k) > 128 || length(val) > 256])}."
  }
}

variable "ui_alb_internal" {
  description = "Deprecated (v0.12): use metaflow_ui_is_public (its opposite). In a stack from v0.12 (upgrade_from) the UI load balancer stays internet-facing unless this is true, as in v0.12."
  type        = bool
  default     = null

  validation {
    condition     = !(coalesce(var.ui_alb_internal, false) && var.metaflow_ui_is_public)
    error_message = "ui_alb_internal = true conflicts with metaflow_ui_is_public = true: ui_alb_internal is the deprecated v0.12 opposite of metaflow_ui_is_public; set only metaflow_ui_is_public."
  }
}

variable "ui_allow_list" {
  description = "IPv4 CIDR blocks allowed to reach the UI load balancer on HTTPS, usually your VPN ranges."
  type        = list(string)
  default     = []
  nullable    = false

  validation {
    condition     = alltrue([for c in var.ui_allow_list : try(can(regex("^([0-9]{1,3}\\.){3}[0-9]{1,3}/([0-9]|[12][0-9]|3[0-2])$", c)) && cidrsubnet(c, 0, 0) == c, false)])
    error_message = "ui_allow_list must hold IPv4 CIDR blocks written as their network address, such as 10.0.0.0/16; invalid: ${jsonencode([for c in var.ui_allow_list : c if !try(can(regex("^([0-9]{1,3}\\.){3}[0-9]{1,3}/([0-9]|[12][0-9]|3[0-2])$", c)) && cidrsubnet(c, 0, 0) == c, false)])}."
  }
}

variable "ui_authentication" {
  description = "Require a login on the ECS UI (create_managed_metaflow_ui) at its load balancer, for the pages and the API alike: exactly one of oidc, an OpenID Connect identity provider (issuer, authorization_endpoint, token_endpoint and user_info_endpoint as https:// URLs, client_id, and client_secret_arn, a Secrets Manager secret holding the client secret, or else ui_authentication_client_secret), and cognito, an existing Cognito user pool (user_pool_arn, user_pool_client_id of an app client with a client secret, user_pool_domain). Session settings, null for their defaults: scope (\"openid\"), session_timeout (seconds, 604800 = 7 days, the most AWS allows), session_cookie_name (\"AWSELBAuthSessionCookie\"), on_unauthenticated_request (\"authenticate\" redirects to the login; \"deny\" answers 401), authentication_request_extra_params (up to 10). The identity provider must accept the redirect URL https://HOST/oauth2/idpresponse, HOST being ui_hostname (or the load balancer's DNS name). The client secret is stored in the Terraform state (README, \"UI authentication\"). null (the default): no login."
  type = object({
    oidc = optional(object({
      issuer                 = string
      authorization_endpoint = string
      token_endpoint         = string
      user_info_endpoint     = string
      client_id              = string
      client_secret_arn      = optional(string)
    }))
    cognito = optional(object({
      user_pool_arn       = string
      user_pool_client_id = string
      user_pool_domain    = string
    }))
    # null takes modules/ui's default, which the description gives.
    scope                               = optional(string)
    session_timeout                     = optional(number)
    session_cookie_name                 = optional(string)
    on_unauthenticated_request          = optional(string)
    authentication_request_extra_params = optional(map(string))
  })
  default = null

  # The settings themselves are checked by modules/ui, whose errors name
  # these inputs; only whether the secret is set is read here, never its
  # value, so no error can show it.
  validation {
    condition     = (var.ui_authentication == null && var.ui_authentication_client_secret == null) || var.create_managed_metaflow_ui
    error_message = "ui_authentication and ui_authentication_client_secret put a login on the ECS UI's load balancer: they need create_managed_metaflow_ui = true (the UI of deploy_metaflow_services_in_eks has no load balancer of this module's)."
  }
}

variable "ui_authentication_client_secret" {
  description = "Client secret of ui_authentication.oidc, when it does not come from a Secrets Manager secret (oidc.client_secret_arn). Sensitive: never shown in plans, outputs or errors, but stored in the Terraform state, in the UI listener and rule that use it."
  type        = string
  default     = null
  sensitive   = true
}

variable "ui_backend_cpu" {
  description = "CPU units of the ECS UI backend's Fargate task (1024 = 1 vCPU): 256, 512, 1024, 2048, 4096, 8192 or 16384, with a ui_backend_memory Fargate offers for it (README, \"Service sizes\"); the plan fails naming this input otherwise. Stacks before this input ran 2048."
  type        = number
  default     = 1024
  nullable    = false
}

variable "ui_backend_memory" {
  description = "Memory (MiB) of the ECS UI backend's Fargate task: one Fargate offers with ui_backend_cpu (README, \"Service sizes\"); the plan fails naming this input otherwise. Stacks before this input ran 16384."
  type        = number
  default     = 4096
  nullable    = false
}

variable "ui_certificate_arn" {
  description = "ARN of the ACM certificate the UI load balancer's HTTPS listener serves. Required when create_managed_metaflow_ui is true."
  type        = string
  default     = ""
  nullable    = false

  validation {
    condition     = !var.create_managed_metaflow_ui || can(regex("^arn:${var.iam_partition}:(acm:[a-z0-9-]+:[0-9]{12}:certificate/[0-9a-f-]+|iam::[0-9]{12}:server-certificate/.+)$", var.ui_certificate_arn))
    error_message = "ui_certificate_arn must be an ACM (or IAM server) certificate ARN in partition ${var.iam_partition} when create_managed_metaflow_ui is true; got \"${var.ui_certificate_arn}\"."
  }
}

variable "ui_hostname" {
  description = "Host name users reach the ECS UI at, one ui_certificate_arn covers (such as metaflow.example.com): METAFLOW_UI_URL and output metaflow_ui_url use it, so the run links Metaflow prints pass TLS. With ui_route53_zone_id the module also creates its DNS record; without, point it at output ui_alb_dns_name yourself. Empty: the load balancer's DNS name, which the certificate does not cover."
  type        = string
  default     = ""
  nullable    = false
}

variable "ui_route53_zone_id" {
  description = "Id of the Route 53 hosted zone (such as Z0123456789ABCDEFGHIJ) in which the module creates ui_hostname as an alias of the UI load balancer. Empty: no record."
  type        = string
  default     = ""
  nullable    = false
}

variable "ui_static_container_image" {
  description = "Container image of the UI frontend. Empty uses the module's pinned default."
  type        = string
  default     = ""
  nullable    = false
}

variable "ui_static_cpu" {
  description = "CPU units of the ECS UI static frontend's Fargate task (1024 = 1 vCPU): 256, 512, 1024, 2048, 4096, 8192 or 16384, with a ui_static_memory Fargate offers for it (README, \"Service sizes\"); the plan fails naming this input otherwise."
  type        = number
  default     = 256
  nullable    = false
}

variable "ui_static_memory" {
  description = "Memory (MiB) of the ECS UI static frontend's Fargate task: one Fargate offers with ui_static_cpu (README, \"Service sizes\"); the plan fails naming this input otherwise."
  type        = number
  default     = 512
  nullable    = false
}

variable "upgrade_from" {
  description = "The line of outerbounds/metaflow/aws an existing stack was built with, so that it keeps its resources, names and identities (see UPGRADING.md): \"v0.12\" for v0.10.0 to v0.12.1, \"refresh\" for the unreleased refresh branch; null for a new stack. Set automatically to \"v0.12\" when any v0.12 input (vpc_id, subnet1_id, ...) is given. Changing it on a running stack renames, and so replaces, most of it."
  type        = string
  default     = null

  validation {
    condition     = var.upgrade_from == null || contains(["v0.12", "refresh"], coalesce(var.upgrade_from, "-"))
    error_message = "upgrade_from must be \"v0.12\" (a stack built by outerbounds/metaflow/aws v0.10.0 to v0.12.1), \"refresh\" (built by its refresh branch) or null (a new stack); got \"${var.upgrade_from == null ? "null" : var.upgrade_from}\"."
  }

  validation {
    condition     = !(var.upgrade_from == "refresh" && anytrue([for v in [var.vpc_id, var.subnet1_id, var.subnet2_id, var.with_public_ip, var.enable_step_functions, var.ui_alb_internal] : v != null]) || var.upgrade_from == "refresh" && var.vpc_cidr_blocks != null)
    error_message = "upgrade_from = \"refresh\" conflicts with the v0.12 inputs (vpc_id, subnet1_id, subnet2_id, vpc_cidr_blocks, with_public_ip, enable_step_functions, ui_alb_internal): the refresh branch already took the new names; a block with v0.12 inputs comes from v0.12 (upgrade_from = \"v0.12\")."
  }
}

variable "vpc_cidr" {
  description = "IPv4 CIDR block of the created VPC, /16 to /24: each zone gets a private and a public subnet 4 bits longer. Only used when create_vpc is true."
  type        = string
  default     = "10.0.0.0/16"
  nullable    = false

  validation {
    condition     = try(can(regex("^([0-9]{1,3}\\.){3}[0-9]{1,3}/([0-9]|[12][0-9]|3[0-2])$", var.vpc_cidr)) && cidrsubnet(var.vpc_cidr, 0, 0) == var.vpc_cidr, false) && try(tonumber(split("/", var.vpc_cidr)[1]) >= 16 && tonumber(split("/", var.vpc_cidr)[1]) <= 24, false)
    error_message = "vpc_cidr must be an IPv4 CIDR block from /16 to /24 written as its network address, such as 10.0.0.0/16 (its subnets are 4 bits longer and AWS subnets stop at /28); got \"${var.vpc_cidr}\"."
  }
}

variable "vpc_cidr_blocks" {
  description = "Deprecated (v0.12): use existing_vpc_cidr_blocks."
  type        = list(string)
  default     = null

  validation {
    condition     = alltrue([for c in coalesce(var.vpc_cidr_blocks, []) : try(can(regex("^([0-9]{1,3}\\.){3}[0-9]{1,3}/([0-9]|[12][0-9]|3[0-2])$", c)) && cidrsubnet(c, 0, 0) == c, false)])
    error_message = "vpc_cidr_blocks must hold IPv4 CIDR blocks written as their network address, such as 10.0.0.0/16; got ${jsonencode(var.vpc_cidr_blocks)}."
  }
}

variable "vpc_id" {
  description = "Deprecated (v0.12): use existing_vpc_id."
  type        = string
  default     = null
}

variable "with_public_ip" {
  description = "Deprecated (v0.12): whether subnet1_id and subnet2_id are public subnets (components then get public IPs). Use existing_public_subnet_ids for public subnets, existing_private_subnet_ids for private ones."
  type        = bool
  default     = null

  validation {
    condition     = var.with_public_ip == null || var.subnet1_id != null
    error_message = "with_public_ip (a deprecated v0.12 input) says what subnet1_id and subnet2_id are: it needs them. With existing_*_subnet_ids, the list a subnet is in says it."
  }
}
