# Repository for a custom image of Batch steps; the profile points
# METAFLOW_BATCH_CONTAINER_IMAGE at it.
# Tags stay mutable: Metaflow uses the repository URL without a tag, so the
# tag it pulls must be movable. The AWS managed ECR key is enough for images
# built from public code.
#trivy:ignore:AVD-AWS-0031 Metaflow pulls the repository URL without a tag, so the tag it pulls must move to each new image.
resource "aws_ecr_repository" "batch" {
  count = var.enable_custom_batch_container_registry ? 1 : 0

  name                 = local.names.root_ecr_repository
  image_tag_mutability = "MUTABLE"

  image_scanning_configuration {
    scan_on_push = true
  }

  # The old module's repository used the default AES256, which cannot
  # change in place: an upgraded stack keeps it, and its images.
  encryption_configuration {
    encryption_type = local.upgrade_from != null ? "AES256" : "KMS"
  }

  tags = var.tags
}
