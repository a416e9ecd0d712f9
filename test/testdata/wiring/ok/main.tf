module "child" {
  source = "./modules/child"
  count  = var.enabled ? 1 : 0

  name = var.name
  size = 2
}

locals {
  ids = [for c in module.child : c.id]
}

resource "terraform_data" "this" {
  input = try(module.child[0].id, local.ids)
}

# A moved target inside a module call is a resource address, not an output.
moved {
  from = terraform_data.old
  to   = module.child[0].terraform_data.old
}
