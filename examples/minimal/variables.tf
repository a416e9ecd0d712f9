variable "region" {
  description = "AWS region to deploy the stack in."
  type        = string
  default     = "us-west-2"
}

variable "resource_prefix" {
  description = "Start of every resource name (lowercase letters, digits and hyphens, starting with a letter). Empty lets the module generate \"metaflow-\" plus 5 random characters."
  type        = string
  default     = "metaflow"
}

variable "resource_suffix" {
  description = "End of every resource name, such as an environment name. Empty for none."
  type        = string
  default     = ""
}
