output "eks_cluster_name" {
  description = "Name of the EKS cluster: aws eks update-kubeconfig --name NAME."
  value       = module.metaflow.eks_cluster_name
}

output "kubernetes_namespace" {
  description = "Namespace of the Metaflow services and step pods."
  value       = module.metaflow.kubernetes_namespace
}

output "metaflow_profile_json" {
  description = "Metaflow profile of the stack."
  value       = module.metaflow.metaflow_aws_managed_profile_json
}

output "metaflow_profile_path" {
  description = "Path of the written profile."
  value       = local_file.metaflow_profile.filename
}
