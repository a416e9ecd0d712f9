resource "aws_batch_compute_environment" "this" {
  name = "fixture"
  type = "MANAGED"

  launch_template {
    launch_template_name = "fixture"
  }
}
