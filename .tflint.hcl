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
