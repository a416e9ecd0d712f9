mock_provider "aws" {
  mock_data "aws_caller_identity" {
    defaults = {
      account_id = "123456789012"
    }
  }
}

mock_provider "helm" {}
mock_provider "kubernetes" {}

variables {
  resource_prefix           = "mf"
  resource_suffix           = "test"
  region                    = "eu-west-1"
  cluster_name              = "mf-eks-test"
  cluster_oidc_provider_arn = "arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF"
  kubernetes_namespace      = "mf-service-test"
  metaflow_task_role_arn    = "arn:aws:iam::123456789012:role/mf-batch-s3-task-test"

  database_host                = "mf-db-test.abcdefgh.eu-west-1.rds.amazonaws.com"
  database_password_secret_arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:mf-db-password-test-AbCdEf"
  datastore_sysroot_s3         = "s3://mf-s3-test/metaflow"
}

run "everything_off_creates_nothing" {
  command = plan

  variables {
    create_namespace = false
  }

  assert {
    condition = (
      length(kubernetes_namespace_v1.this) + length(kubernetes_service_account_v1.task)
      + length(helm_release.metaflow_service) + length(helm_release.metaflow_ui)
      + length(helm_release.cluster_autoscaler) + length(aws_iam_role.cluster_autoscaler)
      + length(kubernetes_secret_v1.db_password) == 0
    )
    error_message = "With every switch off, nothing may be created."
  }

  assert {
    condition     = output.metadata_service_internal_url == "" && output.cluster_autoscaler_role_arn == ""
    error_message = "Outputs of parts that are off must be empty."
  }
}

run "namespace_and_task_service_account" {
  command = plan

  assert {
    condition     = kubernetes_namespace_v1.this[0].metadata[0].name == "mf-service-test"
    error_message = "The namespace must be created with the given name."
  }

  assert {
    condition     = kubernetes_service_account_v1.task[0].metadata[0].annotations["eks.amazonaws.com/role-arn"] == var.metaflow_task_role_arn
    error_message = "Step pods' service account must be bound to the Metaflow task role (IRSA)."
  }
}

run "metaflow_services" {
  command = plan

  variables {
    deploy_metaflow_services         = true
    metadata_service_container_image = "registry.example.com:5000/metaflow/metadata:v9"
    metaflow_helm_values = {
      "metaflow-service" = { replicaCount = 3 }
    }
  }

  assert {
    condition     = helm_release.metaflow_service[0].repository == "https://outerbounds.github.io/metaflow-tools" && helm_release.metaflow_service[0].version == "0.2.2"
    error_message = "The metadata service chart must come from the published repository at a pinned version."
  }

  assert {
    condition     = helm_release.metaflow_ui[0].repository == "https://outerbounds.github.io/metaflow-tools" && helm_release.metaflow_ui[0].version == "0.3.2"
    error_message = "The UI chart must come from the published repository at a pinned version."
  }

  assert {
    condition = alltrue([
      for doc in concat(helm_release.metaflow_service[0].values, helm_release.metaflow_ui[0].values) :
      try(yamldecode(doc).metadatadb.password, "") == "" && try(yamldecode(doc).uiBackend.metadatadb.password, "") == ""
    ])
    error_message = "No Helm values document may carry the database password."
  }

  assert {
    condition     = yamldecode(helm_release.metaflow_service[0].values[0]).env[0].valueFrom.secretKeyRef.name == "metaflow-db-password"
    error_message = "The metadata service must read the password from the Kubernetes secret."
  }

  assert {
    condition     = yamldecode(helm_release.metaflow_ui[0].values[0]).uiBackend.envFrom[0].secretRef.name == "metaflow-db-password"
    error_message = "The UI backend must read the password from the Kubernetes secret."
  }

  assert {
    condition     = contains(yamldecode(helm_release.metaflow_service[0].values[0]).env, { name = "MF_METADATA_DB_SSL_MODE", value = "prefer" })
    error_message = "The metadata service's env list replaces the chart's: it must keep MF_METADATA_DB_SSL_MODE, or the migration init container connects without TLS, which RDS PostgreSQL 15 and later refuse."
  }

  assert {
    condition     = yamldecode(helm_release.metaflow_ui[0].values[0]).uiBackend.metaflowDefaultDatastore == "s3" && !contains(keys(yamldecode(helm_release.metaflow_ui[0].values[0]).uiBackend), "defaultMetastore")
    error_message = "The UI backend reads its datastore type from uiBackend.metaflowDefaultDatastore; no template reads defaultMetastore."
  }

  assert {
    condition     = !contains(keys(yamldecode(helm_release.metaflow_ui[0].values[0]).uiBackend), "env")
    error_message = "With the default SSL mode the UI backend keeps the chart's env list (which sets MF_METADATA_DB_SSL_MODE=prefer)."
  }

  assert {
    condition     = yamldecode(helm_release.metaflow_service[0].values[1]).replicaCount == 3
    error_message = "The caller's values must be passed after the module's, so Helm merges them over ours."
  }

  assert {
    condition = (
      yamldecode(helm_release.metaflow_service[0].values[0]).image.repository == "registry.example.com:5000/metaflow/metadata"
      && yamldecode(helm_release.metaflow_service[0].values[0]).image.tag == "v9"
    )
    error_message = "An image reference with a registry port must split into repository and tag correctly."
  }

  assert {
    condition     = output.metadata_service_internal_url == "http://metaflow-service.mf-service-test.svc.cluster.local:8080/"
    error_message = "The in-cluster URL must name the chart's service; got ${output.metadata_service_internal_url}."
  }
}

run "cluster_autoscaler_role_trusts_only_its_service_account" {
  command = plan

  variables {
    deploy_cluster_autoscaler = true
  }

  assert {
    condition     = helm_release.cluster_autoscaler[0].namespace == "kube-system" && helm_release.cluster_autoscaler[0].version == "9.50.1"
    error_message = "The autoscaler must be installed into kube-system from a pinned chart."
  }

  assert {
    condition = (
      length(data.aws_iam_policy_document.cluster_autoscaler_assume[0].statement) == 1
      && [for p in one(data.aws_iam_policy_document.cluster_autoscaler_assume[0].statement).principals : p.type] == ["Federated"]
    )
    error_message = "The autoscaler role must trust only the cluster's OIDC provider, no service principal."
  }

  assert {
    condition = contains(
      flatten([for c in one(data.aws_iam_policy_document.cluster_autoscaler_assume[0].statement).condition : c.values if c.variable == "oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF:sub"]),
      "system:serviceaccount:kube-system:cluster-autoscaler",
    )
    error_message = "The trust must be limited to the autoscaler's service account."
  }

  assert {
    condition = alltrue([
      for s in data.aws_iam_policy_document.cluster_autoscaler[0].statement :
      s.sid != "ScaleOwnGroups" || length(s.condition) == 2
    ])
    error_message = "Scaling actions must be limited by the cluster's Auto Scaling group tags."
  }
}

run "ssl_mode_reaches_both_services" {
  command = plan

  variables {
    deploy_metaflow_services = true
    database_ssl_mode        = "require"
  }

  assert {
    condition     = contains(yamldecode(helm_release.metaflow_service[0].values[0]).env, { name = "MF_METADATA_DB_SSL_MODE", value = "require" })
    error_message = "database_ssl_mode must reach the metadata service and its migration init container."
  }

  assert {
    condition     = yamldecode(helm_release.metaflow_ui[0].values[0]).uiBackend.env == [{ name = "MF_METADATA_DB_SSL_MODE", value = "require" }]
    error_message = "database_ssl_mode other than prefer must reach the UI backend."
  }
}
