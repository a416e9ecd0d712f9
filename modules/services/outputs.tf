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
