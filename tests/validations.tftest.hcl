# The cross-input rules: each run breaks one and expects exactly that
# variable's validation to fail.

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

run "step_functions_need_managed_compute" {
  command = plan

  variables {
    create_step_functions  = true
    create_managed_compute = false
  }

  expect_failures = [var.create_step_functions]
}

run "services_in_eks_need_a_cluster" {
  command = plan

  variables {
    deploy_metaflow_services_in_eks = true
  }

  expect_failures = [var.deploy_metaflow_services_in_eks]
}

run "cluster_autoscaler_needs_a_cluster" {
  command = plan

  variables {
    deploy_cluster_autoscaler = true
  }

  expect_failures = [var.deploy_cluster_autoscaler]
}

run "ui_needs_a_certificate" {
  command = plan

  variables {
    create_managed_metaflow_ui = true
    ui_allow_list              = ["10.0.0.0/8"]
  }

  expect_failures = [var.ui_certificate_arn]
}

run "public_ui_needs_public_subnets" {
  command = plan

  variables {
    create_managed_metaflow_ui = true
    ui_allow_list              = ["10.0.0.0/8"]
    metaflow_ui_is_public      = true
    ui_certificate_arn         = "arn:aws:acm:eu-west-1:123456789012:certificate/01234567-89ab-cdef-0123-456789abcdef"
  }

  expect_failures = [var.metaflow_ui_is_public]
}

run "existing_networking_needs_subnets" {
  command = plan

  variables {
    existing_private_subnet_ids = []
  }

  expect_failures = [var.existing_private_subnet_ids]
}

run "existing_networking_needs_vpc_cidrs" {
  command = plan

  variables {
    existing_vpc_cidr_blocks = []
  }

  expect_failures = [var.existing_vpc_cidr_blocks]
}

run "existing_networking_needs_a_vpc_id" {
  command = plan

  variables {
    existing_vpc_id = ""
  }

  expect_failures = [var.existing_vpc_id]
}

run "own_database_needs_a_password" {
  command = plan

  variables {
    create_datastore               = false
    database_endpoint              = "metaflow-db.example.internal"
    database_name                  = "metaflow"
    database_username              = "metaflow"
    metaflow_s3_bucket_arn         = "arn:aws:s3:::my-metaflow-bucket"
    metaflow_s3_bucket_kms_key_arn = "arn:aws:kms:eu-west-1:123456789012:key/01234567-89ab-cdef-0123-456789abcdef"
    metaflow_s3_sys_root           = "s3://my-metaflow-bucket/metaflow"
  }

  expect_failures = [var.database_password]
}

# A precondition, not a validation: a validation error would print the
# password (Terraform shows the variable's value there, sensitive or not).
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

run "own_datastore_needs_a_bucket" {
  command = plan

  variables {
    create_datastore  = false
    database_endpoint = "metaflow-db.example.internal"
    database_name     = "metaflow"
    database_username = "metaflow"
    database_password = "not-a-real-password"
  }

  # metaflow_s3_sys_root is checked against the bucket ARN, so with the ARN
  # itself invalid its rule is not evaluated.
  expect_failures = [
    var.metaflow_s3_bucket_arn,
    var.metaflow_s3_bucket_kms_key_arn,
  ]
}

run "own_datastore_sys_root_must_be_in_the_bucket" {
  command = plan

  variables {
    create_datastore               = false
    database_endpoint              = "metaflow-db.example.internal"
    database_name                  = "metaflow"
    database_username              = "metaflow"
    database_password              = "not-a-real-password"
    metaflow_s3_bucket_arn         = "arn:aws:s3:::my-metaflow-bucket"
    metaflow_s3_bucket_kms_key_arn = "arn:aws:kms:eu-west-1:123456789012:key/01234567-89ab-cdef-0123-456789abcdef"
    metaflow_s3_sys_root           = "s3://another-bucket/metaflow"
  }

  expect_failures = [var.metaflow_s3_sys_root]
}
