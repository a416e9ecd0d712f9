resource "aws_s3_bucket" "this" {
  bucket        = "fixture"
  force_destroi = true
}
