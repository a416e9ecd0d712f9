terraform {
  required_version = ">= 1.10"
}

module "naming" {
  source  = "cloudposse/label/null"
  version = "0.25.0"

  name = var.name
}
