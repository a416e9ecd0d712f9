variable "zeta" {
  description = "Declared first."
  type        = string
  default     = "z"
}

variable "alpha" {
  description = "Declared second."
  type        = string
}
