terraform {
  required_version = ">= 1.10"
}

locals {
  doubled = var.size * 2
}
