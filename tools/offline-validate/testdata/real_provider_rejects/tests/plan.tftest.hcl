mock_provider "aws" {}

run "plans" {
  command = plan

  assert {
    condition     = aws_lb_target_group.name_too_long.name == "a-target-group-name-of-33-chars-x" && aws_lb.unknown_ip_address_type.ip_address_type == "ipv5" && aws_batch_compute_environment.unknown_type.type == "EC3"
    error_message = "The mock provider must accept the values as they are."
  }
}
