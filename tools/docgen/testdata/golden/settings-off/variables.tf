variable "triggers" {
  description = "Values whose change replaces the resource; keys with_underscores stay unescaped."
  type        = map(string)
  default = {
    a_b = "c|d"
  }
}

variable "required_one" {
  description = "Required, so listed first."
  type        = string
}

variable "list_default" {
  description = "A multi-line default without HTML."
  type        = list(string)
  default     = ["x", "y"]
}

variable "another_required" {
  description = "Also required."
  type        = number
}
