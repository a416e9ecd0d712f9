output "config" {
  description = "Map of Metaflow configuration key to value, holding only the keys that apply to this deployment. Never holds a secret: the API key is not part of it."
  value       = local.config
}

output "json" {
  description = "The profile as a JSON object (keys sorted), to store as ~/.metaflow/config_NAME.json."
  value       = jsonencode(local.config)
}
