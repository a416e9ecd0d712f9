# Pure logic only: no providers, so tests can run this module with the real
# terraform binary and no network.
terraform {
  required_version = ">= 1.10"
}
