module "child" {
  source = "./modules/child"

  name   = "fixture"
  prefix = "oops"
}
