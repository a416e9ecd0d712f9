module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "6.6.0"

  name              = "fixture"
  cidr              = "10.0.0.0/16"
  private_subnet_id = ["10.0.1.0/24"]
}
