module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "6.6.0"

  name = "fixture"
}

output "subnets" {
  value = module.vpc.private_subnet_ids
}
