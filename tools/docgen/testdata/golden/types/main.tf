/**
 * # types
 *
 * Header read from main.tf: *markdown*, `code`, a | pipe and <b>html</b>.
 *
 * Second paragraph.
 */

terraform {
  required_version = ">= 1.10"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 6.28, < 7.0"
    }
    random = {
      source  = "hashicorp/random"
      version = "~> 3.7"
    }
  }
}

provider "aws" {
  alias  = "replica"
  region = "us-west-2"
}

resource "random_id" "this" {
  byte_length = 4
}

# The bucket everything lands in.
resource "aws_s3_bucket" "this" {
  bucket = "types-${random_id.this.hex}"
}

resource "aws_s3_bucket" "replica" {
  provider = aws.replica
  bucket   = "types-replica-${random_id.this.hex}"
}

data "aws_caller_identity" "current" {}

# terraform-docs-ignore
data "aws_partition" "current" {}

module "registry" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "6.6.0"
}

module "git" {
  source = "git::https://example.com/network.git?ref=v1.2.3"
}

# A local module.
module "local" {
  source = "./nested"
}
