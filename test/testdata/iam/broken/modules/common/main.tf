# A stand-in for modules/common: it checks and hands back the guard rails.
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

output "iam_path" {
  description = "iam_path, checked."
  value       = var.iam_path
}

output "iam_permissions_boundary" {
  description = "iam_permissions_boundary, checked."
  value       = var.iam_permissions_boundary
}
