# Broken on purpose: each problem below is asserted by TestStaticChecksFailOnBrokenFixtures.
module "child" {
  source = "./modules/child"

  name      = var.name
  nmae      = "typo"
  tags      = var.tagz
  extra_arg = true
}

resource "terraform_data" "this" {
  input = [module.child.arn, module.child.id, module.missing.id]
}
