locals {
  # Pinned by tag so a plan never changes because an upstream image moved.
  default_metadata_service_container_image = "netflixoss/metaflow_metadata_service:v2.4.13"
  default_ui_static_container_image        = "public.ecr.aws/outerbounds/metaflow_ui:v1.13.13"
}
