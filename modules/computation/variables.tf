variable "batch_type" {
  description = "Capacity behind the Batch compute environment: \"ec2\" (EC2 instances from a launch template; needed for GPUs) or \"fargate\"."
  type        = string
  default     = "ec2"

  validation {
    condition     = contains(["ec2", "fargate"], var.batch_type)
    error_message = "batch_type must be \"ec2\" or \"fargate\"; got \"${var.batch_type}\"."
  }
}

variable "compute_environment_additional_security_group_ids" {
  description = "Security groups attached to the compute environment's instances or Fargate tasks in addition to the module's own (for example one that reaches a private package mirror)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for id in var.compute_environment_additional_security_group_ids : can(regex("^sg-[0-9a-f]{8,17}$", id))])
    error_message = "compute_environment_additional_security_group_ids must hold security group ids of the form sg-0123456789abcdef0; got ${jsonencode(var.compute_environment_additional_security_group_ids)}."
  }
}

variable "compute_environment_allocation_strategy" {
  description = "How Batch picks On-Demand instance types when scaling out (EC2 only): \"BEST_FIT\" waits for the cheapest fitting type, \"BEST_FIT_PROGRESSIVE\" falls back to other listed types."
  type        = string
  default     = "BEST_FIT"

  validation {
    condition     = contains(["BEST_FIT", "BEST_FIT_PROGRESSIVE"], var.compute_environment_allocation_strategy)
    error_message = "compute_environment_allocation_strategy must be \"BEST_FIT\" or \"BEST_FIT_PROGRESSIVE\" (the SPOT_* strategies are for a SPOT environment of compute_environments); got \"${var.compute_environment_allocation_strategy}\"."
  }
}

variable "compute_environment_desired_vcpus" {
  description = "vCPUs the EC2 compute environment starts with, between the minimum and the maximum. Batch adjusts it afterwards and Terraform does not fight it. Ignored for Fargate."
  type        = number
  default     = 0

  validation {
    condition     = floor(var.compute_environment_desired_vcpus) == var.compute_environment_desired_vcpus && var.compute_environment_desired_vcpus >= var.compute_environment_min_vcpus && var.compute_environment_desired_vcpus <= var.compute_environment_max_vcpus
    error_message = "compute_environment_desired_vcpus must be a whole number from compute_environment_min_vcpus (${var.compute_environment_min_vcpus}) to compute_environment_max_vcpus (${var.compute_environment_max_vcpus}); got ${var.compute_environment_desired_vcpus}."
  }
}

variable "compute_environment_egress_cidr_blocks" {
  description = "CIDR blocks (IPv4 or IPv6) the compute environment may open connections to. Jobs need S3, ECR and the Batch/ECS endpoints: keep 0.0.0.0/0 unless those are reachable through VPC endpoints in narrower ranges."
  type        = list(string)
  default     = ["0.0.0.0/0"]

  validation {
    condition     = length(var.compute_environment_egress_cidr_blocks) > 0 && alltrue([for cidr in var.compute_environment_egress_cidr_blocks : can(cidrhost(cidr, 0))])
    error_message = "compute_environment_egress_cidr_blocks must hold at least one CIDR block such as \"0.0.0.0/0\" or \"10.0.0.0/16\" (without egress the instances cannot join the cluster); got ${jsonencode(var.compute_environment_egress_cidr_blocks)}."
  }
}

variable "compute_environment_instance_types" {
  description = "EC2 instance types (or families such as \"c5\", or \"optimal\") the compute environment may launch for CPU jobs. Ignored for Fargate."
  type        = list(string)
  default     = ["c5.large", "c5.xlarge", "c5.2xlarge", "c5.4xlarge", "c5.9xlarge"]

  validation {
    condition     = alltrue([for type in var.compute_environment_instance_types : can(regex("^[a-z][a-z0-9-]*(\\.[a-z0-9]+)?$", type))])
    error_message = "compute_environment_instance_types must hold instance types such as \"c5.large\", families such as \"c5\", or \"optimal\"; got ${jsonencode(var.compute_environment_instance_types)}."
  }

  validation {
    condition     = var.batch_type != "ec2" || length(var.compute_environment_instance_types) > 0
    error_message = "compute_environment_instance_types must not be empty when batch_type is \"ec2\"."
  }
}

