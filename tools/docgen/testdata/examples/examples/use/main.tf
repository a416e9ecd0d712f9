module "metaflow" {
  source = "../.."

  resource_prefix = "mf"
  vpc_id          = "vpc-1"
}
