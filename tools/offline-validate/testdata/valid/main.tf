variable "name" {
  type    = string
  default = "fixture"
}

data "aws_availability_zones" "available" {
  state = "available"
}

data "aws_iam_policy_document" "assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["batch.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "this" {
  name               = var.name
  assume_role_policy = data.aws_iam_policy_document.assume.json
}

resource "aws_s3_bucket" "this" {
  bucket        = module.child.upper_name
  force_destroy = true
}

resource "aws_batch_compute_environment" "this" {
  name         = var.name
  type         = "MANAGED"
  service_role = aws_iam_role.this.arn

  compute_resources {
    type               = "FARGATE"
    max_vcpus          = 16
    subnets            = module.vpc.private_subnets
    security_group_ids = [module.vpc.default_security_group_id]
  }
}

module "child" {
  source = "./modules/child"
  name   = var.name
}

module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "6.6.0"

  name            = var.name
  cidr            = "10.0.0.0/16"
  azs             = slice(data.aws_availability_zones.available.names, 0, 2)
  private_subnets = ["10.0.1.0/24", "10.0.2.0/24"]
}

output "bucket_arn" {
  value = aws_s3_bucket.this.arn
}