variable "compute_environment_max_vcpus" {
  description = "Upper bound of vCPUs the compute environment runs at once, over all jobs."
  type        = number
  default     = 64

  validation {
    condition     = floor(var.compute_environment_max_vcpus) == var.compute_environment_max_vcpus && var.compute_environment_max_vcpus >= 1 && var.compute_environment_max_vcpus >= var.compute_environment_min_vcpus
    error_message = "compute_environment_max_vcpus must be a whole number of at least 1 and at least compute_environment_min_vcpus (${var.compute_environment_min_vcpus}); got ${var.compute_environment_max_vcpus}."
  }
}

variable "compute_environment_min_vcpus" {
  description = "vCPUs the EC2 compute environment keeps running even when no job is queued (0 scales to nothing when idle). Ignored for Fargate."
  type        = number
  default     = 0

  validation {
    condition     = floor(var.compute_environment_min_vcpus) == var.compute_environment_min_vcpus && var.compute_environment_min_vcpus >= 0
    error_message = "compute_environment_min_vcpus must be a whole number of at least 0; got ${var.compute_environment_min_vcpus}."
  }
}

variable "compute_environment_root_volume_size" {
  description = "Size in GiB of the encrypted root volume of each EC2 instance, which holds the container images and the jobs' scratch data. Ignored for Fargate."
  type        = number
  default     = 100

  validation {
    condition     = floor(var.compute_environment_root_volume_size) == var.compute_environment_root_volume_size && var.compute_environment_root_volume_size >= 30 && var.compute_environment_root_volume_size <= 16384
    error_message = "compute_environment_root_volume_size must be a whole number of GiB from 30 (the ECS-optimized AMI's own size) to 16384; got ${var.compute_environment_root_volume_size}."
  }
}

variable "enable_gpu" {
  description = "Add gpu_instance_types to the EC2 compute environment so @batch(gpu=N) steps can be placed. GPU instance types (from either list) always boot the ECS GPU-optimized Amazon Linux 2023 AMI, with the NVIDIA driver and container toolkit. Needs batch_type \"ec2\"."
  type        = bool
  default     = false

  validation {
    condition     = !var.enable_gpu || var.batch_type == "ec2"
    error_message = "enable_gpu needs batch_type \"ec2\": Batch on Fargate has no GPUs; got batch_type \"${var.batch_type}\"."
  }
}

variable "gpu_instance_types" {
  description = "NVIDIA GPU instance types (or families) added to the compute environment when enable_gpu is on. g3/p3 and AMD (g4ad) or Graviton (g5g) types are not supported by the GPU AMI used here."
  type        = list(string)
  default     = ["g4dn.xlarge", "g4dn.2xlarge", "g5.xlarge", "g5.2xlarge"]

  validation {
    condition = alltrue([
      for type in var.gpu_instance_types :
      can(regex("^(g|p)[0-9][a-z0-9-]*(\\.[a-z0-9]+)?$", type)) && !can(regex("^(g3|p3|g4ad|g5g)[a-z0-9-]*(\\.|$)", type))
    ])
    error_message = "gpu_instance_types must hold NVIDIA GPU instance types or families of the g/p series from g4dn/p4 on, such as \"g5.xlarge\" or \"p4d\" (not g3, p3, g4ad or g5g); got ${jsonencode(var.gpu_instance_types)}."
  }

  validation {
    condition     = !var.enable_gpu || length(var.gpu_instance_types) > 0
    error_message = "gpu_instance_types must not be empty when enable_gpu is on."
  }
}

variable "iam_partition" {
  description = "AWS partition of the account, used in the managed policy ARNs: \"aws\", \"aws-cn\" or \"aws-us-gov\"."
  type        = string
  default     = "aws"

  validation {
    condition     = contains(["aws", "aws-cn", "aws-us-gov"], var.iam_partition)
    error_message = "iam_partition must be \"aws\", \"aws-cn\" or \"aws-us-gov\"; got \"${var.iam_partition}\"."
  }
}

variable "iam_path" {
  description = "Path of every IAM role and instance profile this module creates: \"/\" (AWS's default) or a path such as \"/metaflow/\". Checked by modules/common."
  type        = string
  default     = "/"
  nullable    = false
}

