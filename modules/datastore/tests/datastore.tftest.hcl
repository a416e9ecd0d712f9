# Offline: every provider is mocked, so these runs check this module's own
# logic (which resources exist for which inputs, and how they are wired), not
# AWS behaviour.

# The offline schemas cannot tell which optional arguments the provider
# computes, so ids that the module wires into other resources get mock values
# here; otherwise they would be null and comparisons on them meaningless.
mock_provider "aws" {
  mock_resource "aws_security_group" {
    defaults = {
      id = "sg-0aaaaaaaaaaaaaaa1"
    }
  }

  mock_resource "aws_secretsmanager_secret" {
    defaults = {
      id = "arn:aws:secretsmanager:us-east-1:123456789012:secret:mf-test-db-password-AbCdEf"
    }
  }
}

mock_provider "random" {}

variables {
  resource_prefix = "mf-test"
  metaflow_vpc_id = "vpc-0123456789abcdef0"
  subnet_ids      = ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"]
}

run "postgres_instance_by_default" {
  command = apply

  assert {
    condition     = length(aws_db_instance.this) == 1 && length(aws_rds_cluster.this) == 0 && length(aws_rds_cluster_instance.this) == 0
    error_message = "db_engine \"postgres\" must create one RDS instance and no Aurora cluster."
  }

  assert {
    condition     = aws_db_instance.this[0].storage_encrypted && aws_db_instance.this[0].kms_key_id == aws_kms_key.rds.arn
    error_message = "The RDS instance must be encrypted with the module's RDS key."
  }

  assert {
    condition     = !aws_db_instance.this[0].publicly_accessible && aws_db_instance.this[0].multi_az
    error_message = "The RDS instance must be private and Multi-AZ by default."
  }

  assert {
    condition     = aws_db_instance.this[0].db_name == "metaflow" && aws_db_instance.this[0].username == "metaflow" && aws_db_instance.this[0].port == 5432
    error_message = "The database must be named metaflow, owned by user metaflow, on port 5432."
  }

  assert {
    condition     = aws_db_instance.this[0].backup_retention_period == 7 && !aws_db_instance.this[0].skip_final_snapshot
    error_message = "Automated backups (7 days) and a final snapshot must be on by default."
  }

  assert {
    condition     = startswith(aws_db_instance.this[0].final_snapshot_identifier, "mf-test-db-final-") && aws_db_instance.this[0].final_snapshot_identifier != "mf-test-db-final-"
    error_message = "The final snapshot name must be the name key plus a unique random part; got ${aws_db_instance.this[0].final_snapshot_identifier}."
  }

  assert {
    condition     = aws_db_instance.this[0].vpc_security_group_ids == toset([aws_security_group.db.id]) && aws_db_instance.this[0].db_subnet_group_name == aws_db_subnet_group.this.name
    error_message = "The RDS instance must sit in the module's subnet group behind the module's security group."
  }

  assert {
    condition     = output.database_host == aws_db_instance.this[0].address && output.database_endpoint == "${aws_db_instance.this[0].address}:5432"
    error_message = "database_host/database_endpoint must come from the RDS instance; got ${output.database_endpoint}."
  }

  assert {
    condition     = output.METAFLOW_DATASTORE_SYSROOT_S3 == "s3://mf-test-s3/metaflow" && output.METAFLOW_DATATOOLS_S3ROOT == "s3://mf-test-s3/data"
    error_message = "The S3 roots must be s3://BUCKET/metaflow and s3://BUCKET/data; got ${output.METAFLOW_DATASTORE_SYSROOT_S3} and ${output.METAFLOW_DATATOOLS_S3ROOT}."
  }
}

run "bucket_is_private_encrypted_and_tls_only" {
  command = apply

  assert {
    condition     = aws_s3_bucket.this.bucket == "mf-test-s3" && !aws_s3_bucket.this.force_destroy
    error_message = "The bucket must be named from the prefix and kept on destroy by default."
  }

  assert {
    condition = alltrue([
      aws_s3_bucket_public_access_block.this.block_public_acls,
      aws_s3_bucket_public_access_block.this.block_public_policy,
      aws_s3_bucket_public_access_block.this.ignore_public_acls,
      aws_s3_bucket_public_access_block.this.restrict_public_buckets,
    ])
    error_message = "All four public access block flags must be on."
  }

  assert {
    condition     = one(aws_s3_bucket_ownership_controls.this.rule).object_ownership == "BucketOwnerEnforced"
    error_message = "Object ownership must be BucketOwnerEnforced (ACLs off)."
  }

  assert {
    condition = anytrue([
      for rule in aws_s3_bucket_server_side_encryption_configuration.this.rule :
      rule.bucket_key_enabled && anytrue([
        for d in rule.apply_server_side_encryption_by_default :
        d.sse_algorithm == "aws:kms" && d.kms_master_key_id == aws_kms_key.s3.arn
      ])
    ])
    error_message = "Default encryption must be SSE-KMS with the module's S3 key and the bucket key on."
  }

  assert {
    condition = anytrue([
      for s in jsondecode(aws_s3_bucket_policy.this.policy).Statement :
      s.Effect == "Deny" && s.Principal == "*" && try(s.Condition.Bool["aws:SecureTransport"], "") == "false" && contains(s.Resource, "${aws_s3_bucket.this.arn}/*")
    ])
    error_message = "The bucket policy must deny every request that does not use TLS, on the bucket and its objects."
  }

  assert {
    condition     = output.datastore_s3_bucket_kms_key_arn == aws_kms_key.s3.arn && output.datastore_s3_bucket_kms_key_arn != aws_kms_key.rds.arn
    error_message = "datastore_s3_bucket_kms_key_arn must be the S3 key, not the RDS key."
  }
}

