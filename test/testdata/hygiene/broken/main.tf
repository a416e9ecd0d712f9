module "vpc_unversioned" {
  source = "terraform-aws-modules/vpc/aws"
}

module "vpc_unpinned" {
  source  = "terraform-aws-modules/vpc/aws"
  version = ">= 6.0"
}

module "vpc_pinned" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "6.6.0"
}

resource "random_id" "this" {
  byte_length = 4
}

resource "null_resource" "undeclared_provider" {}

data "aws_region" "current" {}