variable "iam_permissions_boundary" {
  description = "ARN of the IAM policy set as permissions boundary of every IAM role this module creates, or null for none. Checked by modules/common."
  type        = string
  default     = null
}

variable "launch_template_http_endpoint" {
  description = "Whether the instance metadata service (IMDS) answers on the EC2 instances: \"enabled\" or \"disabled\". The ECS agent needs it enabled."
  type        = string
  default     = "enabled"

  validation {
    condition     = contains(["enabled", "disabled"], var.launch_template_http_endpoint)
    error_message = "launch_template_http_endpoint must be \"enabled\" or \"disabled\"; got \"${var.launch_template_http_endpoint}\"."
  }
}

variable "launch_template_http_put_response_hop_limit" {
  description = "Network hops an IMDS response may travel (1-64). 2 lets containers in bridge mode reach IMDS; 1 confines it to the host."
  type        = number
  default     = 2

  validation {
    condition     = floor(var.launch_template_http_put_response_hop_limit) == var.launch_template_http_put_response_hop_limit && var.launch_template_http_put_response_hop_limit >= 1 && var.launch_template_http_put_response_hop_limit <= 64
    error_message = "launch_template_http_put_response_hop_limit must be a whole number from 1 to 64; got ${var.launch_template_http_put_response_hop_limit}."
  }
}

variable "launch_template_http_tokens" {
  description = "Whether IMDS requires session tokens (IMDSv2): \"required\" (recommended) or \"optional\" (also answers IMDSv1)."
  type        = string
  default     = "required"

  validation {
    condition     = contains(["optional", "required"], var.launch_template_http_tokens)
    error_message = "launch_template_http_tokens must be \"optional\" or \"required\"; got \"${var.launch_template_http_tokens}\"."
  }
}

variable "launch_template_image_id" {
  description = "AMI for the CPU instances of the EC2 compute environment instead of the latest ECS-optimized Amazon Linux 2023 AMI; it must run the ECS agent. GPU instances (enable_gpu) keep the GPU-optimized AMI. null for the default."
  type        = string
  default     = null

  validation {
    condition     = var.launch_template_image_id == null || can(regex("^ami-[0-9a-f]{8,17}$", var.launch_template_image_id))
    error_message = "launch_template_image_id must be null or an AMI id of the form ami-0123456789abcdef0; got \"${coalesce(var.launch_template_image_id, "null")}\"."
  }
}

variable "metaflow_vpc_id" {
  description = "VPC that holds subnet_ids; the compute environment's security group is created in it."
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
  description = "Subnets the instances or Fargate tasks run in. Private subnets need a NAT gateway or VPC endpoints for S3, ECR, ECS and CloudWatch Logs, or jobs stay RUNNABLE."
  type        = list(string)

  validation {
    condition     = length(var.subnet_ids) > 0 && alltrue([for id in var.subnet_ids : can(regex("^subnet-[0-9a-f]{8,17}$", id))])
    error_message = "subnet_ids must hold at least one subnet id of the form subnet-0123456789abcdef0; got ${jsonencode(var.subnet_ids)}."
  }
}

variable "tags" {
  description = "Tags added to every resource this module creates, and to the EC2 instances Batch launches."
  type        = map(string)
  default     = {}
}

variable "upgrade_from" {
  description = "The line of outerbounds/metaflow/aws (\"v0.12\" or \"refresh\") that built the resources this module takes over, so they keep their names and the settings whose change would replace them (UPGRADING.md); null for new resources."
  type        = string
  default     = null
}

