################################################################################
# Metaflow task role: what Metaflow steps run as, on AWS Batch (ECS tasks)
# and, with an EKS cluster, as pods through IRSA. Always created, since its
# ARN is the profile's METAFLOW_ECS_S3_ACCESS_IAM_ROLE.
################################################################################

data "aws_iam_policy_document" "metaflow_task_assume" {
  statement {
    sid     = "BatchJobs"
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
  }

  # Only Metaflow's step pods and the UI backend, in the Metaflow namespace
  # of this stack's cluster, may assume the role through the cluster's OIDC
  # provider.
  dynamic "statement" {
    for_each = var.create_eks_cluster ? [1] : []

    content {
      sid     = "KubernetesServiceAccounts"
      effect  = "Allow"
      actions = ["sts:AssumeRoleWithWebIdentity"]

      principals {
        type        = "Federated"
        identifiers = [local.eks_oidc_provider_arn]
      }

      condition {
        test     = "StringEquals"
        variable = "${module.eks[0].oidc_provider}:sub"
        values   = [for sa in local.kubernetes_service_accounts : "system:serviceaccount:${local.kubernetes_namespace}:${sa}"]
      }

      condition {
        test     = "StringEquals"
        variable = "${module.eks[0].oidc_provider}:aud"
        values   = ["sts.amazonaws.com"]
      }
    }
  }
}

data "aws_iam_policy_document" "metaflow_task" {
  # Steps of flows scheduled on Step Functions record foreach state in its
  # table: the policy modules/step-functions gives for that.
  source_policy_documents = module.step_functions[*].metaflow_step_functions_dynamodb_policy

  statement {
    sid       = "ListBucket"
    effect    = "Allow"
    actions   = ["s3:ListBucket"]
    resources = [local.s3_bucket_arn]
  }

  statement {
    sid    = "ReadWriteObjects"
    effect = "Allow"
    actions = [
      "s3:DeleteObject",
      "s3:GetObject",
      "s3:PutObject",
    ]
    resources = ["${local.s3_bucket_arn}/*"]
  }

  # Artifacts are only read and written with signed headers: a presigned URL
  # made from these credentials would hand bucket access to anyone holding it.
  statement {
    sid       = "DenyPresignedUrls"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [local.s3_bucket_arn, "${local.s3_bucket_arn}/*"]

    condition {
      test     = "StringNotEquals"
      variable = "s3:authType"
      values   = ["REST-HEADER"]
    }
  }

  statement {
    sid    = "UseBucketKey"
    effect = "Allow"
    actions = [
      "kms:Decrypt",
      "kms:Encrypt",
      "kms:GenerateDataKey",
    ]
    resources = [local.s3_kms_key_arn]
  }

}

resource "aws_iam_role" "metaflow_task" {
  name               = local.names.root_metaflow_task_role
  description        = "Role Metaflow steps run as: read and write of this stack's datastore bucket"
  assume_role_policy = data.aws_iam_policy_document.metaflow_task_assume.json

  path                 = module.common.iam_path
  permissions_boundary = module.common.iam_permissions_boundary

  tags = var.tags
}

resource "aws_iam_role_policy" "metaflow_task" {
  name   = "metaflow-datastore"
  role   = aws_iam_role.metaflow_task.id
  policy = data.aws_iam_policy_document.metaflow_task.json
}
