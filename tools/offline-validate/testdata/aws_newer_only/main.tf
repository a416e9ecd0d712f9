# bucket_namespace exists in hashicorp/aws 6.66.0, not in 6.25.0.
resource "aws_s3_bucket" "this" {
  bucket           = "fixture-bucket"
  bucket_namespace = "account-regional"
}
