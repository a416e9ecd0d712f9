locals {
  # Kept with the cluster autoscaler chart pinned in modules/services, whose
  # autoscaler minor version must match the cluster's.
  eks_kubernetes_version = "1.33"

  # The module's default node group; node_groups may add groups or override
  # it by using the key "default", and node_group_defaults applies to all.
  eks_default_node_groups = {
    default = {
      instance_types = ["m5.large"]
      min_size       = 1
      max_size       = 2
      desired_size   = 1
    }
  }

  # The IAM guard rails, when the caller sets them, win over any node group's
  # own iam_role_path and iam_role_permissions_boundary, so no node role
  # escapes them; at their defaults ("/", null) a group keeps what it says.
  eks_node_group_iam = {
    for key, value in {
      iam_role_path                 = module.common.iam_path
      iam_role_permissions_boundary = module.common.iam_permissions_boundary
    } : key => value if value != null && value != "/"
  }

  eks_node_groups = {
    for name, group in merge(local.eks_default_node_groups, var.node_groups) :
    name => merge(
      {
        subnet_ids = local.subnet_ids.eks
        # Nodes get only what the EKS module attaches (worker, CNI, ECR
        # read-only) plus the caller's policies: no S3 or KMS. Metaflow pods
        # reach the bucket through the task role (IRSA), not the node role.
        iam_role_additional_policies = var.node_group_iam_role_additional_policies
        metadata_options = {
          http_endpoint               = "enabled"
          http_tokens                 = "required"
          http_put_response_hop_limit = 1
        }
      },
      var.node_group_defaults,
      group,
      local.eks_node_group_iam,
    )
  }

  eks_cluster_name       = var.create_eks_cluster ? module.eks[0].cluster_name : ""
  eks_cluster_endpoint   = var.create_eks_cluster ? module.eks[0].cluster_endpoint : ""
  eks_oidc_provider_arn  = var.create_eks_cluster ? module.eks[0].oidc_provider_arn : ""
  eks_cluster_ca_encoded = var.create_eks_cluster ? module.eks[0].cluster_certificate_authority_data : ""
}

module "eks" {
  source  = "terraform-aws-modules/eks/aws"
  version = "21.19.0"
  count   = var.create_eks_cluster ? 1 : 0

  name               = local.names.root_eks_cluster
  kubernetes_version = local.eks_kubernetes_version

  vpc_id     = local.vpc_id
  subnet_ids = local.subnet_ids.eks

  # Reachable from the caller's machine (Helm and kubectl) and from the nodes.
  endpoint_public_access  = true
  endpoint_private_access = true

  # The IAM guard rails on the cluster role, the Auto Mode node role (not
  # created: the cluster has no compute_config) and the cluster's encryption
  # policy; the node groups' roles get them in local.eks_node_groups.
  iam_role_path                      = module.common.iam_path
  iam_role_permissions_boundary      = module.common.iam_permissions_boundary
  node_iam_role_path                 = module.common.iam_path
  node_iam_role_permissions_boundary = module.common.iam_permissions_boundary
  encryption_policy_path             = module.common.iam_path

  # IRSA: the cluster autoscaler and Metaflow's pods get IAM roles bound to
  # their service accounts.
  enable_irsa = true

  # Whoever applies this can administer the cluster (and install the charts).
  enable_cluster_creator_admin_permissions = true

  addons = {
    coredns    = {}
    kube-proxy = {}
    vpc-cni = {
      before_compute = true
    }
  }

  # Node groups keep the module's launch template, which puts these tags on
  # the instances, volumes and network interfaces too.
  eks_managed_node_groups = local.eks_node_groups

  # The cluster's secrets-encryption key follows the module's other keys.
  kms_key_deletion_window_in_days = var.kms_deletion_window_in_days

  # The control-plane log group keeps logs as long as the module's others.
  cloudwatch_log_group_retention_in_days = local.log_retention_in_days

  tags = var.tags
}

# A short-lived token for the cluster, made locally from the caller's AWS
# credentials; no aws CLI needed.
data "aws_eks_cluster_auth" "this" {
  count = var.create_eks_cluster ? 1 : 0

  name = local.eks_cluster_name
}

# helm and kubernetes point at the module's cluster. Without one they are
# configured with nulls, which is valid as long as nothing uses them: every
# Kubernetes object in modules/services is counted off then.
provider "kubernetes" {
  host                   = var.create_eks_cluster ? local.eks_cluster_endpoint : null
  cluster_ca_certificate = var.create_eks_cluster ? base64decode(local.eks_cluster_ca_encoded) : null
  token                  = one(data.aws_eks_cluster_auth.this[*].token)
}

provider "helm" {
  kubernetes = {
    host                   = var.create_eks_cluster ? local.eks_cluster_endpoint : null
    cluster_ca_certificate = var.create_eks_cluster ? base64decode(local.eks_cluster_ca_encoded) : null
    token                  = one(data.aws_eks_cluster_auth.this[*].token)
  }
}

module "services" {
  source = "./modules/services"

  resource_prefix = local.resource_prefix
  resource_suffix = var.resource_suffix
  tags            = var.tags
  iam_partition   = var.iam_partition

  iam_path                 = module.common.iam_path
  iam_permissions_boundary = module.common.iam_permissions_boundary

  create_namespace          = var.create_eks_cluster
  deploy_metaflow_services  = local.deploy_services
  deploy_cluster_autoscaler = local.deploy_autoscaler

  region                    = local.region
  cluster_name              = local.eks_cluster_name
  cluster_oidc_provider_arn = local.eks_oidc_provider_arn

  kubernetes_namespace      = local.kubernetes_namespace
  task_service_account_name = local.kubernetes_task_service_account
  ui_service_account_name   = local.kubernetes_ui_service_account
  metaflow_task_role_arn    = aws_iam_role.metaflow_task.arn

  database_host                = local.database_host
  database_port                = local.database_port
  database_name                = local.database_name
  database_username            = local.database_user
  database_password_secret_arn = local.db_secret_arn
  database_ssl_mode            = module.common.database_ssl_mode
  datastore_sysroot_s3         = local.sysroot_s3

  deploy_argo_workflows = local.deploy_services && var.deploy_argo_workflows
  deploy_argo_events    = local.deploy_services && var.deploy_argo_events

  # Internal load balancers admit the VPC (pods, nodes, bastions) and the
  # caller's ranges (VPN), never any address.
  expose_services                  = var.expose_metaflow_services_in_eks
  load_balancer_source_cidr_blocks = distinct(concat(local.vpc_cidr_blocks, var.access_list_cidr_blocks))

  metadata_service_container_image = var.metadata_service_container_image
  ui_static_container_image        = var.ui_static_container_image
  metaflow_helm_values             = var.metaflow_helm_values

  # The charts' pods need a reachable database, and the password secret must
  # have its value before modules/services reads it.
  depends_on = [module.datastore, aws_secretsmanager_secret_version.byo_database_password]
}
