output "o2" {
  description = "Kept."
  value       = var.b
}

output "o3" {
  description = "New: an allowed addition."
  value       = var.c
}
