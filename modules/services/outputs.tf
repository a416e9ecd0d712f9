output "cluster_autoscaler_role_arn" {
  description = "ARN of the IAM role of the cluster autoscaler's service account; \"\" when the autoscaler is not deployed."
  value       = join("", aws_iam_role.cluster_autoscaler[*].arn)
}

output "kubernetes_namespace" {
  description = "Namespace of the Metaflow services and of Metaflow's step pods (METAFLOW_KUBERNETES_NAMESPACE)."
  value       = local.namespace
}

output "metadata_service_internal_url" {
  description = "In-cluster URL of the metadata service (http://SERVICE.NAMESPACE.svc.cluster.local:8080/); \"\" when the services are not deployed. Reach it from outside the cluster with kubectl port-forward."
  value       = var.deploy_metaflow_services ? "http://${local.metaflow_service_values.fullnameOverride}.${local.namespace}.svc.cluster.local:8080/" : ""
}

output "task_service_account_name" {
  description = "Service account Metaflow's step pods run as (METAFLOW_KUBERNETES_SERVICE_ACCOUNT); \"\" when the namespace is not created."
  value       = join("", kubernetes_service_account_v1.task[*].metadata[0].name)
}

output "ui_backend_internal_url" {
  description = "In-cluster URL of the UI backend API; \"\" when the services are not deployed."
  value       = var.deploy_metaflow_services ? "http://${local.metaflow_ui_values.fullnameOverride}.${local.namespace}.svc.cluster.local:8083/api/" : ""
}

output "metadata_service_url" {
  description = "URL of the metadata service's internal load balancer (http://HOST:8080/), for clients in the VPC or on its VPN; \"\" unless expose_services is on."
  value       = local.expose ? "http://${local.exposed_hosts.metadata}:8080/" : ""
}

output "ui_url" {
  description = "URL of the UI's internal load balancer (http://HOST:3000/); \"\" unless expose_services is on (then: kubectl port-forward, see the README)."
  value       = local.expose ? "http://${local.exposed_hosts.ui_static}:3000/" : ""
}

output "argo_workflows_ui_url" {
  description = "URL of the Argo Workflows server's internal load balancer (METAFLOW_ARGO_WORKFLOWS_UI_URL); \"\" unless Argo Workflows and expose_services are both on."
  value       = local.deploy_argo_workflows && local.expose ? "http://${try(data.kubernetes_service_v1.argo_server[0].status[0].load_balancer[0].ingress[0].hostname, "")}:2746" : ""
}

output "argo_events" {
  description = "What Metaflow's Argo Events integration needs (event bus, event source, event, sensor service account and namespace, webhook URLs), keyed by the METAFLOW_ARGO_EVENTS_ names without their prefix; every value \"\" unless deploy_argo_events is on."
  value       = { for k, v in local.argo_events_profile : k => local.deploy_argo_events ? v : "" }
}
