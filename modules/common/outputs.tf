output "default_metadata_service_container_image" {
  description = "Metadata service image (also the UI backend image) used when the caller does not set one, pinned by tag."
  value       = local.default_metadata_service_container_image
}

output "default_ui_static_container_image" {
  description = "Metaflow UI frontend image used when the caller does not set one, pinned by tag."
  value       = local.default_ui_static_container_image
}

output "names" {
  description = "Map of resource key (see names.tf) to the AWS name built from the prefix, the key's role word and the suffix, within that resource type's length limit."
  value       = local.names
}
