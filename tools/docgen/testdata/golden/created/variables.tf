variable "name" {
  description = "A name; the README does not exist and is created."
  type        = string
  default     = "x"
}
