locals {
  repository = "https://outerbounds.github.io/metaflow-tools"
}

resource "helm_release" "service" {
  name       = "metaflow-service"
  repository = local.repository
  chart      = "metaflow-service"
  version    = "0.2.3"
}

resource "helm_release" "ui" {
  name       = "metaflow-ui"
  repository = local.repository
  chart      = "metaflow-ui"
  version    = "0.3.1"
}

resource "helm_release" "unknown" {
  name       = "other"
  repository = "https://charts.example.com"
  chart      = "other"
  version    = var.other_version
}
