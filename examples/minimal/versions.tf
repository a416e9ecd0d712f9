terraform {
  required_version = ">= 1.10"

  # Every provider the stack uses, pinned here so `terraform init` of the
  # example records them all in its lock file and the example's tests can
  # mock them (mock_provider only reaches providers the root declares).
  required_providers {
    # tflint-ignore: terraform_unused_required_providers # declared so the lock file and the tests reach it
    archive = {
      source  = "hashicorp/archive"
      version = "~> 2.7"
    }
    aws = {
      source  = "hashicorp/aws"
      version = ">= 6.28, < 7.0"
    }
    # tflint-ignore: terraform_unused_required_providers # declared so the lock file and the tests reach it
    helm = {
      source  = "hashicorp/helm"
      version = "~> 3.0"
    }
    # tflint-ignore: terraform_unused_required_providers # declared so the lock file and the tests reach it
    kubernetes = {
      source  = "hashicorp/kubernetes"
      version = "~> 2.38"
    }
    local = {
      source  = "hashicorp/local"
      version = "~> 2.5"
    }
    # tflint-ignore: terraform_unused_required_providers # declared so the lock file and the tests reach it
    random = {
      source  = "hashicorp/random"
      version = "~> 3.7"
    }
  }
}

provider "aws" {
  region = var.region
}
