variable "azs" {
  description = "Availability zones of the planned VPC, at most 3 (one private and one public subnet each). Only the network plan's CIDR outputs use it."
  type        = list(string)
  default     = []
  nullable    = false

  validation {
    condition     = length(var.azs) <= 3 && length(distinct(var.azs)) == length(var.azs)
    error_message = "azs must list at most 3 distinct availability zones; got ${jsonencode(var.azs)}."
  }
}

variable "create_private_subnets_only" {
  description = "Plan no public subnets for the VPC, and no internet or NAT gateway: only private ones, which reach AWS through VPC endpoints."
  type        = bool
  default     = false
  nullable    = false

  validation {
    condition     = !(var.create_private_subnets_only && var.create_public_subnets_only)
    error_message = "create_private_subnets_only and create_public_subnets_only exclude each other: a VPC needs subnets of one kind at least."
  }
}

variable "create_public_subnets_only" {
  description = "Plan no private subnets for the VPC, only public ones."
  type        = bool
  default     = false
  nullable    = false
}

variable "database_ssl_mode" {
  description = "libpq sslmode the metadata service image connects to PostgreSQL with (the metadata service, its migrations, the UI backend). Checked here once for every module that runs the image."
  type        = string
  default     = "prefer"
  nullable    = false

  validation {
    condition     = contains(["disable", "allow", "prefer", "require"], var.database_ssl_mode)
    error_message = "database_ssl_mode must be one of disable, allow, prefer, require; got \"${var.database_ssl_mode}\". verify-ca and verify-full need a CA certificate file inside the metadata service container (MF_METADATA_DB_SSL_ROOT_CERT_PATH), which the image does not have: use require for an encrypted connection."
  }
}

variable "fargate_services" {
  description = "Sizes of the ECS Fargate services a module runs, keyed by the start of their input names (metadata_service, ui_backend, ui_static): cpu (units, 1024 = 1 vCPU), memory (MiB) and, where the module has the input, ephemeral_storage (GiB; 20 is Fargate's default) and desired_count. Checked here once for the root and every module that runs such a service; each error names the input KEY_cpu, KEY_memory, KEY_ephemeral_storage or KEY_desired_count, which is the caller's own input name."
  type = map(object({
    cpu               = number
    memory            = number
    ephemeral_storage = optional(number)
    desired_count     = optional(number)
  }))
  default  = {}
  nullable = false

  validation {
    condition     = alltrue([for s in values(var.fargate_services) : contains([256, 512, 1024, 2048, 4096, 8192, 16384], coalesce(s.cpu, 0))])
    error_message = join(" ", [for k, s in var.fargate_services : "${k}_cpu must be a Fargate CPU size: 256, 512, 1024, 2048, 4096, 8192 or 16384; got ${jsonencode(s.cpu)}." if !contains([256, 512, 1024, 2048, 4096, 8192, 16384], coalesce(s.cpu, 0))])
  }

  validation {
    # Fargate's CPU/memory table: the memory range and step of each CPU size.
    # A CPU size Fargate does not have is the rule above's to report.
    condition = alltrue([for s in values(var.fargate_services) : (
      !contains([256, 512, 1024, 2048, 4096, 8192, 16384], coalesce(s.cpu, 0)) ? true :
      s.cpu == 256 ? contains([512, 1024, 2048], coalesce(s.memory, 0)) :
      (
        coalesce(s.memory, 0) >= lookup({ 512 = 1024, 1024 = 2048, 2048 = 4096, 4096 = 8192, 8192 = 16384, 16384 = 32768 }, s.cpu, 0) &&
        coalesce(s.memory, 0) <= lookup({ 512 = 4096, 1024 = 8192, 2048 = 16384, 4096 = 30720, 8192 = 61440, 16384 = 122880 }, s.cpu, 0) &&
        coalesce(s.memory, 0) % lookup({ 512 = 1024, 1024 = 1024, 2048 = 1024, 4096 = 1024, 8192 = 4096, 16384 = 8192 }, s.cpu, 1) == 0
      )
    )])
    error_message = "${join(" ", [for k, s in var.fargate_services : "${k}_memory ${jsonencode(s.memory)} is not offered by Fargate with ${k}_cpu ${s.cpu}." if(
      !contains([256, 512, 1024, 2048, 4096, 8192, 16384], coalesce(s.cpu, 0)) ? false :
      s.cpu == 256 ? !contains([512, 1024, 2048], coalesce(s.memory, 0)) :
      !(
        coalesce(s.memory, 0) >= lookup({ 512 = 1024, 1024 = 2048, 2048 = 4096, 4096 = 8192, 8192 = 16384, 16384 = 32768 }, s.cpu, 0) &&
        coalesce(s.memory, 0) <= lookup({ 512 = 4096, 1024 = 8192, 2048 = 16384, 4096 = 30720, 8192 = 61440, 16384 = 122880 }, s.cpu, 0) &&
        coalesce(s.memory, 0) % lookup({ 512 = 1024, 1024 = 1024, 2048 = 1024, 4096 = 1024, 8192 = 4096, 16384 = 8192 }, s.cpu, 1) == 0
      )
    )])} Fargate's CPU/memory pairs: 256 takes 512/1024/2048; 512 takes 1024-4096, 1024 takes 2048-8192, 2048 takes 4096-16384, 4096 takes 8192-30720 (steps of 1024); 8192 takes 16384-61440 (steps of 4096); 16384 takes 32768-122880 (steps of 8192)."
  }

  validation {
    condition     = alltrue([for s in values(var.fargate_services) : s.ephemeral_storage == null ? true : s.ephemeral_storage == floor(s.ephemeral_storage) && s.ephemeral_storage >= 20 && s.ephemeral_storage <= 200])
    error_message = join(" ", [for k, s in var.fargate_services : "${k}_ephemeral_storage must be a whole number of GiB from 21 to 200 (what Fargate offers), or 20 for Fargate's default; got ${s.ephemeral_storage}." if(s.ephemeral_storage == null ? false : !(s.ephemeral_storage == floor(s.ephemeral_storage) && s.ephemeral_storage >= 20 && s.ephemeral_storage <= 200))])
  }

  validation {
    condition     = alltrue([for s in values(var.fargate_services) : s.desired_count == null ? true : s.desired_count == floor(s.desired_count) && s.desired_count >= 1 && s.desired_count <= 10])
    error_message = join(" ", [for k, s in var.fargate_services : "${k}_desired_count must be a whole number of tasks from 1 to 10; got ${s.desired_count}." if(s.desired_count == null ? false : !(s.desired_count == floor(s.desired_count) && s.desired_count >= 1 && s.desired_count <= 10))])
  }
}

