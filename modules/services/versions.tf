# No provider configuration here: the caller configures helm and kubernetes
# for its cluster and this module inherits them, so it can be switched off
# with its enable flags without a provider block depending on a cluster that
# may not exist.
terraform {
  required_version = ">= 1.10"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 6.28, < 7.0"
    }
    helm = {
      source  = "hashicorp/helm"
      version = "~> 3.0"
    }
    kubernetes = {
      source  = "hashicorp/kubernetes"
      version = "~> 2.38"
    }
  }
}
