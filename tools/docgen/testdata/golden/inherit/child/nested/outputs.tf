output "doubled" {
  description = "Twice the size."
  value       = local.doubled
}
