# Broken on purpose: each problem below is asserted by TestStaticChecksFailOnBrokenFixtures.
module "common" {
  source   = "./modules/common"
  iam_path = "/fixed/"
}

locals {
  path       = module.common.iam_path
  not_a_path = var.create ? local.path : "/"
}

resource "aws_iam_role" "no_rails" {
  name               = "no-rails"
  assume_role_policy = "{}"
}

resource "aws_iam_role" "escapes" {
  name                 = "escapes"
  assume_role_policy   = "{}"
  path                 = local.not_a_path
  permissions_boundary = var.iam_permissions_boundary
}

resource "aws_iam_role" "fed" {
  name                 = "fed"
  assume_role_policy   = "{}"
  path                 = local.path
  permissions_boundary = module.common.iam_permissions_boundary
}

resource "aws_iam_instance_profile" "no_path" {
  name = "no-path"
  role = aws_iam_role.fed.name
}

module "eks" {
  source  = "terraform-aws-modules/eks/aws"
  version = "21.19.0"

  iam_role_path                      = module.common.iam_path
  iam_role_permissions_boundary      = "arn:aws:iam::123456789012:policy/Other"
  node_iam_role_path                 = local.path
  node_iam_role_permissions_boundary = module.common.iam_permissions_boundary

  eks_managed_node_groups = { default = { iam_role_path = local.path } }
}

module "child" {
  source = "./modules/child"

  iam_path = var.iam_path
}
