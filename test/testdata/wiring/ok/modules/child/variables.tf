variable "name" {
  description = "Name of the thing."
  type        = string
}

variable "size" {
  description = "Size of the thing."
  type        = number
}

variable "tags" {
  description = "Tags."
  type        = map(string)
  default     = {}
}
