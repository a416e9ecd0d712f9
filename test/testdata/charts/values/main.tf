# Values the chart value check must flag: a key no template of the pinned
# version reads (the UI chart's old defaultMetastore, uiStatic.env, read at
# the top level instead), found through a local, merge and a filtering for
# expression; a pinned version with no recorded key set; and a key the
# module's own chart does not declare.
locals {
  ssl = { for k, v in { env = [] } : k => v if true }
  ui = {
    uiBackend = merge({
      metaflowDefaultDatastore = "s3"
      defaultMetastore         = "s3"
    }, local.ssl)
    uiStatic = { env = [] }
    serviceAccount = {
      annotations = { "eks.amazonaws.com/role-arn" = "arn:aws:iam::123456789012:role/x" }
    }
  }
}

resource "helm_release" "ui" {
  name       = "metaflow-ui"
  repository = "https://outerbounds.github.io/metaflow-tools"
  chart      = "metaflow-ui"
  version    = "0.3.2"
  values     = [yamlencode(local.ui), yamlencode(var.caller_values)]
}

resource "helm_release" "old_service" {
  name       = "metaflow-service"
  repository = "https://outerbounds.github.io/metaflow-tools"
  chart      = "metaflow-service"
  version    = "0.2.1"
  values     = [yamlencode({ replicaCount = 1 })]
}

resource "helm_release" "own" {
  name   = "own"
  chart  = "${path.module}/charts/own"
  values = [yamlencode({ port = 1, portt = 2 })]
}
