variable "settings" {
  description = "An object with optional attributes, some with defaults."
  type = object({
    name = string
    size = optional(number, 10)
    tags = optional(map(string), {})
    nested = optional(object({
      enabled = optional(bool, false)
      cidrs   = optional(list(string))
    }))
  })
  default = {
    name = "x"
  }
}

variable "routes" {
  description = "Nested maps: environment -> region -> CIDRs."
  type        = map(map(list(string)))
  default = {
    prod = {
      "eu-west-1" = ["10.0.0.0/16", "10.1.0.0/16"]
    }
    dev = {}
  }
}

variable "policy" {
  description = "A heredoc default."
  type        = string
  default     = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": []
    }
  EOT
}

variable "nothing" {
  description = "A null default: optional, with no value."
  type        = string
  default     = null
}

variable "password" {
  description = "Sensitive input."
  type        = string
  sensitive   = true
  default     = "example-only"
}

variable "tricky_description" {
  description = <<-EOT
    A description | with a pipe, `backticks`, <angle> & ampersand,
    and a second line.

    * a list item
    * another one | with a pipe
  EOT
  type        = string
}

variable "untyped" {
  description = "No type, no default: required, type any."
}

variable "anything" {
  type = any
  default = {
    a = [1, 2]
    b = { c = true }
  }
}

# Described by a comment only (read-comments).
variable "commented" {
  type    = number
  default = 0
}

variable "objects" {
  description = "A list of objects."
  type = list(object({
    name  = string
    port  = number
    proto = optional(string, "tcp")
  }))
  default = [
    { name = "http", port = 80 },
    { name = "https", port = 443, proto = "tcp" },
  ]
}

variable "pair" {
  description = "A tuple."
  type        = tuple([string, number])
  default     = ["a", 1]
}

variable "labels" {
  description = "A set, empty by default."
  type        = set(string)
  default     = []
}

variable "empty_string" {
  description = "Empty string, false and zero are real defaults."
  type        = string
  default     = ""
}

variable "zero" {
  type    = number
  default = 0
}

variable "off" {
  type    = bool
  default = false
}

variable "unicode" {
  description = "Café, naïve, 東京 — non-ASCII text."
  type        = string
  default     = "ünïcode"
}

# terraform-docs-ignore
variable "ignored" {
  type    = string
  default = "never shown"
}
