# A role in a module that neither calls modules/common nor takes the inputs.
resource "aws_iam_role" "this" {
  name               = "leaky"
  assume_role_policy = "{}"
  path               = "/"
}
