variable "create" {
  description = "Whether to create."
  type        = bool
  default     = true
}

variable "iam_path" {
  description = "Path of the roles."
  type        = string
  default     = "/"
}

variable "iam_permissions_boundary" {
  description = "Boundary of the roles."
  type        = string
  default     = null
}
