################################################################################
# Kubernetes permissions of Metaflow's pods under Argo
################################################################################

locals {
  # Each role is bound to one service account of the namespace; no rule has a
  # wildcard.
  argo_roles = merge(
    local.deploy_argo_workflows ? {
      # Metaflow's workflow pods, as the task service account: the Argo
      # executor reports results (workflowtaskresults) and watches its pod;
      # steps may start pods of their own and read the namespace's secrets
      # (METAFLOW_KUBERNETES_SECRETS). S3 is the task role's, through IRSA.
      "metaflow-argo-workflow" = {
        service_account = var.task_service_account_name
        rules = [
          { api_groups = ["argoproj.io"], resources = ["workflowtaskresults"], verbs = ["create", "patch"] },
          { api_groups = [""], resources = ["pods"], verbs = ["get", "list", "watch", "create", "patch", "delete"] },
          { api_groups = [""], resources = ["pods/log"], verbs = ["get", "watch"] },
          { api_groups = [""], resources = ["secrets"], verbs = ["get"] },
        ]
      }
    } : {},
    local.deploy_argo_events ? {
      # Metaflow's sensors (METAFLOW_ARGO_EVENTS_SERVICE_ACCOUNT): on an
      # event they submit a workflow from the flow's template.
      (local.argo_events_sensor_service_account) = {
        service_account = local.argo_events_sensor_service_account
        rules = [
          { api_groups = ["argoproj.io"], resources = ["workflows"], verbs = ["create", "get", "list", "watch"] },
          { api_groups = ["argoproj.io"], resources = ["workflowtemplates"], verbs = ["get", "list", "watch"] },
        ]
      }
    } : {},
  )
}

resource "kubernetes_role_v1" "argo" {
  for_each = local.argo_roles

  metadata {
    name      = each.key
    namespace = local.namespace
  }

  dynamic "rule" {
    for_each = each.value.rules

    content {
      api_groups = rule.value.api_groups
      resources  = rule.value.resources
      verbs      = rule.value.verbs
    }
  }
}

resource "kubernetes_role_binding_v1" "argo" {
  for_each = local.argo_roles

  metadata {
    name      = each.key
    namespace = local.namespace
  }

  role_ref {
    api_group = "rbac.authorization.k8s.io"
    kind      = "Role"
    name      = kubernetes_role_v1.argo[each.key].metadata[0].name
  }

  subject {
    kind      = "ServiceAccount"
    name      = each.value.service_account
    namespace = local.namespace
  }

  depends_on = [kubernetes_service_account_v1.argo_events_sensor]
}
