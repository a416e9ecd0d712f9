variable "size" {
  description = "Passed to the nested module."
  type        = number
  default     = 3
}