variable "iam_path" {
  description = "Path of every IAM role and instance profile the module tree creates, EKS's included: \"/\" (AWS's default) or a path such as \"/metaflow/\", 1-512 characters. Checked here once for the root and every module that creates a role."
  type        = string
  default     = "/"
  nullable    = false

  validation {
    condition     = length(var.iam_path) <= 512 && can(regex("^/([!-.0-~]+/)*$", var.iam_path))
    error_message = "iam_path must be \"/\" or a path of the form \"/a/b/\" (starting and ending with \"/\", segments of printable ASCII without spaces or empty segments), 1-512 characters; got \"${var.iam_path}\"."
  }
}

variable "iam_permissions_boundary" {
  description = "ARN of the IAM policy set as permissions boundary of every IAM role the module tree creates, EKS's included, or null for none. Checked here once for the root and every module that creates a role."
  type        = string
  default     = null

  validation {
    condition     = var.iam_permissions_boundary == null || can(regex("^arn:aws(-cn|-us-gov)?:iam::([0-9]{12}|aws):policy/([!-.0-~]+/)*[A-Za-z0-9+=,.@_-]{1,128}$", coalesce(var.iam_permissions_boundary, "-")))
    error_message = "iam_permissions_boundary must be null or an IAM policy ARN, arn:PARTITION:iam::ACCOUNT:policy/NAME (PARTITION aws, aws-cn or aws-us-gov; ACCOUNT 12 digits, or aws for an AWS managed policy; NAME optionally after a path); got \"${var.iam_permissions_boundary == null ? "null" : var.iam_permissions_boundary}\"."
  }
}

variable "metadata_service_api_endpoint_type" {
  description = "Endpoint type of the metadata service's REST API: REGIONAL (a public regional endpoint) or PRIVATE (reachable only through an execute-api interface VPC endpoint). Checked here once for the root and modules/metadata-service."
  type        = string
  default     = "REGIONAL"
  nullable    = false

  validation {
    condition     = contains(["REGIONAL", "PRIVATE"], var.metadata_service_api_endpoint_type)
    error_message = "metadata_service_api_endpoint_type must be \"REGIONAL\" (the public regional endpoint, as before) or \"PRIVATE\" (reachable only through an execute-api VPC endpoint); got \"${var.metadata_service_api_endpoint_type}\". EDGE is not offered: it does not exist outside the aws partition."
  }
}

variable "metadata_service_api_vpc_endpoint_id" {
  description = "Id of the execute-api interface VPC endpoint a PRIVATE metadata API is reached through, or \"\". Checked here once for the root and modules/metadata-service."
  type        = string
  default     = ""
  nullable    = false

  validation {
    condition     = var.metadata_service_api_vpc_endpoint_id == "" || can(regex("^vpce-[0-9a-f]{8,17}$", var.metadata_service_api_vpc_endpoint_id))
    error_message = "metadata_service_api_vpc_endpoint_id must be \"\" or a VPC endpoint id such as vpce-0123456789abcdef0; got \"${var.metadata_service_api_vpc_endpoint_id}\"."
  }

  validation {
    condition     = var.metadata_service_api_vpc_endpoint_id == "" || var.metadata_service_api_endpoint_type == "PRIVATE"
    error_message = "metadata_service_api_vpc_endpoint_id is used only by a private API: set metadata_service_api_endpoint_type = \"PRIVATE\", or leave the endpoint id empty."
  }
}

