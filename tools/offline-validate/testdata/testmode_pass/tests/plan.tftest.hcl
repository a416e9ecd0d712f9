mock_provider "aws" {}

override_data {
  target = data.aws_availability_zones.available
  values = {
    names = ["eu-west-1a", "eu-west-1b"]
  }
}

run "creates_one_bucket" {
  command = apply

  assert {
    condition     = aws_s3_bucket.this[0].bucket == "fixture-eu-west-1a"
    error_message = "The bucket name must use the first availability zone."
  }

  assert {
    condition     = length(output.bucket_arns) == 1
    error_message = "One bucket, one ARN."
  }
}

run "creates_none" {
  command = plan

  variables {
    create_bucket = false
  }

  assert {
    condition     = length(aws_s3_bucket.this) == 0
    error_message = "create_bucket = false must create no bucket."
  }
}
