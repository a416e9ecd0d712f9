module "common" {
  source = "../common"

  resource_prefix          = var.resource_prefix
  resource_suffix          = var.resource_suffix
  database_ssl_mode        = var.database_ssl_mode
  iam_path                 = var.iam_path
  iam_permissions_boundary = var.iam_permissions_boundary
}

locals {
  names = module.common.names

  # Charts come from their published repositories at pinned versions, so the
  # module works from the registry and a plan never changes by itself.
  # metaflow-service and metaflow-ui are published by outerbounds/metaflow-tools
  # (chart-releaser on GitHub Pages); the umbrella "metaflow" chart is not.
  # test/testdata/charts/published.json holds what their index publishes.
  metaflow_chart_repository  = "https://outerbounds.github.io/metaflow-tools"
  metaflow_service_chart     = "metaflow-service"
  metaflow_service_version   = "0.2.2"
  metaflow_ui_chart          = "metaflow-ui"
  metaflow_ui_version        = "0.3.2"
  autoscaler_repository      = "https://kubernetes.github.io/autoscaler"
  autoscaler_chart           = "cluster-autoscaler"
  autoscaler_version         = "9.50.1" # cluster-autoscaler 1.33, matching the cluster's Kubernetes minor version
  autoscaler_namespace       = "kube-system"
  autoscaler_service_account = "cluster-autoscaler"

  create_namespace = var.create_namespace || var.deploy_metaflow_services
  namespace        = local.create_namespace ? kubernetes_namespace_v1.this[0].metadata[0].name : var.kubernetes_namespace

  # REPOSITORY[:TAG] split into the two values the charts take.
  metadata_image = coalesce(var.metadata_service_container_image, module.common.default_metadata_service_container_image)
  ui_image       = coalesce(var.ui_static_container_image, module.common.default_ui_static_container_image)
  metadata_image_parts = {
    repository = regex("^(.+?)(?::([^:/]+))?$", local.metadata_image)[0]
    tag        = coalesce(regex("^(.+?)(?::([^:/]+))?$", local.metadata_image)[1], "latest")
  }
  ui_image_parts = {
    repository = regex("^(.+?)(?::([^:/]+))?$", local.ui_image)[0]
    tag        = coalesce(regex("^(.+?)(?::([^:/]+))?$", local.ui_image)[1], "latest")
  }

  # Both services read the password from this secret's key: the metadata
  # service (and its migration init container) through env valueFrom, the UI
  # backend through envFrom, so the key is the variable name itself.
  db_password_env = "MF_METADATA_DB_PSWD"
  db_secret_name  = "metaflow-db-password"

  role_annotation = var.metaflow_task_role_arn != "" ? { "eks.amazonaws.com/role-arn" = var.metaflow_task_role_arn } : {}

  metaflow_service_values = {
    fullnameOverride = "metaflow-service"
    image = {
      repository = local.metadata_image_parts.repository
      tag        = local.metadata_image_parts.tag
    }
    # password stays empty: the chart then leaves MF_METADATA_DB_PSWD to env.
    metadatadb = {
      host     = var.database_host
      port     = var.database_port
      name     = var.database_name
      user     = var.database_username
      password = ""
    }
    # Helm replaces the chart's env list with this one, so it carries the
    # chart's SSL mode item too: without it the migration init container
    # connects without TLS, which RDS PostgreSQL 15 and later refuse.
    env = [
      {
        name = local.db_password_env
        valueFrom = {
          secretKeyRef = {
            name = local.db_secret_name
            key  = local.db_password_env
          }
        }
      },
      { name = "MF_METADATA_DB_SSL_MODE", value = module.common.database_ssl_mode },
    ]
    serviceAccount = {
      create = true
      name   = "metaflow-service"
    }
  }

  # The UI chart's own env list sets MF_METADATA_DB_SSL_MODE=prefer; it is
  # replaced only when another mode is asked for.
  ui_backend_ssl_mode = {
    for k, v in { env = [{ name = "MF_METADATA_DB_SSL_MODE", value = module.common.database_ssl_mode }] } : k => v if module.common.database_ssl_mode != "prefer"
  }

  # The browser calls the backend itself: exposed, it gets the backend's load
  # balancer; otherwise the chart's default (http://localhost:8083/api/, the
  # port-forward the README shows).
  ui_static_backend_url = {
    for k, v in { metaflowUIBackendURL = "http://${try(local.exposed_hosts.ui_backend, "")}:8083/api/" } : k => v if local.expose
  }

  metaflow_ui_values = {
    fullnameOverride = "metaflow-ui"
    # Some templates of the UI chart place objects in .Values.namespace
    # (default "default") rather than the release namespace.
    namespace = local.namespace
    uiBackend = merge({
      image = {
        name = local.metadata_image_parts.repository
        tag  = local.metadata_image_parts.tag
      }
      metaflowDatastoreSysRootS3 = var.datastore_sysroot_s3
      # The backend template reads this key for METAFLOW_DEFAULT_DATASTORE.
      metaflowDefaultDatastore = "s3"
      metadatadb = {
        host     = var.database_host
        port     = var.database_port
        name     = var.database_name
        user     = var.database_username
        password = ""
      }
      envFrom = [{ secretRef = { name = local.db_secret_name } }]
    }, local.ui_backend_ssl_mode)
    uiStatic = merge({
      image = {
        name = local.ui_image_parts.repository
        tag  = local.ui_image_parts.tag
      }
    }, local.ui_static_backend_url)
    serviceAccount = {
      create      = true
      name        = var.ui_service_account_name
      annotations = local.role_annotation
    }
  }
}

