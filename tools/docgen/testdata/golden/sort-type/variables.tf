variable "b_string" {
  description = "A string."
  type        = string
  default     = "b"
}

variable "a_number" {
  description = "A number."
  type        = number
  default     = 1
}

# Comment that is not read.
variable "c_bool" {
  type    = bool
  default = true
}

variable "d_map" {
  description = "A map."
  type        = map(number)
  default = {
    one = 1
  }
}

variable "e_required" {
  description = "Required list."
  type        = list(string)
}
