variable "size" {
  description = "A size."
  type        = number
}