variable "private_subnet_ids" {
  description = "Ids of the private subnets available to the components (of the created VPC or existing ones). Empty when there are none."
  type        = list(string)
  default     = []
  nullable    = false
}

variable "public_subnet_ids" {
  description = "Ids of the public subnets available to the components (of the created VPC or existing ones)."
  type        = list(string)
  default     = []
  nullable    = false
}

variable "resource_prefix" {
  description = "Start of every resource name: lowercase letters, digits and hyphens, beginning with a letter, at most 32 characters."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,31}$", var.resource_prefix)) && !can(regex("^(internal(-|$)|sthree-|amzn-s3-demo-)", var.resource_prefix))
    error_message = "resource_prefix must be 1-32 characters of lowercase letters, digits and hyphens starting with a letter, and not start with \"internal-\", \"sthree-\" or \"amzn-s3-demo-\" (AWS rejects load balancer and bucket names starting so); got \"${var.resource_prefix}\"."
  }
}

variable "resource_suffix" {
  description = "End of every resource name (empty for none): lowercase letters, digits and hyphens, at most 16 characters."
  type        = string
  default     = ""

  validation {
    condition     = can(regex("^[a-z0-9-]{0,16}$", var.resource_suffix)) && !can(regex("(^|-)s3alias$", var.resource_suffix))
    error_message = "resource_suffix must be 0-16 characters of lowercase letters, digits and hyphens, and not end in \"s3alias\" (AWS rejects bucket names ending in \"-s3alias\"); got \"${var.resource_suffix}\"."
  }
}

variable "ui_hostname" {
  description = "Host name of the UI, or \"\"; checked here once for the root and modules/ui."
  type        = string
  default     = ""
  nullable    = false

  validation {
    condition     = var.ui_hostname == "" || (length(var.ui_hostname) <= 253 && can(regex("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$", var.ui_hostname)))
    error_message = "ui_hostname must be empty or a lowercase DNS host name such as metaflow.example.com (no scheme, port, path or trailing dot); got \"${var.ui_hostname}\"."
  }
}

variable "ui_is_public" {
  description = "Whether the UI load balancer faces the internet, and so goes in the public subnets."
  type        = bool
  default     = false
  nullable    = false

  validation {
    condition     = !var.ui_is_public || length(var.public_subnet_ids) > 0
    error_message = "ui_is_public needs public_subnet_ids: a public load balancer must be in public subnets."
  }
}

variable "ui_route53_zone_id" {
  description = "Route 53 hosted zone of the UI's record, or \"\"; checked here once for the root and modules/ui."
  type        = string
  default     = ""
  nullable    = false

  validation {
    condition     = var.ui_route53_zone_id == "" || can(regex("^Z[0-9A-Z]{1,31}$", var.ui_route53_zone_id))
    error_message = "ui_route53_zone_id must be empty or a Route 53 hosted zone id such as Z0123456789ABCDEFGHIJ; got \"${var.ui_route53_zone_id}\"."
  }

  validation {
    condition     = var.ui_route53_zone_id == "" || var.ui_hostname != ""
    error_message = "ui_route53_zone_id needs ui_hostname: it is the zone the UI's record is created in, and ui_hostname is that record's name."
  }
}

variable "upgrade_from" {
  description = "The line of outerbounds/metaflow/aws that built the resources being named: \"v0.12\" (v0.10.0 to v0.12.1) or \"refresh\" (its refresh branch), whose names they keep; null for new resources."
  type        = string
  default     = null

  validation {
    condition     = var.upgrade_from == null || contains(["v0.12", "refresh"], coalesce(var.upgrade_from, "-"))
    error_message = "upgrade_from must be \"v0.12\", \"refresh\" or null; got \"${var.upgrade_from == null ? "null" : var.upgrade_from}\"."
  }
}

variable "vpc_cidr" {
  description = "IPv4 CIDR block of the planned VPC, /16 to /24 written as its network address; subnets are 4 bits longer."
  type        = string
  default     = "10.0.0.0/16"
  nullable    = false

  validation {
    condition     = try(can(regex("^([0-9]{1,3}\\.){3}[0-9]{1,3}/(1[6-9]|2[0-4])$", var.vpc_cidr)) && cidrsubnet(var.vpc_cidr, 0, 0) == var.vpc_cidr, false)
    error_message = "vpc_cidr must be an IPv4 CIDR block from /16 to /24 written as its network address, such as 10.0.0.0/16; got \"${var.vpc_cidr}\"."
  }
}
