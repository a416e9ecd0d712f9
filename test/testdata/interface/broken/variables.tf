# Broken on purpose against baseline.json: "a" removed, "e" renamed to "e2",
# "b" retyped, "c" re-defaulted, "d" made optional, "f" added as required.
# "g" is unchanged (its map default written differently must still match).
variable "b" {
  description = "Was a number."
  type        = string
  default     = "1"
}

variable "c" {
  description = "New default."
  type        = list(string)
  default     = ["x"]
}

variable "d" {
  description = "Was required."
  type        = bool
  default     = false
}

variable "e2" {
  description = "Renamed from e."
  type        = string
  default     = "keep"
}

variable "f" {
  description = "New and required."
  type        = string
}

variable "g" {
  description = "Unchanged."
  type        = map(string)
  default = {
    "k" = "v"
  }
}

variable "h" {
  description = "New and optional: an allowed addition."
  type        = string
  default     = null
}
