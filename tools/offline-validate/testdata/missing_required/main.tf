resource "aws_iam_role" "this" {
  name = "fixture"
}
