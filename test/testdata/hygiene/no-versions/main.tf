# Broken on purpose: a module without versions.tf.
locals {
  answer = 42
}
