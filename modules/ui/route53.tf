resource "aws_route53_record" "this" {
  count = module.common.ui_route53_zone_id != "" ? 1 : 0

  zone_id = module.common.ui_route53_zone_id
  name    = module.common.ui_hostname
  type    = "A"

  alias {
    name                   = aws_lb.this.dns_name
    zone_id                = aws_lb.this.zone_id
    evaluate_target_health = true
  }
}
