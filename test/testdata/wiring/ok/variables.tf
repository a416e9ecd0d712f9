variable "enabled" {
  description = "Whether to call the child."
  type        = bool
  default     = true
}

variable "name" {
  description = "Name passed to the child."
  type        = string

  validation {
    condition     = length(var.name) > 0 || !var.enabled
    error_message = "name must not be empty when enabled is true."
  }
}
