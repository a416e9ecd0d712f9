output "undescribed" {
  value = var.fine
}

output "described" {
  description = "Fine."
  value       = var.fine
}
