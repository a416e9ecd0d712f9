variable "create_bucket" {
  type    = bool
  default = true
}

resource "aws_s3_bucket" "this" {
  count = var.create_bucket ? 1 : 0

  bucket = "fixture"
}

# The bug this fixture proves `make test-plan` catches: indexing [0] while
# count may be zero.
output "bucket_arn" {
  value = aws_s3_bucket.this[0].arn
}
