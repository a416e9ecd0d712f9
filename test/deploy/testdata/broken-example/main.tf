# Broken fixture for TestExampleCheckFailsOnBrokenFixture: wrong module source,
# a required input the deploy test does not set, no ui_certificate_arn, no
# profile path output, and an output named like the injected one.
module "metaflow" {
  source = "../../modules/wrong"

  resource_prefix = var.resource_prefix
}

variable "region" {
  description = "Fixture."
  type        = string
  default     = "us-west-2"
}

variable "resource_prefix" {
  description = "Fixture."
  type        = string
}

variable "admin_email" {
  description = "Fixture."
  type        = string
}

output "metaflow_profile_json" {
  description = "Fixture."
  value       = module.metaflow.metaflow_aws_managed_profile_json
}

output "deploy_test_stack" {
  description = "Fixture."
  value       = ""
}
