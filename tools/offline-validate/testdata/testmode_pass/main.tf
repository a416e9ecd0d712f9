variable "create_bucket" {
  type    = bool
  default = true
}

data "aws_availability_zones" "available" {
  state = "available"
}

resource "aws_s3_bucket" "this" {
  count = var.create_bucket ? 1 : 0

  bucket = "fixture-${data.aws_availability_zones.available.names[0]}"
}

output "bucket_arns" {
  value = aws_s3_bucket.this[*].arn
}
