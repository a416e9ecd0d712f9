output "alb_arn" {
  description = "ARN of the UI load balancer."
  value       = aws_lb.this.arn
}

output "alb_dns_name" {
  description = "DNS name of the UI load balancer; point a record of the certificate's domain at it."
  value       = aws_lb.this.dns_name
}

output "alb_security_group_id" {
  description = "Security group of the UI load balancer."
  value       = aws_security_group.alb.id
}

output "authentication" {
  description = "The login the UI's HTTPS listener asks for before it forwards (ui_authentication): \"oidc\", \"cognito\", or null for none."
  value       = one([for a in aws_lb_listener.https.default_action : trimprefix(a.type, "authenticate-") if startswith(a.type, "authenticate-")])
}

output "ui_backend_security_group_id" {
  description = "Security group of the UI backend tasks; add it to the database's allowed security groups so the backend can read the metadata."
  value       = aws_security_group.backend.id
}

output "url" {
  description = "HTTPS URL of the UI (METAFLOW_UI_URL): at ui_hostname when set, else at the load balancer's DNS name."
  value       = "https://${module.common.ui_hostname != "" ? module.common.ui_hostname : aws_lb.this.dns_name}/"
}
