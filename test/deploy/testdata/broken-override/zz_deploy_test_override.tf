# Broken fixture for TestOverrideCheckFailsOnBrokenFixture: misspelled root
# inputs, tags without the run tag, a provider setting beyond default_tags,
# and a block the override must not touch.
provider "aws" {
  region = "us-east-1"
  default_tags {
    tags = { team = "x" }
  }
}

module "metaflow" {
  tags                         = { managedBy = "terraform" }
  db_multi_azz                 = false
  compute_environment_min_cpus = 0
  force_destroy_s3_bucket      = true
}

module "vpc" {
  tags = { "metaflow-test-run" = "x" }
}
