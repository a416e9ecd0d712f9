output "id" {
  description = "ID of the null resource."
  value       = null_resource.this.id
}

output "token" {
  description = "Sensitive, but the column is off."
  value       = "t"
  sensitive   = true
}
