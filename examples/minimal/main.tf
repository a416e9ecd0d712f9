data "aws_availability_zones" "available" {
  state = "available"
}

# Networking of your own (here from terraform-aws-modules/vpc), handed to the
# Metaflow module as existing networking.
module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "6.6.0"

  name = "${var.resource_prefix}-vpc"
  cidr = "10.10.0.0/16"

  azs             = slice(data.aws_availability_zones.available.names, 0, 2)
  private_subnets = ["10.10.0.0/20", "10.10.16.0/20"]
  public_subnets  = ["10.10.128.0/20", "10.10.144.0/20"]

  enable_nat_gateway   = true
  single_nat_gateway   = true
  enable_dns_hostnames = true
}

# S3 + PostgreSQL, AWS Batch and the metadata service on ECS behind API
# Gateway; no UI.
module "metaflow" {
  source = "../.."

  resource_prefix = var.resource_prefix
  resource_suffix = var.resource_suffix

  existing_vpc_id             = module.vpc.vpc_id
  existing_vpc_cidr_blocks    = [module.vpc.vpc_cidr_block]
  existing_private_subnet_ids = module.vpc.private_subnets
  existing_public_subnet_ids  = module.vpc.public_subnets

  # Batch instances accept only IMDSv2 (the contract's default is "optional").
  launch_template_http_tokens = "required"

  tags = {
    managedBy = "terraform"
  }
}

# The complete Metaflow profile, API key included, for
# `cp metaflow_profile.json ~/.metaflow/config_NAME.json`.
resource "local_sensitive_file" "metaflow_profile" {
  content         = module.metaflow.metaflow_profile_with_auth_key_json
  filename        = "${path.module}/metaflow_profile.json"
  file_permission = "0600"
}
