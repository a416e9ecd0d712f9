# The example plans with mock providers; the VPC module the stack builds is
# stood in by the outputs the stack reads from it.

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
  target = module.metaflow.module.vpc
  outputs = {
    vpc_id          = "vpc-0123456789abcdef0"
    private_subnets = ["subnet-0000000000000000a", "subnet-0000000000000000b", "subnet-0000000000000000c"]
    public_subnets  = ["subnet-0000000000000000d", "subnet-0000000000000000e", "subnet-0000000000000000f"]
  }
}

variables {
  ui_certificate_arn = "arn:aws:acm:us-west-2:123456789012:certificate/01234567-89ab-cdef-0123-456789abcdef"
  ui_allow_list      = ["10.0.0.0/8"]
}

run "plans" {
  command = plan

  assert {
    condition     = module.metaflow.vpc_id == "vpc-0123456789abcdef0"
    error_message = "The module must build and use its own VPC."
  }

  assert {
    condition     = module.metaflow.eks_cluster_name == "" && module.metaflow.metaflow_batch_container_image == ""
    error_message = "The AWS-managed example has no cluster and no custom registry."
  }

  assert {
    condition     = join(",", keys(output.metaflow_batch_job_queue_arns)) == "default,spot"
    error_message = "The example must run an on-demand default queue and a Spot queue."
  }

  assert {
    condition     = local_sensitive_file.metaflow_profile.file_permission == "0600"
    error_message = "The profile holds the API key: it must be readable by its owner only."
  }
}
