# The module builds the VPC (private subnets with one NAT gateway) and runs
# the full AWS-managed stack: datastore, AWS Batch (an on-demand and a Spot
# queue), the metadata service on ECS behind API Gateway, the Step Functions
# roles and table, and the UI on ECS behind an internal HTTPS load balancer.
module "metaflow" {
  source = "../.."

  resource_prefix = var.resource_prefix
  resource_suffix = var.resource_suffix

  create_vpc = true
  vpc_cidr   = "10.20.0.0/16"

  create_step_functions = true

  # Batch instances accept only IMDSv2 (the contract's default is "optional").
  launch_template_http_tokens = "required"

  # A Spot queue next to the on-demand default one, for steps that can be
  # retried when an instance is reclaimed: @batch(queue=<the "spot" ARN of
  # output metaflow_batch_job_queue_arns>).
  compute_environments = {
    spot = { type = "SPOT", max_vcpus = 64 }
  }
  batch_job_queues = {
    spot = { compute_environments = ["spot"] }
  }

  create_managed_metaflow_ui = true
  ui_certificate_arn         = var.ui_certificate_arn
  ui_allow_list              = var.ui_allow_list

  tags = {
    managedBy = "terraform"
  }
}

# The complete Metaflow profile, API key included.
resource "local_sensitive_file" "metaflow_profile" {
  content         = module.metaflow.metaflow_profile_with_auth_key_json
  filename        = "${path.module}/metaflow_profile.json"
  file_permission = "0600"
}
