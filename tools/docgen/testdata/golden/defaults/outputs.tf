output "names" {
  description = "Every name the naming rule produced."
  value       = module.naming.id
}

output "enabled" {
  value = var.enabled
}
