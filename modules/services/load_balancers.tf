################################################################################
# Internal Network Load Balancers in front of the services (expose_services)
################################################################################

locals {
  expose = var.expose_services && var.deploy_metaflow_services

  # EKS's AWS cloud provider builds an internal NLB for a LoadBalancer service
  # with these annotations; loadBalancerSourceRanges becomes the rules of the
  # security group in front of the nodes.
  # The module's tags go on the load balancers too (key=value pairs, comma
  # separated), so they are found and billed as the rest of the stack.
  internal_nlb_annotations = merge(
    {
      "service.beta.kubernetes.io/aws-load-balancer-type"     = "nlb"
      "service.beta.kubernetes.io/aws-load-balancer-internal" = "true"
    },
    length(var.tags) > 0 ? { "service.beta.kubernetes.io/aws-load-balancer-additional-resource-tags" = join(",", [for k, v in var.tags : "${k}=${v}"]) } : {},
  )

  # The charts' pods carry the selector labels of their _helpers.tpl:
  # app.kubernetes.io/name (the chart name, or NAME-static for the UI
  # frontend) and app.kubernetes.io/instance (the release name).
  exposed_services = {
    metadata = {
      name     = "metaflow-service-nlb"
      port     = 8080
      selector = { "app.kubernetes.io/name" = "metaflow-service", "app.kubernetes.io/instance" = "metaflow-service" }
    }
    ui_backend = {
      name     = "metaflow-ui-nlb"
      port     = 8083
      selector = { "app.kubernetes.io/name" = "metaflow-ui", "app.kubernetes.io/instance" = "metaflow-ui" }
    }
    ui_static = {
      name     = "metaflow-ui-static-nlb"
      port     = 3000
      selector = { "app.kubernetes.io/name" = "metaflow-ui-static", "app.kubernetes.io/instance" = "metaflow-ui" }
    }
  }

  exposed_hosts = { for k, s in kubernetes_service_v1.exposed : k => try(s.status[0].load_balancer[0].ingress[0].hostname, "") }
}

resource "kubernetes_service_v1" "exposed" {
  for_each = local.expose ? local.exposed_services : {}

  metadata {
    name        = each.value.name
    namespace   = local.namespace
    annotations = local.internal_nlb_annotations
  }

  spec {
    type                        = "LoadBalancer"
    selector                    = each.value.selector
    load_balancer_source_ranges = var.load_balancer_source_cidr_blocks

    port {
      name        = "http"
      port        = each.value.port
      target_port = each.value.port
      protocol    = "TCP"
    }
  }

  # The UI frontend's chart needs the backend's URL, so the load balancers
  # must have their host names before the charts install.
  wait_for_load_balancer = true
}