run "password_lives_only_in_the_secret" {
  command = apply

  assert {
    condition     = random_password.master.length <= 41 && random_password.master.length >= 32
    error_message = "The password must be long but within Aurora's 41-character limit; got ${random_password.master.length}."
  }

  assert {
    condition     = !anytrue([for c in ["/", "\"", "@", " ", "'", "\\", "$", "{", "}"] : strcontains(random_password.master.override_special, c)])
    error_message = "The password's special characters must exclude those RDS rejects and those a connection string must escape."
  }

  assert {
    condition     = aws_secretsmanager_secret.db_password.kms_key_id == aws_kms_key.rds.arn && output.database_password_secret_kms_key_arn == aws_kms_key.rds.arn
    error_message = "The secret must be encrypted with the RDS key, and that key must be the one the module outputs for it."
  }

  assert {
    condition     = aws_secretsmanager_secret_version.db_password.secret_id == aws_secretsmanager_secret.db_password.id && output.database_password_secret_arn == aws_secretsmanager_secret.db_password.arn
    error_message = "The output secret ARN must be the secret that holds the password."
  }

  assert {
    condition     = startswith(aws_secretsmanager_secret.db_password.name_prefix, "mf-test-db-password") && aws_secretsmanager_secret.db_password.recovery_window_in_days == 7
    error_message = "The secret must use the name key as a prefix and a 7-day recovery window by default."
  }
}

run "no_output_carries_the_password" {
  command = apply

  variables {
    tags = { team = "ml" }
  }

  assert {
    condition = !anytrue([
      for v in [
        output.METAFLOW_DATASTORE_SYSROOT_S3, output.METAFLOW_DATATOOLS_S3ROOT, output.database_endpoint, output.database_host,
        output.database_name, output.database_password_secret_arn, output.database_password_secret_kms_key_arn,
        output.database_security_group_id, output.database_username, output.datastore_s3_bucket_kms_key_arn,
        output.rds_kms_key_arn, output.s3_bucket_arn, output.s3_bucket_name,
      ] : strcontains(v, random_password.master.result)
    ])
    error_message = "No output may contain the database password."
  }

  assert {
    condition     = aws_s3_bucket.this.tags["team"] == "ml" && aws_db_instance.this[0].tags["team"] == "ml" && aws_secretsmanager_secret.db_password.tags["team"] == "ml"
    error_message = "tags must reach the bucket, the database and the secret."
  }
}

run "no_ingress_without_allowed_sources" {
  command = plan

  assert {
    condition     = length(aws_vpc_security_group_ingress_rule.db_from_security_groups) == 0 && length(aws_vpc_security_group_ingress_rule.db_from_cidr_blocks) == 0
    error_message = "With no allowed security groups or CIDR blocks the database must admit nobody."
  }
}

run "one_ingress_rule_per_allowed_source" {
  command = apply

  variables {
    allowed_security_group_ids = ["sg-0123456789abcdef0", "sg-0fedcba9876543210", "sg-0aaaaaaaaaaaaaaa2"]
    vpc_cidr_blocks            = ["10.0.0.0/16", "fd00:1::/56"]
  }

  assert {
    condition     = length(aws_vpc_security_group_ingress_rule.db_from_security_groups) == 3 && length(aws_vpc_security_group_ingress_rule.db_from_cidr_blocks) == 2
    error_message = "There must be one ingress rule per allowed security group and per CIDR block."
  }

  assert {
    condition = alltrue([
      for r in concat(aws_vpc_security_group_ingress_rule.db_from_security_groups, aws_vpc_security_group_ingress_rule.db_from_cidr_blocks) :
      r.ip_protocol == "tcp" && r.from_port == 5432 && r.to_port == 5432 && r.security_group_id == aws_security_group.db.id
    ])
    error_message = "Every ingress rule must admit TCP 5432 only, into the database security group."
  }

  assert {
    condition     = aws_vpc_security_group_ingress_rule.db_from_security_groups[1].referenced_security_group_id == "sg-0fedcba9876543210"
    error_message = "Security group rules must reference the allowed groups in order."
  }

  assert {
    condition     = aws_vpc_security_group_ingress_rule.db_from_cidr_blocks[0].cidr_ipv4 == "10.0.0.0/16" && aws_vpc_security_group_ingress_rule.db_from_cidr_blocks[1].cidr_ipv6 == "fd00:1::/56" && aws_vpc_security_group_ingress_rule.db_from_cidr_blocks[1].cidr_ipv4 == null
    error_message = "IPv4 blocks must go to cidr_ipv4 and IPv6 blocks to cidr_ipv6."
  }
}

