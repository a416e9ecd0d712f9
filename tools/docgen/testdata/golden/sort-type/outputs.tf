output "z_last" {
  description = "Sorted by name regardless."
  value       = var.a_number
}

output "a_first" {
  description = "First output."
  value       = var.b_string
}
