output "doubled" {
  description = "Twice the size, from the nested module."
  value       = module.nested.doubled
}
