variable "access_list_cidr_blocks" {
  description = "IPv4 CIDR blocks allowed to call the metadata service API through API Gateway, usually your VPN ranges. Empty leaves the API open to any caller holding the API key."
  type        = list(string)
  default     = []
}

variable "azs" {
  description = "Availability zones to spread the created VPC's subnets over (at most 3). Empty uses the first three zones of the region. Only used when create_vpc is true."
  type        = list(string)
  default     = []
}

variable "batch_type" {
  description = "Kind of AWS Batch compute environment: \"ec2\" (EC2 instances of compute_environment_instance_types) or \"fargate\"."
  type        = string
  default     = "ec2"
}

variable "compute_environment_desired_vcpus" {
  description = "vCPUs the EC2 Batch compute environment starts with, between the min and max vCPUs (0-16). Ignored for Fargate."
  type        = number
  default     = 8
}

variable "compute_environment_egress_cidr_blocks" {
  description = "IPv4 CIDR blocks the Batch compute environment's security group allows outbound traffic to."
  type        = list(string)
  default     = ["0.0.0.0/0"]
}

variable "compute_environment_instance_types" {
  description = "EC2 instance types the Batch compute environment may launch. Ignored for Fargate."
  type        = list(string)
  default     = ["c5.large", "c5.xlarge", "c5.2xlarge", "c5.4xlarge", "c5.9xlarge"]
}

variable "compute_environment_max_vcpus" {
  description = "Most vCPUs the Batch compute environment scales up to (16-96)."
  type        = number
  default     = 64
}

variable "compute_environment_min_vcpus" {
  description = "Fewest vCPUs the EC2 Batch compute environment keeps running (0-16). Ignored for Fargate."
  type        = number
  default     = 8
}

variable "create_datastore" {
  description = "Create the S3 bucket, KMS keys and PostgreSQL database. Set to false to bring your own: then database_endpoint, database_name, database_username, database_password, metaflow_s3_bucket_arn, metaflow_s3_bucket_kms_key_arn and metaflow_s3_sys_root are required."
  type        = bool
  default     = true
}

variable "create_eks_cluster" {
  description = "Create an EKS cluster (with a default managed node group merged with node_groups) in the module's VPC."
  type        = bool
  default     = false
}

variable "create_managed_compute" {
  description = "Create the AWS Batch compute environment and job queue that run Metaflow steps. Set to false when steps run elsewhere, for example on Kubernetes."
  type        = bool
  default     = true
}

variable "create_managed_metaflow_metadata_service" {
  description = "Run the metadata service on ECS Fargate behind an internal NLB (and API Gateway when enabled). Set to false when it runs elsewhere, for example in EKS."
  type        = bool
  default     = true
}

variable "create_managed_metaflow_ui" {
  description = "Run the Metaflow UI on ECS Fargate behind an HTTPS ALB. Requires ui_certificate_arn."
  type        = bool
  default     = false
}

variable "create_public_subnets_only" {
  description = "With create_vpc, create only public subnets and no NAT gateway: cheaper, but every component then gets a public IP and relies on its security groups alone. Meant for experiments."
  type        = bool
  default     = false
}

variable "create_step_functions" {
  description = "Create the IAM roles and DynamoDB table Metaflow needs to schedule flows on AWS Step Functions."
  type        = bool
  default     = false
}

variable "create_vpc" {
  description = "Create a VPC from vpc_cidr and azs. Set to false to use existing networking: then existing_vpc_id, existing_vpc_cidr_blocks and at least one of existing_private_subnet_ids or existing_public_subnet_ids are required."
  type        = bool
  default     = false
}

variable "database_endpoint" {
  description = "Endpoint (host or host:port) of your own PostgreSQL database. Required when create_datastore is false, ignored otherwise."
  type        = string
  default     = ""
}

variable "database_name" {
  description = "Name of the database the metadata service uses in your own PostgreSQL server. Required when create_datastore is false, ignored otherwise."
  type        = string
  default     = ""
}

