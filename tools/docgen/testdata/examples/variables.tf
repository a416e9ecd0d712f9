variable "resource_prefix" {
  description = "Required."
  type        = string
}

variable "vpc_id" {
  description = "Required."
  type        = string
}

variable "tags" {
  description = "Optional."
  type        = map(string)
  default     = {}
}
