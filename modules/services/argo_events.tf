################################################################################
# Argo Events: event-triggered flows (@trigger, @trigger_on_finish)
################################################################################

locals {
  deploy_argo_events = var.deploy_argo_events && local.deploy_argo_workflows

  # Published by the Argo project's chart-releaser (GitHub release
  # argo-events-2.4.23 of argoproj/argo-helm; Argo Events 1.9.11).
  argo_events_chart   = "argo-events"
  argo_events_version = "2.4.23"

  argo_events_values = {
    fullnameOverride = "argo-events"
    # The controller manages only this namespace, where Metaflow creates its
    # sensors (METAFLOW_ARGO_EVENTS_SENSOR_NAMESPACE).
    controller = {
      rbac = {
        namespaced       = true
        managedNamespace = local.namespace
      }
    }
  }

  # Custom resources the argo-events CRDs define cannot be planned before the
  # CRDs exist, so a second release, the module's own chart, makes them.
  argo_events_resources_values = {
    eventBusName    = "default"
    eventSourceName = "argo-events-webhook"
    eventName       = "metaflow-event"
    webhookPort     = 12000
  }

  argo_events_sensor_service_account = "metaflow-argo-events"
  # The event source controller names the webhook's service NAME-eventsource-svc.
  argo_events_webhook_url = "http://${local.argo_events_resources_values.eventSourceName}-eventsource-svc.${local.namespace}.svc.cluster.local:${local.argo_events_resources_values.webhookPort}/${local.argo_events_resources_values.eventName}"

  # The profile's METAFLOW_ARGO_EVENTS_* values, without the prefix.
  argo_events_profile = {
    EVENT_BUS        = local.argo_events_resources_values.eventBusName
    EVENT_SOURCE     = local.argo_events_resources_values.eventSourceName
    EVENT            = local.argo_events_resources_values.eventName
    SERVICE_ACCOUNT  = local.argo_events_sensor_service_account
    SENSOR_NAMESPACE = local.namespace
    # Laptops reach the in-cluster webhook through kubectl port-forward.
    WEBHOOK_URL          = local.argo_events_webhook_url
    INTERNAL_WEBHOOK_URL = local.argo_events_webhook_url
  }
}

resource "helm_release" "argo_events" {
  count = local.deploy_argo_events ? 1 : 0

  name       = "argo-events"
  namespace  = local.namespace
  repository = local.argo_repository
  chart      = local.argo_events_chart
  version    = local.argo_events_version

  values = [yamlencode(local.argo_events_values)]
}

resource "helm_release" "argo_events_resources" {
  count = local.deploy_argo_events ? 1 : 0

  name      = "metaflow-argo-events"
  namespace = local.namespace
  chart     = "${path.module}/charts/metaflow-argo-events"

  values = [yamlencode(local.argo_events_resources_values)]

  depends_on = [helm_release.argo_events]
}

# Metaflow's sensors run as this account (METAFLOW_ARGO_EVENTS_SERVICE_ACCOUNT);
# its Role is in rbac.tf.
resource "kubernetes_service_account_v1" "argo_events_sensor" {
  count = local.deploy_argo_events ? 1 : 0

  metadata {
    name      = local.argo_events_sensor_service_account
    namespace = local.namespace
  }
}
