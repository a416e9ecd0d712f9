# Metaflow's foreach bookkeeping for Step Functions runs: one item per
# pathspec, expired by the "ttl" attribute Metaflow writes.
resource "aws_dynamodb_table" "this" {
  name         = local.names.sfn_dynamodb_table
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "pathspec"

  attribute {
    name = "pathspec"
    type = "S"
  }

  ttl {
    attribute_name = "ttl"
    enabled        = true
  }

  point_in_time_recovery {
    enabled = true
  }

  # The AWS managed key (aws/dynamodb); the table only holds run bookkeeping.
  server_side_encryption {
    enabled = true
  }

  tags = var.tags
}
