variable "name" {
  description = "Required."
  type        = string
}
