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

run "services_stay_in_cluster_unless_exposed" {
  command = plan

  variables {
    deploy_metaflow_services = true
    deploy_argo_workflows    = true
  }

  assert {
    condition     = length(kubernetes_service_v1.exposed) == 0 && output.metadata_service_url == "" && output.ui_url == "" && output.argo_workflows_ui_url == ""
    error_message = "Without expose_services no load balancer may be created and the exposed URLs must be empty."
  }

  assert {
    condition     = !contains(keys(yamldecode(helm_release.metaflow_ui[0].values[0]).uiStatic), "metaflowUIBackendURL")
    error_message = "Without exposure the UI frontend keeps the chart's port-forward backend URL."
  }

  assert {
    condition     = !contains(keys(yamldecode(helm_release.argo_workflows[0].values[0])), "server")
    error_message = "Without exposure the Argo server keeps its ClusterIP service."
  }

  assert {
    condition     = length(helm_release.argo_events) == 0 && alltrue([for v in values(output.argo_events) : v == ""])
    error_message = "Argo Events is off by default: no release and no profile values."
  }
}

run "exposed_services" {
  command = plan

  variables {
    deploy_metaflow_services         = true
    deploy_argo_workflows            = true
    expose_services                  = true
    load_balancer_source_cidr_blocks = ["10.20.0.0/16", "192.168.0.0/24"]
  }

  override_resource {
    target          = kubernetes_service_v1.exposed["metadata"]
    override_during = plan
    values = {
      status = [{ load_balancer = [{ ingress = [{ hostname = "a111.elb.eu-west-1.amazonaws.com", ip = "" }] }] }]
    }
  }

  override_resource {
    target          = kubernetes_service_v1.exposed["ui_backend"]
    override_during = plan
    values = {
      status = [{ load_balancer = [{ ingress = [{ hostname = "a222.elb.eu-west-1.amazonaws.com", ip = "" }] }] }]
    }
  }

  override_resource {
    target          = kubernetes_service_v1.exposed["ui_static"]
    override_during = plan
    values = {
      status = [{ load_balancer = [{ ingress = [{ hostname = "a333.elb.eu-west-1.amazonaws.com", ip = "" }] }] }]
    }
  }

  assert {
    condition = alltrue([
      for s in kubernetes_service_v1.exposed :
      s.spec[0].type == "LoadBalancer"
      && s.metadata[0].annotations["service.beta.kubernetes.io/aws-load-balancer-internal"] == "true"
      && s.metadata[0].annotations["service.beta.kubernetes.io/aws-load-balancer-type"] == "nlb"
      && toset(s.spec[0].load_balancer_source_ranges) == toset(["10.20.0.0/16", "192.168.0.0/24"])
    ]) && length(kubernetes_service_v1.exposed) == 3
    error_message = "The metadata service, UI backend and UI frontend must each get an internal NLB admitting only the given ranges."
  }

  assert {
    condition = (
      kubernetes_service_v1.exposed["metadata"].spec[0].selector == tomap({ "app.kubernetes.io/name" = "metaflow-service", "app.kubernetes.io/instance" = "metaflow-service" })
      && kubernetes_service_v1.exposed["ui_backend"].spec[0].selector == tomap({ "app.kubernetes.io/name" = "metaflow-ui", "app.kubernetes.io/instance" = "metaflow-ui" })
      && kubernetes_service_v1.exposed["ui_static"].spec[0].selector == tomap({ "app.kubernetes.io/name" = "metaflow-ui-static", "app.kubernetes.io/instance" = "metaflow-ui" })
    )
    error_message = "The load balancers must select the charts' pods by the charts' selector labels."
  }

  assert {
    condition     = output.metadata_service_url == "http://a111.elb.eu-west-1.amazonaws.com:8080/" && output.ui_url == "http://a333.elb.eu-west-1.amazonaws.com:3000/"
    error_message = "The exposed URLs must be the load balancers' (got ${output.metadata_service_url} and ${output.ui_url})."
  }

  assert {
    condition     = yamldecode(helm_release.metaflow_ui[0].values[0]).uiStatic.metaflowUIBackendURL == "http://a222.elb.eu-west-1.amazonaws.com:8083/api/"
    error_message = "The UI frontend must send browsers to the backend's load balancer."
  }

  assert {
    condition = (
      yamldecode(helm_release.argo_workflows[0].values[0]).server.serviceType == "LoadBalancer"
      && yamldecode(helm_release.argo_workflows[0].values[0]).server.loadBalancerSourceRanges == ["10.20.0.0/16", "192.168.0.0/24"]
      && yamldecode(helm_release.argo_workflows[0].values[0]).server.serviceAnnotations["service.beta.kubernetes.io/aws-load-balancer-internal"] == "true"
    )
    error_message = "The Argo server must be behind an internal NLB with the same ranges."
  }
}

# The server's host name is read after the chart has made its service, so
# only an apply (of the mocks) gets it.
run "exposed_argo_server_url" {
  command = apply

  variables {
    deploy_metaflow_services         = true
    deploy_argo_workflows            = true
    expose_services                  = true
    load_balancer_source_cidr_blocks = ["10.20.0.0/16"]
  }

  override_data {
    target = data.kubernetes_service_v1.argo_server[0]
    values = {
      status = [{ load_balancer = [{ ingress = [{ hostname = "a444.elb.eu-west-1.amazonaws.com", ip = "" }] }] }]
    }
  }

  assert {
    condition     = output.argo_workflows_ui_url == "http://a444.elb.eu-west-1.amazonaws.com:2746"
    error_message = "The Argo server's load balancer URL must reach the profile; got ${output.argo_workflows_ui_url}."
  }
}

