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

variable "access_list_cidr_blocks" {
  description = "IPv4 CIDR blocks besides the VPC's (such as your VPN's) allowed to reach the metadata service, UI and Argo Workflows load balancers."
  type        = list(string)
  default     = []
}