run "aurora_cluster_with_standby" {
  command = apply

  variables {
    db_engine         = "aurora-postgresql"
    db_engine_version = "16.4"
    db_instance_type  = "db.r6g.large"
  }

  assert {
    condition     = length(aws_db_instance.this) == 0 && length(aws_rds_cluster.this) == 1 && length(aws_rds_cluster_instance.this) == 2
    error_message = "aurora-postgresql must create a cluster with a writer and a standby instance, and no RDS instance."
  }

  assert {
    condition     = aws_rds_cluster.this[0].storage_encrypted && aws_rds_cluster.this[0].kms_key_id == aws_kms_key.rds.arn && aws_rds_cluster.this[0].engine == "aurora-postgresql"
    error_message = "The Aurora cluster must be aurora-postgresql, encrypted with the RDS key."
  }

  assert {
    condition     = alltrue([for i in aws_rds_cluster_instance.this : !i.publicly_accessible && i.instance_class == "db.r6g.large"])
    error_message = "Aurora instances must be private and of db_instance_type."
  }

  assert {
    condition     = [for i in aws_rds_cluster_instance.this : i.identifier] == ["mf-test-db-1", "mf-test-db-2"]
    error_message = "Aurora instance identifiers must be numbered from the name key."
  }

  assert {
    condition     = output.database_host == aws_rds_cluster.this[0].endpoint && output.database_endpoint == "${aws_rds_cluster.this[0].endpoint}:5432"
    error_message = "With Aurora the endpoint outputs must be the cluster's writer endpoint."
  }

  assert {
    condition     = startswith(aws_rds_cluster.this[0].final_snapshot_identifier, "mf-test-db-final-")
    error_message = "The Aurora cluster must leave a uniquely named final snapshot by default."
  }
}

run "aurora_single_instance_when_not_multi_az" {
  command = plan

  variables {
    db_engine        = "aurora-postgresql"
    db_instance_type = "db.t4g.medium"
    db_multi_az      = false
  }

  assert {
    condition     = length(aws_rds_cluster_instance.this) == 1
    error_message = "Without db_multi_az Aurora must run a single instance."
  }
}

run "test_stack_settings" {
  command = plan

  variables {
    db_multi_az                                = false
    db_skip_final_snapshot                     = true
    db_deletion_protection                     = true
    db_backup_retention_period                 = 1
    kms_deletion_window_in_days                = 7
    enable_key_rotation                        = false
    force_destroy_s3_bucket                    = true
    allow_major_version_upgrade                = true
    db_password_secret_recovery_window_in_days = 0
  }

  assert {
    condition     = !aws_db_instance.this[0].multi_az && aws_db_instance.this[0].skip_final_snapshot
    error_message = "db_multi_az=false and db_skip_final_snapshot=true must reach the instance."
  }

  assert {
    condition     = aws_db_instance.this[0].deletion_protection && aws_db_instance.this[0].backup_retention_period == 1 && aws_db_instance.this[0].allow_major_version_upgrade
    error_message = "Deletion protection, backup retention and the major-upgrade switch must reach the instance."
  }

  assert {
    condition     = aws_kms_key.s3.deletion_window_in_days == 7 && aws_kms_key.rds.deletion_window_in_days == 7 && !aws_kms_key.s3.enable_key_rotation
    error_message = "The KMS deletion window and rotation must follow their inputs."
  }

  assert {
    condition     = aws_s3_bucket.this.force_destroy && aws_secretsmanager_secret.db_password.recovery_window_in_days == 0
    error_message = "force_destroy and the secret recovery window must follow their inputs."
  }
}

run "long_prefix_and_suffix_stay_within_aws_limits" {
  command = plan

  variables {
    resource_prefix  = "a-very-long-metaflow-prefix-0123"
    resource_suffix  = "suffix-012345678"
    db_engine        = "aurora-postgresql"
    db_instance_type = "db.r6g.large"
  }

  assert {
    condition     = length(aws_s3_bucket.this.bucket) <= 63 && length(aws_rds_cluster.this[0].cluster_identifier) <= 63
    error_message = "Bucket and cluster names must fit in 63 characters."
  }

  assert {
    condition     = alltrue([for i in aws_rds_cluster_instance.this : length(i.identifier) <= 63])
    error_message = "Aurora instance identifiers must fit in 63 characters."
  }
}

