output "second" {
  description = "Declared first."
  value       = var.zeta
}

output "first" {
  description = "Declared second."
  value       = var.alpha
}
