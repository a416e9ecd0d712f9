provider "aws" {
  region = "eu-west-1"
}

data "aws_region" "current" {}

resource "aws_thing" "this" {
  count = 1

  name_prefix = "x-"

  settings {
    size = 2

    dynamic "rule" {
      for_each = [1]
      content {
        port = rule.value
      }
    }
  }

  lifecycle {
    ignore_changes = [settings[0].size]
  }
}

locals {
  region = data.aws_region.current.region
  arn    = aws_thing.this[0].arn
  ids    = aws_thing.this[*].id
  first  = aws_thing.this[local.n].arn
  n      = 0
}

resource "random_pet" "not_ours" {
  prefix = aws_thing.this[0].name_prefix
}
