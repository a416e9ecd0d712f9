variable "name" {
  description = "Name passed to the child."
  type        = string
}