variable "compute_environments" {
  description = <<-EOT
    Compute environments next to the default one, by name (lowercase letters, digits and hyphens, at most 24 characters; "default" is the one batch_type and the compute_environment_*, launch_template_* and GPU inputs describe). Each entry:
    - type: "EC2" (On-Demand), "SPOT", "FARGATE" or "FARGATE_SPOT".
    - max_vcpus (default 64); EC2 and SPOT only: min_vcpus (default 0) and desired_vcpus (default min_vcpus).
    - instance_types (EC2/SPOT; default compute_environment_instance_types, or gpu_instance_types with gpu).
    - gpu (EC2/SPOT): its default instance types are gpu_instance_types. GPU types always boot the ECS GPU-optimized AMI.
    - allocation_strategy: EC2 "BEST_FIT" or "BEST_FIT_PROGRESSIVE" (default); SPOT also "SPOT_CAPACITY_OPTIMIZED" or "SPOT_PRICE_CAPACITY_OPTIMIZED" (default).
    - bid_percentage (SPOT): the highest Spot price, in percent of the On-Demand price (1-100; default: up to the On-Demand price).
    - root_volume_size (EC2/SPOT, GiB, default compute_environment_root_volume_size) and image_id (EC2/SPOT: AMI for CPU types; default the ECS-optimized Amazon Linux 2023 AMI).
    - security_group_ids: attached next to the module's group.
    A compute environment runs jobs only through a queue: name it in batch_job_queues.
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
    condition     = alltrue([for name in keys(var.compute_environments) : can(regex("^[a-z0-9][a-z0-9-]{0,23}$", name)) && name != "default"])
    error_message = "compute_environments names must be 1-24 lowercase letters, digits and hyphens, not starting with a hyphen, and not \"default\" (batch_type and the compute_environment_* inputs describe that one); invalid: ${jsonencode([for name in keys(var.compute_environments) : name if !can(regex("^[a-z0-9][a-z0-9-]{0,23}$", name)) || name == "default"])}."
  }

  validation {
    condition     = alltrue([for ce in values(var.compute_environments) : contains(["EC2", "SPOT", "FARGATE", "FARGATE_SPOT"], ce.type)])
    error_message = "compute_environments type must be \"EC2\", \"SPOT\", \"FARGATE\" or \"FARGATE_SPOT\"; invalid: ${jsonencode({ for name, ce in var.compute_environments : name => ce.type if !contains(["EC2", "SPOT", "FARGATE", "FARGATE_SPOT"], ce.type) })}."
  }

  validation {
    condition = alltrue([
      for ce in values(var.compute_environments) :
      floor(ce.max_vcpus) == ce.max_vcpus && ce.max_vcpus >= 1 &&
      (ce.min_vcpus == null ? true : floor(ce.min_vcpus) == ce.min_vcpus && ce.min_vcpus >= 0 && ce.min_vcpus <= ce.max_vcpus) &&
      (ce.desired_vcpus == null ? true : floor(ce.desired_vcpus) == ce.desired_vcpus && ce.desired_vcpus >= coalesce(ce.min_vcpus, 0) && ce.desired_vcpus <= ce.max_vcpus)
    ])
    error_message = "compute_environments vCPUs must be whole numbers with 0 <= min_vcpus <= desired_vcpus <= max_vcpus and max_vcpus >= 1; invalid: ${jsonencode({ for name, ce in var.compute_environments : name => { min_vcpus = ce.min_vcpus, desired_vcpus = ce.desired_vcpus, max_vcpus = ce.max_vcpus } if !(floor(ce.max_vcpus) == ce.max_vcpus && ce.max_vcpus >= 1 && (ce.min_vcpus == null ? true : floor(ce.min_vcpus) == ce.min_vcpus && ce.min_vcpus >= 0 && ce.min_vcpus <= ce.max_vcpus) && (ce.desired_vcpus == null ? true : floor(ce.desired_vcpus) == ce.desired_vcpus && ce.desired_vcpus >= coalesce(ce.min_vcpus, 0) && ce.desired_vcpus <= ce.max_vcpus)) })}."
  }

  # Batch rejects these on Fargate; refusing them here beats ignoring them.
  validation {
    condition = alltrue([
      for ce in values(var.compute_environments) :
      startswith(ce.type, "FARGATE") ? (!ce.gpu && ce.min_vcpus == null && ce.desired_vcpus == null && ce.instance_types == null && ce.allocation_strategy == null && ce.bid_percentage == null && ce.root_volume_size == null && ce.image_id == null) : true
    ])
    error_message = "compute_environments of type FARGATE or FARGATE_SPOT take only type, max_vcpus and security_group_ids (Fargate has no instances, GPUs or allocation strategy); offending: ${jsonencode([for name, ce in var.compute_environments : name if startswith(ce.type, "FARGATE") && (ce.gpu || ce.min_vcpus != null || ce.desired_vcpus != null || ce.instance_types != null || ce.allocation_strategy != null || ce.bid_percentage != null || ce.root_volume_size != null || ce.image_id != null)])}."
  }

  validation {
    condition = alltrue([
      for ce in values(var.compute_environments) :
      ce.allocation_strategy == null ? true : contains(ce.type == "SPOT" ? ["BEST_FIT", "BEST_FIT_PROGRESSIVE", "SPOT_CAPACITY_OPTIMIZED", "SPOT_PRICE_CAPACITY_OPTIMIZED"] : ["BEST_FIT", "BEST_FIT_PROGRESSIVE"], ce.allocation_strategy)
    ])
    error_message = "compute_environments allocation_strategy must be \"BEST_FIT\" or \"BEST_FIT_PROGRESSIVE\" for EC2, and one of those or \"SPOT_CAPACITY_OPTIMIZED\" or \"SPOT_PRICE_CAPACITY_OPTIMIZED\" for SPOT; invalid: ${jsonencode({ for name, ce in var.compute_environments : name => "${ce.type} ${ce.allocation_strategy}" if(ce.allocation_strategy == null ? false : !contains(ce.type == "SPOT" ? ["BEST_FIT", "BEST_FIT_PROGRESSIVE", "SPOT_CAPACITY_OPTIMIZED", "SPOT_PRICE_CAPACITY_OPTIMIZED"] : ["BEST_FIT", "BEST_FIT_PROGRESSIVE"], ce.allocation_strategy)) })}."
  }

  validation {
    condition     = alltrue([for ce in values(var.compute_environments) : ce.bid_percentage == null ? true : ce.type == "SPOT" && floor(ce.bid_percentage) == ce.bid_percentage && ce.bid_percentage >= 1 && ce.bid_percentage <= 100])
    error_message = "compute_environments bid_percentage is for SPOT only, a whole number from 1 to 100 (percent of the On-Demand price); invalid: ${jsonencode({ for name, ce in var.compute_environments : name => "${ce.type} ${ce.bid_percentage}" if(ce.bid_percentage == null ? false : !(ce.type == "SPOT" && floor(ce.bid_percentage) == ce.bid_percentage && ce.bid_percentage >= 1 && ce.bid_percentage <= 100)) })}."
  }

  validation {
    condition     = alltrue([for ce in values(var.compute_environments) : ce.root_volume_size == null ? true : floor(ce.root_volume_size) == ce.root_volume_size && ce.root_volume_size >= 30 && ce.root_volume_size <= 16384])
    error_message = "compute_environments root_volume_size must be a whole number of GiB from 30 to 16384; invalid: ${jsonencode({ for name, ce in var.compute_environments : name => ce.root_volume_size if(ce.root_volume_size == null ? false : !(floor(ce.root_volume_size) == ce.root_volume_size && ce.root_volume_size >= 30 && ce.root_volume_size <= 16384)) })}."
  }

  validation {
    condition = alltrue(flatten([
      for ce in values(var.compute_environments) : [
        (ce.image_id == null ? true : can(regex("^ami-[0-9a-f]{8,17}$", ce.image_id))),
        [for id in ce.security_group_ids : can(regex("^sg-[0-9a-f]{8,17}$", id))],
        (ce.instance_types == null ? true : length(ce.instance_types) > 0 && alltrue([for type in ce.instance_types : can(regex("^[a-z][a-z0-9-]*(\\.[a-z0-9]+)?$", type))])),
      ]
    ]))
    error_message = "compute_environments image_id must be an AMI id (ami-0123456789abcdef0), security_group_ids security group ids (sg-0123456789abcdef0), and instance_types a non-empty list of instance types such as \"c5.large\", families such as \"c5\", or \"optimal\"; offending: ${jsonencode([for name, ce in var.compute_environments : name if !alltrue(flatten([(ce.image_id == null ? true : can(regex("^ami-[0-9a-f]{8,17}$", ce.image_id))), [for id in ce.security_group_ids : can(regex("^sg-[0-9a-f]{8,17}$", id))], (ce.instance_types == null ? true : length(ce.instance_types) > 0 && alltrue([for type in ce.instance_types : can(regex("^[a-z][a-z0-9-]*(\\.[a-z0-9]+)?$", type))]))]))])}."
  }
}