variable "database_password" {
  description = "Password of database_username in your own PostgreSQL server; kept in Secrets Manager, never in task definitions or outputs. Required when create_datastore is false, ignored otherwise."
  type        = string
  default     = ""
  sensitive   = true
}

variable "database_username" {
  description = "User the metadata service connects as to your own PostgreSQL server. Required when create_datastore is false, ignored otherwise."
  type        = string
  default     = ""
}

variable "db_engine_version" {
  description = "PostgreSQL engine version of the created database, as a major (\"14\") or major.minor (\"14.12\") version. Only the version: the engine itself (RDS PostgreSQL or Aurora) is chosen by the engine name, not by this value."
  type        = string
  default     = "14"
}

variable "db_instance_type" {
  description = "RDS instance class of the created PostgreSQL database, such as db.t3.small or db.r6g.large."
  type        = string
  default     = "db.t3.small"
}

variable "db_migrate_lambda_zip_file" {
  description = "Path where the zip archive of the database migration Lambda is written when it is built. Null lets the module choose the path."
  type        = string
  default     = null
}

variable "deploy_cluster_autoscaler" {
  description = "Install the Kubernetes cluster autoscaler (Helm chart plus its IAM role) into the EKS cluster."
  type        = bool
  default     = false
}

variable "deploy_metaflow_services_in_eks" {
  description = "Install the metadata service and UI into the EKS cluster with the Metaflow Helm chart instead of ECS. Requires create_eks_cluster."
  type        = bool
  default     = false
}

variable "enable_custom_batch_container_registry" {
  description = "Create an ECR repository for a custom Batch step image and point the Metaflow profile at it."
  type        = bool
  default     = false
}

variable "enable_key_rotation" {
  description = "Turn on yearly automatic rotation of the module's KMS keys."
  type        = bool
  default     = false
}

variable "existing_private_subnet_ids" {
  description = "Ids of private subnets of existing_vpc_id to run the database, Batch, the ECS services and the internal load balancers in. Used when create_vpc is false; when set, components get no public IP. When empty, existing_public_subnet_ids is used instead."
  type        = list(string)
  default     = []
}

variable "existing_public_subnet_ids" {
  description = "Ids of public subnets of existing_vpc_id. Used when create_vpc is false: for a public UI load balancer, and for every component (with public IPs) when existing_private_subnet_ids is empty."
  type        = list(string)
  default     = []
}

variable "existing_vpc_cidr_blocks" {
  description = "IPv4 CIDR blocks of existing_vpc_id, allowed to reach the metadata service and the database. Required when create_vpc is false."
  type        = list(string)
  default     = []
}

variable "existing_vpc_id" {
  description = "Id of the VPC to create every component in. Required when create_vpc is false, ignored otherwise."
  type        = string
  default     = ""
}

variable "extra_ui_backend_env_vars" {
  description = "Environment variables added to (or overriding) the UI backend container's defaults."
  type        = map(string)
  default     = {}
}

variable "extra_ui_static_env_vars" {
  description = "Environment variables added to (or overriding) the UI frontend container's defaults."
  type        = map(string)
  default     = {}
}

variable "force_destroy_s3_bucket" {
  description = "Let terraform destroy delete the S3 bucket even when it still holds objects (they are lost)."
  type        = bool
  default     = true
}

variable "iam_partition" {
  description = "AWS partition used in the ARNs the module builds: \"aws\", \"aws-us-gov\" (GovCloud) or \"aws-cn\" (China)."
  type        = string
  default     = "aws"
}

variable "launch_template_http_endpoint" {
  description = "Whether the instance metadata service is reachable from Batch EC2 instances: \"enabled\" or \"disabled\"."
  type        = string
  default     = "enabled"
}

variable "launch_template_http_put_response_hop_limit" {
  description = "Hop limit of instance metadata PUT responses on Batch EC2 instances, 1-64. Containers need at least 2 to use IMDSv2."
  type        = number
  default     = 2
}

