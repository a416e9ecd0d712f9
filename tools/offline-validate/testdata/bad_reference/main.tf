resource "aws_s3_bucket" "this" {
  bucket = "fixture"
}

output "bucket_url" {
  value = aws_s3_bucket.this.bucket_url
}
