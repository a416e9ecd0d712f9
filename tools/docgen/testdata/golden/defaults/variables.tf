variable "name" {
  description = "Name of the thing, used as the resource prefix."
  type        = string
}

variable "enabled" {
  description = "Whether anything is created."
  type        = bool
  default     = true
}

variable "ports" {
  description = "Ports to open, in order."
  type        = list(number)
  default     = [80, 443]
}
