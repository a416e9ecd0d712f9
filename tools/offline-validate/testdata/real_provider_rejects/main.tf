# Values the provider schema accepts and the provider itself rejects: the
# mock layer passes them, the real-provider layer must report each one.

resource "aws_lb_target_group" "name_too_long" {
  name     = "a-target-group-name-of-33-chars-x"
  port     = 80
  protocol = "HTTP"
  vpc_id   = "vpc-0123456789abcdef0"
}

resource "aws_lb" "unknown_ip_address_type" {
  name            = "fixture"
  ip_address_type = "ipv5"
  subnets         = ["subnet-0000000000000000a", "subnet-0000000000000000b"]
}

resource "aws_batch_compute_environment" "unknown_type" {
  type = "EC3"
}
