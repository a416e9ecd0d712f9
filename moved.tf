# Addresses the root module's resources and submodule calls had in
# outerbounds/metaflow/aws (v0.10.0 to v0.12.1 and its refresh branch), so a
# stack built by it keeps them on upgrade (UPGRADING.md). v0.12 called every
# submodule without count, the refresh branch with count: a v0.12 address
# moves to the refresh one first, which moves to ours (Terraform allows one
# move into an address, and chains of them).

moved {
  from = module.metaflow-datastore
  to   = module.metaflow-datastore[0]
}

moved {
  from = module.metaflow-datastore[0]
  to   = module.datastore[0]
}

moved {
  from = module.metaflow-computation
  to   = module.metaflow-computation[0]
}

moved {
  from = module.metaflow-computation[0]
  to   = module.computation[0]
}

moved {
  from = module.metaflow-metadata-service
  to   = module.metaflow-metadata-service[0]
}

moved {
  from = module.metaflow-metadata-service[0]
  to   = module.metadata_service[0]
}

moved {
  from = module.metaflow-step-functions
  to   = module.metaflow-step-functions[0]
}

moved {
  from = module.metaflow-step-functions[0]
  to   = module.step_functions[0]
}

moved {
  from = module.metaflow-ui[0]
  to   = module.ui[0]
}

moved {
  from = module.metaflow_helm
  to   = module.services
}

moved {
  from = aws_ecr_repository.metaflow_batch_image
  to   = aws_ecr_repository.batch
}

moved {
  from = aws_iam_role.batch_s3_task_role
  to   = aws_iam_role.metaflow_task
}

moved {
  from = random_string.alphanumeric
  to   = random_string.prefix
}
