terraform {
  required_version = ">= 1.10"
}

module "nested" {
  source = "./nested"

  size = var.size
}