run "exposure_needs_source_ranges" {
  command = plan

  variables {
    deploy_metaflow_services = true
    expose_services          = true
  }

  expect_failures = [var.load_balancer_source_cidr_blocks]
}

run "argo_workflows_and_events" {
  command = plan

  variables {
    deploy_metaflow_services = true
    deploy_argo_workflows    = true
    deploy_argo_events       = true
  }

  assert {
    condition = (
      helm_release.argo_workflows[0].repository == "https://argoproj.github.io/argo-helm" && helm_release.argo_workflows[0].version == "0.45.22"
      && helm_release.argo_workflows[0].namespace == "mf-service-test"
      && helm_release.argo_events[0].repository == "https://argoproj.github.io/argo-helm" && helm_release.argo_events[0].version == "2.4.23"
      && helm_release.argo_events[0].namespace == "mf-service-test"
    )
    error_message = "Argo Workflows and Events must come from the Argo project's repository at pinned versions, in the module's namespace."
  }

  assert {
    condition = (
      yamldecode(helm_release.argo_workflows[0].values[0]).singleNamespace == true
      && yamldecode(helm_release.argo_workflows[0].values[0]).workflow.serviceAccount.create == false
      && yamldecode(helm_release.argo_events[0].values[0]).controller.rbac.namespaced == true
    )
    error_message = "Argo must be restricted to the module's namespace, and the workflow service account must be Metaflow's own."
  }

  assert {
    condition = (
      one(kubernetes_role_binding_v1.argo["metaflow-argo-workflow"].subject).name == "metaflow-task"
      && anytrue([for r in kubernetes_role_v1.argo["metaflow-argo-workflow"].rule : contains(r.resources, "workflowtaskresults") && contains(r.verbs, "create")])
      && anytrue([for r in kubernetes_role_v1.argo["metaflow-argo-workflow"].rule : contains(r.resources, "pods") && contains(r.verbs, "create")])
      && anytrue([for r in kubernetes_role_v1.argo["metaflow-argo-workflow"].rule : contains(r.resources, "secrets") && length(r.verbs) == 1 && contains(r.verbs, "get")])
      && alltrue([for r in kubernetes_role_v1.argo["metaflow-argo-workflow"].rule : !contains(r.verbs, "*") && !contains(r.resources, "*")])
    )
    error_message = "Metaflow's task service account must be able to report Argo task results, create pods and read secrets, with no wildcard."
  }

  assert {
    condition     = kubernetes_service_account_v1.task[0].metadata[0].annotations["eks.amazonaws.com/role-arn"] == var.metaflow_task_role_arn
    error_message = "Workflow pods write S3 through the task role (IRSA annotation on the task service account)."
  }

  assert {
    condition = (
      helm_release.argo_events_resources[0].chart == "./charts/metaflow-argo-events"
      && one(kubernetes_role_binding_v1.argo["metaflow-argo-events"].subject).name == "metaflow-argo-events"
      && anytrue([for r in kubernetes_role_v1.argo["metaflow-argo-events"].rule : contains(r.resources, "workflows") && contains(r.verbs, "create")])
    )
    error_message = "The event bus and webhook come from the module's own chart, and the sensors' account may start workflows."
  }

  assert {
    condition = output.argo_events == {
      EVENT_BUS            = "default"
      EVENT_SOURCE         = "argo-events-webhook"
      EVENT                = "metaflow-event"
      SERVICE_ACCOUNT      = "metaflow-argo-events"
      SENSOR_NAMESPACE     = "mf-service-test"
      WEBHOOK_URL          = "http://argo-events-webhook-eventsource-svc.mf-service-test.svc.cluster.local:12000/metaflow-event"
      INTERNAL_WEBHOOK_URL = "http://argo-events-webhook-eventsource-svc.mf-service-test.svc.cluster.local:12000/metaflow-event"
    }
    error_message = "The Argo Events profile values must name the objects the module creates; got ${jsonencode(output.argo_events)}."
  }
}

run "argo_events_needs_workflows" {
  command = plan

  variables {
    deploy_metaflow_services = true
    deploy_argo_events       = true
  }

  expect_failures = [var.deploy_argo_events]
}

# IAM guard rails: every role of the module (the cluster autoscaler's IRSA
# role) gets the path and permissions boundary.
run "iam_path_and_boundary_reach_every_role" {
  command = plan

  variables {
    iam_path                  = "/metaflow/"
    iam_permissions_boundary  = "arn:aws:iam::123456789012:policy/boundaries/MetaflowBoundary"
    deploy_cluster_autoscaler = true
  }

  assert {
    condition     = length(aws_iam_role.cluster_autoscaler) == 1
    error_message = "This shape must create every role of the module, so the assertions below cover each."
  }

  assert {
    condition     = alltrue([for r in aws_iam_role.cluster_autoscaler : r.path == "/metaflow/" && r.permissions_boundary == "arn:aws:iam::123456789012:policy/boundaries/MetaflowBoundary"])
    error_message = "Every role of the module must get iam_path and iam_permissions_boundary."
  }
}

run "iam_defaults_keep_roles_at_the_root_path" {
  command = plan

  variables {
    deploy_cluster_autoscaler = true
  }

  assert {
    condition     = length(aws_iam_role.cluster_autoscaler) == 1 && alltrue([for r in aws_iam_role.cluster_autoscaler : r.path == "/"])
    error_message = "By default every role must sit at AWS's \"/\", as on a stack from before the guard rails (a path change replaces a role)."
  }

  # A null boundary is unknown in a mocked plan (the offline schema marks it
  # computed), so the default is held where the roles read it.
  assert {
    condition     = module.common.iam_permissions_boundary == null
    error_message = "By default the roles must get no permissions boundary."
  }
}
