# Metaflow on Kubernetes: the module builds the VPC, an EKS cluster with a
# managed node group and the cluster autoscaler, and installs the metadata
# service and UI with their Helm charts. Steps run as pods (@kubernetes)
# under a service account bound to the Metaflow task role (IRSA); there is no
# AWS Batch and no ECS service.
module "metaflow" {
  source = "../.."

  resource_prefix = var.resource_prefix
  resource_suffix = var.resource_suffix

  create_vpc = true
  vpc_cidr   = "10.30.0.0/16"

  create_eks_cluster              = true
  deploy_metaflow_services_in_eks = true
  deploy_cluster_autoscaler       = true
  # Internal load balancers for the metadata service, the UI and the Argo
  # Workflows server (installed by default with the services), open to the
  # VPC and these ranges (your VPN's); the profile points at them.
  expose_metaflow_services_in_eks = true
  access_list_cidr_blocks         = var.access_list_cidr_blocks

  create_managed_compute                   = false
  create_managed_metaflow_metadata_service = false

  tags = {
    managedBy = "terraform"
  }
}

# The profile holds no secret on this shape (no API Gateway key): clients in
# the VPC or on its VPN reach the metadata service's internal load balancer.
resource "local_file" "metaflow_profile" {
  content         = module.metaflow.metaflow_aws_managed_profile_json
  filename        = "${path.module}/metaflow_profile.json"
  file_permission = "0644"
}
