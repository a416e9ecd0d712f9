################################################################################
# Argo Workflows: where `python flow.py argo-workflows create` deploys flows
################################################################################

locals {
  deploy_argo_workflows = var.deploy_argo_workflows && local.create_namespace

  # Published by the Argo project's chart-releaser (GitHub release and tag
  # argo-workflows-0.45.22 of argoproj/argo-helm; Argo Workflows 3.6).
  argo_repository               = "https://argoproj.github.io/argo-helm"
  argo_workflows_chart          = "argo-workflows"
  argo_workflows_version        = "0.45.22"
  argo_workflows_fullname       = "argo-workflows"
  argo_workflows_server_service = "${local.argo_workflows_fullname}-server"

  argo_workflows_values = merge(
    {
      fullnameOverride = local.argo_workflows_fullname
      # The controller and server watch only this namespace (Roles, not
      # ClusterRoles), where Metaflow creates its workflow templates.
      singleNamespace = true
      workflow = {
        # Metaflow names the service account of its pods (the task one);
        # its permissions are the Role below.
        serviceAccount = { create = false }
        rbac           = { create = false }
      }
    },
    # The server keeps its default auth mode (client: a Kubernetes token).
    { for k, v in {
      server = {
        serviceType              = "LoadBalancer"
        serviceAnnotations       = local.internal_nlb_annotations
        loadBalancerSourceRanges = var.load_balancer_source_cidr_blocks
      }
    } : k => v if local.expose },
  )
}

resource "helm_release" "argo_workflows" {
  count = local.deploy_argo_workflows ? 1 : 0

  name       = "argo-workflows"
  namespace  = local.namespace
  repository = local.argo_repository
  chart      = local.argo_workflows_chart
  version    = local.argo_workflows_version

  values = [yamlencode(local.argo_workflows_values)]
}

# What Metaflow's workflow pods do as the task service account: the Argo
# executor reports results (workflowtaskresults) and watches its pod; steps
# may start pods of their own and read the namespace's secrets
# (METAFLOW_KUBERNETES_SECRETS). S3 is the task role's, through IRSA.
resource "kubernetes_role_v1" "argo_workflow" {
  count = local.deploy_argo_workflows ? 1 : 0

  metadata {
    name      = "metaflow-argo-workflow"
    namespace = local.namespace
  }

  rule {
    api_groups = ["argoproj.io"]
    resources  = ["workflowtaskresults"]
    verbs      = ["create", "patch"]
  }

  rule {
    api_groups = [""]
    resources  = ["pods"]
    verbs      = ["get", "list", "watch", "create", "patch", "delete"]
  }

  rule {
    api_groups = [""]
    resources  = ["pods/log"]
    verbs      = ["get", "watch"]
  }

  rule {
    api_groups = [""]
    resources  = ["secrets"]
    verbs      = ["get"]
  }
}

resource "kubernetes_role_binding_v1" "argo_workflow" {
  count = local.deploy_argo_workflows ? 1 : 0

  metadata {
    name      = "metaflow-argo-workflow"
    namespace = local.namespace
  }

  role_ref {
    api_group = "rbac.authorization.k8s.io"
    kind      = "Role"
    name      = kubernetes_role_v1.argo_workflow[0].metadata[0].name
  }

  subject {
    kind      = "ServiceAccount"
    name      = var.task_service_account_name
    namespace = local.namespace
  }
}

# The server's load balancer host name, known once the chart has made it.
data "kubernetes_service_v1" "argo_server" {
  count = local.deploy_argo_workflows && local.expose ? 1 : 0

  metadata {
    name      = local.argo_workflows_server_service
    namespace = local.namespace
  }

  depends_on = [helm_release.argo_workflows]
}
