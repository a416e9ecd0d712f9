# tflint with only its bundled terraform ruleset: no plugin downloads, so it
# runs offline and needs no `tflint --init`.
config {
  # Inspect calls to local modules (not registry ones, which would need
  # `terraform init`).
  call_module_type = "local"
}

plugin "terraform" {
  enabled = true
  preset  = "all"
}

# Outputs are snake_case, except the METAFLOW_* ones: the root contract and
# Metaflow's own configuration keys name them in upper case.
rule "terraform_naming_convention" {
  enabled = true

  output {
    custom = "^([a-z][a-z0-9_]*|METAFLOW_[A-Z0-9_]+)$"
  }
}
