output "assign_public_ip" {
  description = "Whether tasks and instances need a public IP: true when there are no private subnets, so components run in public ones."
  value       = !local.has_private_subnets
}

output "database_ssl_mode" {
  description = "database_ssl_mode, checked: what the modules running the metadata service image set MF_METADATA_DB_SSL_MODE to."
  value       = var.database_ssl_mode
}

output "default_metadata_service_container_image" {
  description = "Metadata service image (also the UI backend image) used when the caller does not set one, pinned by tag."
  value       = local.default_metadata_service_container_image
}

output "default_ui_static_container_image" {
  description = "Metaflow UI frontend image used when the caller does not set one, pinned by tag."
  value       = local.default_ui_static_container_image
}

output "fargate_services" {
  description = "fargate_services, checked: the sizes the calling module gives its ECS Fargate task definitions and services."
  value       = var.fargate_services
}

output "iam_path" {
  description = "iam_path, checked: the path the calling module gives every IAM role and instance profile it creates (EKS's through the eks module's inputs)."
  value       = var.iam_path
}

output "iam_permissions_boundary" {
  description = "iam_permissions_boundary, checked: the permissions boundary (policy ARN, or null) the calling module gives every IAM role it creates (EKS's through the eks module's inputs)."
  value       = var.iam_permissions_boundary
}

output "metadata_service_api_endpoint_type" {
  description = "metadata_service_api_endpoint_type, checked: REGIONAL or PRIVATE."
  value       = var.metadata_service_api_endpoint_type
}

output "metadata_service_api_vpc_endpoint_id" {
  description = "metadata_service_api_vpc_endpoint_id, checked: the execute-api VPC endpoint of a private API, or \"\"."
  value       = var.metadata_service_api_vpc_endpoint_id
}

output "names" {
  description = "Map of resource key (see names.tf) to the AWS name built from the prefix, the key's role word and the suffix, within that resource type's length limit."
  value       = local.names
}

output "private_subnet_cidrs" {
  description = "CIDR blocks of the planned VPC's private subnets, one per zone of azs in order; empty when create_public_subnets_only."
  value       = local.private_subnet_cidrs
}

output "public_subnet_cidrs" {
  description = "CIDR blocks of the planned VPC's public subnets, one per zone of azs in order; empty when create_private_subnets_only."
  value       = local.public_subnet_cidrs
}

output "subnet_ids" {
  description = "Subnet ids each component runs in: batch, database, ecs_services, eks, internal_load_balancer, migration_lambda, ui_load_balancer."
  value       = local.subnet_ids
}

output "ui_hostname" {
  description = "ui_hostname, checked: the UI's host name, or \"\"."
  value       = var.ui_hostname
}

output "ui_route53_zone_id" {
  description = "ui_route53_zone_id, checked: the hosted zone of the UI's record, or \"\"."
  value       = var.ui_route53_zone_id
}

output "vpc_gateways" {
  description = "Gateways the planned VPC needs: internet (an internet gateway, for public subnets) and nat (a NAT gateway, for private subnets to reach the internet)."
  value       = local.vpc_gateways
}
