# Broken on purpose: each problem below is asserted by TestStaticChecksFailOnBrokenFixtures.
variable "untyped" {
  description = "Has a description but no type."
}

variable "undescribed" {
  type = string
}

variable "fine" {
  description = "Typed and described."
  type        = string
  default     = "x"
}