variable "batch_job_queues" {
  description = <<-EOT
    Job queues by name (lowercase letters, digits and hyphens, at most 24 characters), each feeding up to three compute environments (names from compute_environments, or "default") in the order Batch tries them, with a priority (a whole number; among queues sharing an environment, higher goes first; default 1). The "default" queue always exists and feeds the default environment unless an entry "default" here says otherwise. A flow sends a step to another queue with @batch(queue="<ARN from batch_job_queue_arns>").
  EOT
  type = map(object({
    compute_environments = list(string)
    priority             = optional(number, 1)
  }))
  default  = {}
  nullable = false

  validation {
    condition     = alltrue([for name in keys(var.batch_job_queues) : can(regex("^[a-z0-9][a-z0-9-]{0,23}$", name))])
    error_message = "batch_job_queues names must be 1-24 lowercase letters, digits and hyphens, not starting with a hyphen; invalid: ${jsonencode([for name in keys(var.batch_job_queues) : name if !can(regex("^[a-z0-9][a-z0-9-]{0,23}$", name))])}."
  }

  validation {
    condition     = alltrue([for q in values(var.batch_job_queues) : length(q.compute_environments) >= 1 && length(q.compute_environments) <= 3 && length(distinct(q.compute_environments)) == length(q.compute_environments)])
    error_message = "batch_job_queues compute_environments must name 1 to 3 distinct compute environments (AWS Batch's limit per queue); invalid: ${jsonencode({ for name, q in var.batch_job_queues : name => q.compute_environments if !(length(q.compute_environments) >= 1 && length(q.compute_environments) <= 3 && length(distinct(q.compute_environments)) == length(q.compute_environments)) })}."
  }

  validation {
    condition     = alltrue(flatten([for q in values(var.batch_job_queues) : [for ce in q.compute_environments : ce == "default" || contains(keys(var.compute_environments), ce)]]))
    error_message = "batch_job_queues may name only \"default\" and the compute_environments ${jsonencode(keys(var.compute_environments))}; unknown: ${jsonencode(distinct(flatten([for q in values(var.batch_job_queues) : [for ce in q.compute_environments : ce if ce != "default" && !contains(keys(var.compute_environments), ce)]])))}."
  }

  # Batch refuses a queue over both EC2 (EC2, SPOT) and Fargate environments.
  validation {
    condition = alltrue([
      for q in values(var.batch_job_queues) :
      length(distinct([for ce in q.compute_environments : ce == "default" ? var.batch_type == "fargate" : startswith(try(var.compute_environments[ce].type, ""), "FARGATE")])) <= 1
    ])
    error_message = "batch_job_queues must not mix EC2/SPOT and FARGATE/FARGATE_SPOT compute environments in one queue (AWS Batch refuses it; the default environment is ${var.batch_type == "fargate" ? "Fargate" : "EC2"}); mixed: ${jsonencode([for name, q in var.batch_job_queues : name if length(distinct([for ce in q.compute_environments : ce == "default" ? var.batch_type == "fargate" : startswith(try(var.compute_environments[ce].type, ""), "FARGATE")])) > 1])}."
  }

  validation {
    condition     = alltrue([for q in values(var.batch_job_queues) : floor(q.priority) == q.priority && q.priority >= 0])
    error_message = "batch_job_queues priority must be a whole number of at least 0; invalid: ${jsonencode({ for name, q in var.batch_job_queues : name => q.priority if !(floor(q.priority) == q.priority && q.priority >= 0) })}."
  }
}

variable "default_batch_job_queue" {
  description = "Name of the job queue Metaflow submits @batch steps to unless a step names another (METAFLOW_BATCH_JOB_QUEUE): \"default\" or a key of batch_job_queues."
  type        = string
  default     = "default"
  nullable    = false

  validation {
    condition     = var.default_batch_job_queue == "default" || contains(keys(var.batch_job_queues), var.default_batch_job_queue)
    error_message = "default_batch_job_queue must be \"default\" or one of batch_job_queues ${jsonencode(keys(var.batch_job_queues))}; got \"${var.default_batch_job_queue}\"."
  }
}
