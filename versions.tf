terraform {
  required_version = ">= 1.10"

  required_providers {
    # Used by modules/metadata-service (the migration Lambda's zip); declared
    # here too so terraform test's mock_provider reaches that module.
    # tflint-ignore: terraform_unused_required_providers # modules/metadata-service uses it (see above)
    archive = {
      source  = "hashicorp/archive"
      version = "~> 2.7"
    }
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
    random = {
      source  = "hashicorp/random"
      version = "~> 3.7"
    }
  }
}
