mock_provider "aws" {}

run "with_bucket" {
  command = apply
}

run "without_bucket" {
  command = plan

  variables {
    create_bucket = false
  }
}
