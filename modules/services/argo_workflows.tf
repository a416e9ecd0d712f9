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
        # its permissions are in rbac.tf.
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

# The server's load balancer host name, known once the chart has made it.
data "kubernetes_service_v1" "argo_server" {
  count = local.deploy_argo_workflows && local.expose ? 1 : 0

  metadata {
    name      = local.argo_workflows_server_service
    namespace = local.namespace
  }

  depends_on = [helm_release.argo_workflows]
}
