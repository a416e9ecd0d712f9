output "id" {
  description = "Identifier."
  value       = "${var.name}-${var.size}"
}
