# Every role, instance profile and EKS input fed from modules/common: the
# guard-rail check finds nothing here (TestStaticChecksFailOnBrokenFixtures).
module "common" {
  source = "./modules/common"

  iam_path                 = var.iam_path
  iam_permissions_boundary = var.iam_permissions_boundary
}

locals {
  path = module.common.iam_path

  node_group_rails = {
    for key, value in {
      iam_role_path                 = local.path
      iam_role_permissions_boundary = module.common.iam_permissions_boundary
    } : key => value if value != null && value != "/"
  }
  node_groups = { for name, group in var.node_groups : name => merge(group, local.node_group_rails) }
}

resource "aws_iam_role" "this" {
  count = var.create ? 1 : 0

  name                 = "ok"
  assume_role_policy   = "{}"
  path                 = local.path
  permissions_boundary = (module.common.iam_permissions_boundary)
}

resource "aws_iam_instance_profile" "this" {
  count = var.create ? 1 : 0

  name = "ok"
  role = aws_iam_role.this[0].name
  path = module.common.iam_path
}

module "eks" {
  source  = "terraform-aws-modules/eks/aws"
  version = "21.19.0"

  iam_role_path                      = module.common.iam_path
  iam_role_permissions_boundary      = module.common.iam_permissions_boundary
  node_iam_role_path                 = module.common.iam_path
  node_iam_role_permissions_boundary = module.common.iam_permissions_boundary
  encryption_policy_path             = local.path

  eks_managed_node_groups = local.node_groups
}

module "child" {
  source = "./modules/child"

  iam_path                 = module.common.iam_path
  iam_permissions_boundary = module.common.iam_permissions_boundary
}
