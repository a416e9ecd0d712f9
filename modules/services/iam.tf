locals {
  # The OIDC issuer (host/path) the provider ARN ends with: the prefix of the
  # condition keys IRSA tokens are checked against.
  oidc_issuer = replace(var.cluster_oidc_provider_arn, "/^arn:[^:]+:iam::[0-9]+:oidc-provider\\//", "")
}

# Only the autoscaler's own service account, through the cluster's OIDC
# provider, can assume this role: no service principal is trusted.
data "aws_iam_policy_document" "cluster_autoscaler_assume" {
  count = var.deploy_cluster_autoscaler ? 1 : 0

  statement {
    sid     = "AutoscalerServiceAccount"
    effect  = "Allow"
    actions = ["sts:AssumeRoleWithWebIdentity"]

    principals {
      type        = "Federated"
      identifiers = [var.cluster_oidc_provider_arn]
    }

    condition {
      test     = "StringEquals"
      variable = "${local.oidc_issuer}:sub"
      values   = ["system:serviceaccount:${local.autoscaler_namespace}:${local.autoscaler_service_account}"]
    }

    condition {
      test     = "StringEquals"
      variable = "${local.oidc_issuer}:aud"
      values   = ["sts.amazonaws.com"]
    }
  }
}

data "aws_iam_policy_document" "cluster_autoscaler" {
  count = var.deploy_cluster_autoscaler ? 1 : 0

  # Discovery calls (Describe* of Auto Scaling and EC2) take no
  # resource-level permissions.
  statement {
    sid    = "Discover"
    effect = "Allow"
    actions = [
      "autoscaling:DescribeAutoScalingGroups",
      "autoscaling:DescribeAutoScalingInstances",
      "autoscaling:DescribeLaunchConfigurations",
      "autoscaling:DescribeScalingActivities",
      "autoscaling:DescribeTags",
      "ec2:DescribeImages",
      "ec2:DescribeInstanceTypes",
      "ec2:DescribeLaunchTemplateVersions",
      "ec2:GetInstanceTypesFromInstanceRequirements",
    ]
    resources = ["*"]
  }

  statement {
    sid       = "DescribeNodegroups"
    effect    = "Allow"
    actions   = ["eks:DescribeNodegroup"]
    resources = ["arn:${var.iam_partition}:eks:${var.region}:${data.aws_caller_identity.current.account_id}:nodegroup/${var.cluster_name}/*/*"]
  }

  # Scaling is limited by tag conditions to the groups tagged as this
  # cluster's (EKS managed node groups carry these tags).
  statement {
    sid    = "ScaleOwnGroups"
    effect = "Allow"
    actions = [
      "autoscaling:SetDesiredCapacity",
      "autoscaling:TerminateInstanceInAutoScalingGroup",
    ]
    resources = ["*"]

    condition {
      test     = "StringEquals"
      variable = "aws:ResourceTag/k8s.io/cluster-autoscaler/${var.cluster_name}"
      values   = ["owned"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:ResourceTag/k8s.io/cluster-autoscaler/enabled"
      values   = ["true"]
    }
  }
}

data "aws_caller_identity" "current" {}

resource "aws_iam_role" "cluster_autoscaler" {
  count = var.deploy_cluster_autoscaler ? 1 : 0

  name               = local.names.services_cluster_autoscaler_role
  description        = "Cluster autoscaler of EKS cluster ${var.cluster_name}, assumable only by its service account"
  assume_role_policy = data.aws_iam_policy_document.cluster_autoscaler_assume[0].json

  path                 = module.common.iam_path
  permissions_boundary = module.common.iam_permissions_boundary

  tags = var.tags
}

resource "aws_iam_role_policy" "cluster_autoscaler" {
  count = var.deploy_cluster_autoscaler ? 1 : 0

  name   = "cluster-autoscaler"
  role   = aws_iam_role.cluster_autoscaler[0].id
  policy = data.aws_iam_policy_document.cluster_autoscaler[0].json
}
