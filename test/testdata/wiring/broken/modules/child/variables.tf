variable "name" {
  description = "Name of the thing."
  type        = string
}

variable "size" {
  description = "Required and never passed by the broken caller."
  type        = number
}

variable "tags" {
  description = "Tags."
  type        = map(string)
  default     = {}
}