variable "launch_template_http_tokens" {
  description = "Whether Batch EC2 instances require session tokens (IMDSv2) for instance metadata: \"optional\" or \"required\"."
  type        = string
  default     = "optional"
}

variable "metadata_service_container_image" {
  description = "Container image of the metadata service (also the UI backend). Empty uses the module's pinned default."
  type        = string
  default     = ""
}

variable "metadata_service_enable_api_basic_auth" {
  description = "Require an API Gateway API key on the metadata service API; Metaflow clients send it as METAFLOW_SERVICE_AUTH_KEY."
  type        = bool
  default     = true
}

variable "metadata_service_enable_api_gateway" {
  description = "Put an API Gateway in front of the metadata service so clients outside the VPC can reach it; METAFLOW_SERVICE_URL points at it."
  type        = bool
  default     = true
}

variable "metaflow_helm_values" {
  description = "Values merged over the module's own values of the Metaflow Helm chart when deploy_metaflow_services_in_eks is true."
  type        = any
  default     = {}
}

variable "metaflow_s3_bucket_arn" {
  description = "ARN of your own S3 bucket for Metaflow data. Required when create_datastore is false, ignored otherwise."
  type        = string
  default     = ""
}

variable "metaflow_s3_bucket_kms_key_arn" {
  description = "ARN of the KMS key encrypting your own S3 bucket. Required when create_datastore is false, ignored otherwise."
  type        = string
  default     = ""
}

variable "metaflow_s3_sys_root" {
  description = "S3 URL under which Metaflow stores its artifacts in your own bucket, such as s3://my-bucket/metaflow. Required when create_datastore is false, ignored otherwise."
  type        = string
  default     = ""
}

variable "metaflow_ui_is_public" {
  description = "Put the UI load balancer in public subnets with a public DNS name (still limited to ui_allow_list). False keeps it internal."
  type        = bool
  default     = false
}

variable "node_group_defaults" {
  description = "Settings merged into every EKS managed node group, passed through to the EKS registry module's node group inputs."
  type        = any
  default     = {}
}

variable "node_group_iam_role_additional_policies" {
  description = "Extra IAM policies (map of any key to policy ARN) attached to the EKS node group role."
  type        = map(string)
  default     = {}
}

variable "node_groups" {
  description = "EKS managed node groups, keyed by name, merged over the module's default group and passed through to the EKS registry module."
  type        = any
  default     = {}
}

variable "private_subnet_tags" {
  description = "Tags added to the private subnets of the created VPC."
  type        = map(string)
  default     = {}
}

variable "public_subnet_tags" {
  description = "Tags added to the public subnets of the created VPC."
  type        = map(string)
  default     = {}
}

variable "resource_prefix" {
  description = "Start of every resource name: a lowercase letter, then lowercase letters, digits and hyphens, at most 32 characters. Empty generates \"metaflow-\" plus 5 random characters."
  type        = string
  default     = ""
}

variable "resource_suffix" {
  description = "End of every resource name, joined with a hyphen: lowercase letters, digits and hyphens, at most 16 characters. Empty for none."
  type        = string
  default     = ""
}

variable "tags" {
  description = "Tags applied to every resource the module creates. Keys must not start with \"aws:\" (reserved by AWS)."
  type        = map(string)
}

variable "ui_allow_list" {
  description = "IPv4 CIDR blocks allowed to reach the UI load balancer on HTTPS, usually your VPN ranges."
  type        = list(string)
  default     = []
}

variable "ui_certificate_arn" {
  description = "ARN of the ACM certificate the UI load balancer's HTTPS listener serves. Required when create_managed_metaflow_ui is true."
  type        = string
  default     = ""
}

variable "ui_static_container_image" {
  description = "Container image of the UI frontend. Empty uses the module's pinned default."
  type        = string
  default     = ""
}

variable "vpc_cidr" {
  description = "IPv4 CIDR block of the created VPC, /16 to /24: it is split into /+4 subnets (three private, three public). Only used when create_vpc is true."
  type        = string
  default     = "10.0.0.0/16"
}
