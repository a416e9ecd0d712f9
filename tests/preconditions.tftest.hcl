# Rules the root checks in preconditions rather than in variable validations
# (those are held to their messages by test/offline's TestValidation): each
# run breaks one and expects exactly that precondition to fail.

mock_provider "aws" {
  mock_data "aws_caller_identity" {
    defaults = {
      account_id = "123456789012"
    }
  }

  mock_data "aws_region" {
    defaults = {
      region = "eu-west-1"
    }
  }
}

mock_provider "archive" {}
mock_provider "random" {}
mock_provider "helm" {}
mock_provider "kubernetes" {}

override_module {
  target = module.vpc
  outputs = {
    vpc_id          = "vpc-0123456789abcdef0"
    private_subnets = ["subnet-0000000000000000a", "subnet-0000000000000000b"]
    public_subnets  = ["subnet-0000000000000000d", "subnet-0000000000000000e"]
  }
}

variables {
  resource_prefix             = "mf"
  tags                        = {}
  existing_vpc_id             = "vpc-0fedcba9876543210"
  existing_vpc_cidr_blocks    = ["10.20.0.0/16"]
  existing_private_subnet_ids = ["subnet-01111111111111111", "subnet-02222222222222222"]
}

# A validation error would print the password (Terraform shows the
# variable's value there, sensitive or not).
run "own_database_password_without_slash" {
  command = plan

  variables {
    create_datastore               = false
    database_endpoint              = "metaflow-db.example.internal"
    database_name                  = "metaflow"
    database_username              = "metaflow"
    database_password              = "Not/A-Real-Passw0rd"
    metaflow_s3_bucket_arn         = "arn:aws:s3:::my-metaflow-bucket"
    metaflow_s3_bucket_kms_key_arn = "arn:aws:kms:eu-west-1:123456789012:key/01234567-89ab-cdef-0123-456789abcdef"
    metaflow_s3_sys_root           = "s3://my-metaflow-bucket/metaflow"
  }

  expect_failures = [aws_secretsmanager_secret_version.byo_database_password]
}

run "ui_hostname_needs_the_ui" {
  command = plan

  variables {
    ui_hostname = "metaflow.example.com"
  }

  expect_failures = [output.metaflow_ui_url]
}

