# Addresses this module's resources had in outerbounds/metaflow/aws
# modules/datastore (v0.10.0 to v0.12.1 and its refresh branch), so a stack built by it
# keeps them on upgrade (UPGRADING.md). Where both lines had one address,
# one block serves both.

moved {
  from = aws_security_group.rds_security_group
  to   = aws_security_group.db
}

moved {
  from = random_password.this
  to   = random_password.master
}

moved {
  from = random_pet.final_snapshot_id
  to   = random_pet.final_snapshot
}

moved {
  from = aws_rds_cluster_instance.cluster_instances
  to   = aws_rds_cluster_instance.this
}

moved {
  from = aws_s3_bucket_ownership_controls.metaflow-datastore
  to   = aws_s3_bucket_ownership_controls.this
}
