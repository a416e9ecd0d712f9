output "id" {
  description = "An output."
  value       = var.name
}
