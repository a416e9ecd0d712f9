variable "resource_prefix" {
  description = "Start of every resource name: lowercase letters, digits and hyphens, beginning with a letter, at most 32 characters."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,31}$", var.resource_prefix))
    error_message = "resource_prefix must be 1-32 characters of lowercase letters, digits and hyphens, starting with a letter; got \"${var.resource_prefix}\"."
  }
}

variable "resource_suffix" {
  description = "End of every resource name (empty for none): lowercase letters, digits and hyphens, at most 16 characters."
  type        = string
  default     = ""

  validation {
    condition     = can(regex("^[a-z0-9-]{0,16}$", var.resource_suffix))
    error_message = "resource_suffix must be 0-16 characters of lowercase letters, digits and hyphens; got \"${var.resource_suffix}\"."
  }
}
