# No modules/common call: the role takes the caller's checked values.
variable "iam_path" {
  description = "Path of the role."
  type        = string
  default     = "/"
}

variable "iam_permissions_boundary" {
  description = "Boundary of the role."
  type        = string
  default     = null
}

resource "aws_iam_role" "this" {
  name                 = "child"
  assume_role_policy   = "{}"
  path                 = var.iam_path
  permissions_boundary = var.iam_permissions_boundary
}