resource "kubernetes_namespace_v1" "this" {
  count = local.create_namespace ? 1 : 0

  metadata {
    name = var.kubernetes_namespace
  }
}

# The identity of Metaflow's step pods (METAFLOW_KUBERNETES_SERVICE_ACCOUNT):
# IRSA gives them the Metaflow task role, scoped to this stack's bucket.
resource "kubernetes_service_account_v1" "task" {
  count = local.create_namespace ? 1 : 0

  metadata {
    name        = var.task_service_account_name
    namespace   = local.namespace
    annotations = local.role_annotation
  }
}

################################################################################
# Metadata service and UI
################################################################################

# Read at apply time from Secrets Manager and kept only in a Kubernetes
# secret, so the password is in neither the Helm values nor the release.
data "aws_secretsmanager_secret_version" "db_password" {
  count = var.deploy_metaflow_services ? 1 : 0

  secret_id = var.database_password_secret_arn
}

resource "kubernetes_secret_v1" "db_password" {
  count = var.deploy_metaflow_services ? 1 : 0

  metadata {
    name      = local.db_secret_name
    namespace = local.namespace
  }

  data = {
    (local.db_password_env) = data.aws_secretsmanager_secret_version.db_password[0].secret_string
  }

  type = "Opaque"
}

resource "helm_release" "metaflow_service" {
  count = var.deploy_metaflow_services ? 1 : 0

  name       = "metaflow-service"
  namespace  = local.namespace
  repository = local.metaflow_chart_repository
  chart      = local.metaflow_service_chart
  version    = local.metaflow_service_version

  # Later documents win key by key: the caller's values over ours.
  values = [
    yamlencode(local.metaflow_service_values),
    yamlencode(try(var.metaflow_helm_values["metaflow-service"], {})),
  ]

  depends_on = [kubernetes_secret_v1.db_password]
}

resource "helm_release" "metaflow_ui" {
  count = var.deploy_metaflow_services ? 1 : 0

  name       = "metaflow-ui"
  namespace  = local.namespace
  repository = local.metaflow_chart_repository
  chart      = local.metaflow_ui_chart
  version    = local.metaflow_ui_version

  values = [
    yamlencode(local.metaflow_ui_values),
    yamlencode(try(var.metaflow_helm_values["metaflow-ui"], {})),
  ]

  depends_on = [kubernetes_secret_v1.db_password]
}

################################################################################
# Cluster autoscaler
################################################################################

resource "helm_release" "cluster_autoscaler" {
  count = var.deploy_cluster_autoscaler ? 1 : 0

  name       = "cluster-autoscaler"
  namespace  = local.autoscaler_namespace
  repository = local.autoscaler_repository
  chart      = local.autoscaler_chart
  version    = local.autoscaler_version

  values = [yamlencode({
    cloudProvider = "aws"
    awsRegion     = var.region
    autoDiscovery = {
      clusterName = var.cluster_name
    }
    rbac = {
      serviceAccount = {
        create = true
        name   = local.autoscaler_service_account
        annotations = {
          "eks.amazonaws.com/role-arn" = aws_iam_role.cluster_autoscaler[0].arn
        }
      }
    }
  })]
}
