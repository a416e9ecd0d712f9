variable "name" {
  type        = string
  description = "Bucket name."
}

output "upper_name" {
  value = upper(var.name)
}
