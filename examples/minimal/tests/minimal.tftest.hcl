# The example plans with mock providers: the networking it builds feeds the
# module, and the profile file gets the complete profile.

mock_provider "aws" {
  mock_data "aws_availability_zones" {
    defaults = {
      names = ["us-west-2a", "us-west-2b", "us-west-2c"]
    }
  }

  mock_data "aws_caller_identity" {
    defaults = {
      account_id = "123456789012"
    }
  }

  mock_data "aws_region" {
    defaults = {
      region = "us-west-2"
    }
  }
}

mock_provider "archive" {}
mock_provider "helm" {}
mock_provider "kubernetes" {}
mock_provider "local" {}
mock_provider "random" {}

override_module {
  target = module.vpc
  outputs = {
    vpc_id          = "vpc-0123456789abcdef0"
    vpc_cidr_block  = "10.10.0.0/16"
    private_subnets = ["subnet-0000000000000000a", "subnet-0000000000000000b"]
    public_subnets  = ["subnet-0000000000000000d", "subnet-0000000000000000e"]
  }
}

run "plans" {
  command = plan

  assert {
    condition     = module.metaflow.vpc_id == "vpc-0123456789abcdef0"
    error_message = "The example's VPC must be handed to the module."
  }

  assert {
    condition     = module.metaflow.resource_prefix == "metaflow" && module.metaflow.ui_alb_arn == ""
    error_message = "The minimal stack uses the given prefix and has no UI."
  }

  assert {
    condition     = local_sensitive_file.metaflow_profile.file_permission == "0600"
    error_message = "The profile holds the API key: it must be readable by its owner only."
  }
}
