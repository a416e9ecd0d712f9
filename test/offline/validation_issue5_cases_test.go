package offline

// Cases for the variables.tf of modules/datastore and modules/computation
// (issue 5). Their owners write the validations; these cases hold them to
// their messages and boundaries.

func datastoreCases() moduleValidations {
	sizeError := func(class, engine string) wantError {
		return wantError{"db_instance_type", `db_instance_type "` + class + `" is too small for db_engine "` + engine + `": Aurora PostgreSQL needs at least a *.medium class such as "db.t4g.medium".`}
	}
	cidrs := func(got string) wantError {
		return wantError{"vpc_cidr_blocks", "vpc_cidr_blocks must not contain a /0 block: the database would be open to every address; got " + got + "."}
	}
	return moduleValidations{
		dir:   "modules/datastore",
		owner: "issue 5",
		base:  map[string]any{"resource_prefix": "metaflow", "metaflow_vpc_id": vpcID, "subnet_ids": []any{subnetA, subnetB}},
		cases: []validationCase{
			{name: "minimal"},
			{name: "aurora_medium", vars: map[string]any{"db_engine": "aurora-postgresql", "db_instance_type": "db.t4g.medium", "db_engine_version": "16.4"}},
			{name: "aurora_small", vars: map[string]any{"db_engine": "aurora-postgresql", "db_instance_type": "db.t3.small"}, errors: []wantError{sizeError("db.t3.small", "aurora-postgresql")}},
			{name: "engine_mysql", vars: map[string]any{"db_engine": "mysql"},
				errors: []wantError{{"db_engine", `db_engine must be "postgres" or "aurora-postgresql" (the metadata service needs PostgreSQL); got "mysql".`}}},
			{name: "one_subnet", vars: map[string]any{"subnet_ids": []any{subnetA}},
				errors: []wantError{{"subnet_ids", "subnet_ids must list at least two subnets (in different availability zones), as RDS requires for a DB subnet group; got 1."}}},
			{name: "subnet_not_an_id", vars: map[string]any{"subnet_ids": []any{subnetA, "my-subnet"}},
				errors: []wantError{{"subnet_ids", `subnet_ids must hold subnet ids of the form subnet-0123456789abcdef0; got ["subnet-0123456789abcdef0","my-subnet"].`}}},
			{name: "cidr_open_to_world", vars: map[string]any{"vpc_cidr_blocks": []any{"10.0.0.0/16", "0.0.0.0/0"}}, errors: []wantError{cidrs(`["10.0.0.0/16","0.0.0.0/0"]`)}},
			{name: "cidr_ipv6_open_to_world", vars: map[string]any{"vpc_cidr_blocks": []any{"::/0"}}, errors: []wantError{cidrs(`["::/0"]`)}},
			{name: "backup_retention_bounds", vars: map[string]any{"db_backup_retention_period": 35, "kms_deletion_window_in_days": 7, "db_password_secret_recovery_window_in_days": 0}},
			{name: "backup_retention_off", vars: map[string]any{"db_backup_retention_period": 0},
				errors: []wantError{{"db_backup_retention_period", "db_backup_retention_period must be a whole number of days from 1 to 35 (0 would turn automated backups off); got 0."}}},
			{name: "secret_recovery_window_5", vars: map[string]any{"db_password_secret_recovery_window_in_days": 5},
				errors: []wantError{{"db_password_secret_recovery_window_in_days", "db_password_secret_recovery_window_in_days must be 0 or from 7 to 30; got 5."}}},
			{name: "username_reserved", vars: map[string]any{"db_username": "Postgres"},
				errors: []wantError{{"db_username", `db_username must be 1-16 letters, digits or underscores starting with a letter, and not a reserved name (admin, postgres, rdsadmin, root, user); got "Postgres".`}}},
			{name: "allowed_security_group_not_an_id", vars: map[string]any{"allowed_security_group_ids": []any{"metadata"}},
				errors: []wantError{{"allowed_security_group_ids", `allowed_security_group_ids must hold security group ids of the form sg-0123456789abcdef0; got ["metadata"].`}}},
			{name: "prefix_missing", vars: map[string]any{"resource_prefix": ""}, errors: []wantError{commonPrefixError("")}},
		},
	}
}

func computationCases() moduleValidations {
	return moduleValidations{
		dir:   "modules/computation",
		owner: "issue 5",
		base:  map[string]any{"resource_prefix": "metaflow", "metaflow_vpc_id": vpcID, "subnet_ids": []any{subnetA}},
		cases: []validationCase{
			{name: "minimal"},
			{name: "gpu_on_ec2", vars: map[string]any{"enable_gpu": true, "gpu_instance_types": []any{"g5.xlarge", "p4d"}}},
			{name: "gpu_on_fargate", vars: map[string]any{"enable_gpu": true, "batch_type": "fargate"},
				errors: []wantError{{"enable_gpu", `enable_gpu needs batch_type "ec2": Batch on Fargate has no GPUs; got batch_type "fargate".`}}},
			{name: "gpu_type_unsupported_by_ami", vars: map[string]any{"gpu_instance_types": []any{"g5.xlarge", "p3.2xlarge"}},
				errors: []wantError{{"gpu_instance_types", `gpu_instance_types must hold NVIDIA GPU instance types or families of the g/p series from g4dn/p4 on, such as "g5.xlarge" or "p4d" (not g3, p3, g4ad or g5g); got ["g5.xlarge","p3.2xlarge"].`}}},
			{name: "desired_over_max", vars: map[string]any{"compute_environment_desired_vcpus": 100},
				errors: []wantError{{"compute_environment_desired_vcpus", "compute_environment_desired_vcpus must be a whole number from compute_environment_min_vcpus (0) to compute_environment_max_vcpus (64); got 100."}}},
			{name: "vcpus_all_equal", vars: map[string]any{"compute_environment_min_vcpus": 4, "compute_environment_desired_vcpus": 4, "compute_environment_max_vcpus": 4}},
			{name: "max_below_min", vars: map[string]any{"compute_environment_min_vcpus": 8, "compute_environment_desired_vcpus": 8, "compute_environment_max_vcpus": 4},
				errors: []wantError{{"compute_environment_max_vcpus", "compute_environment_max_vcpus must be a whole number of at least 1 and at least compute_environment_min_vcpus (8); got 4."}}},
			{name: "allocation_spot", vars: map[string]any{"compute_environment_allocation_strategy": "SPOT_CAPACITY_OPTIMIZED"},
				errors: []wantError{{"compute_environment_allocation_strategy", `compute_environment_allocation_strategy must be "BEST_FIT" or "BEST_FIT_PROGRESSIVE" (the SPOT_* strategies need a Spot compute environment, which this module does not create); got "SPOT_CAPACITY_OPTIMIZED".`}}},
			{name: "root_volume_30", vars: map[string]any{"compute_environment_root_volume_size": 30}},
			{name: "root_volume_29", vars: map[string]any{"compute_environment_root_volume_size": 29},
				errors: []wantError{{"compute_environment_root_volume_size", "compute_environment_root_volume_size must be a whole number of GiB from 30 (the ECS-optimized AMI's own size) to 16384; got 29."}}},
			{name: "ami_not_an_id", vars: map[string]any{"launch_template_image_id": "amazon-linux"},
				errors: []wantError{{"launch_template_image_id", `launch_template_image_id must be null or an AMI id of the form ami-0123456789abcdef0; got "amazon-linux".`}}},
			{name: "no_subnets", vars: map[string]any{"subnet_ids": []any{}},
				errors: []wantError{{"subnet_ids", "subnet_ids must hold at least one subnet id of the form subnet-0123456789abcdef0; got []."}}},
			{name: "no_egress", vars: map[string]any{"compute_environment_egress_cidr_blocks": []any{}},
				errors: []wantError{{"compute_environment_egress_cidr_blocks", `compute_environment_egress_cidr_blocks must hold at least one CIDR block such as "0.0.0.0/0" or "10.0.0.0/16" (without egress the instances cannot join the cluster); got [].`}}},
			{name: "hop_limit_65", vars: map[string]any{"launch_template_http_put_response_hop_limit": 65}, errors: []wantError{{"launch_template_http_put_response_hop_limit", "launch_template_http_put_response_hop_limit must be a whole number from 1 to 64; got 65."}}},
			{name: "vpc_not_an_id", vars: map[string]any{"metaflow_vpc_id": "default"},
				errors: []wantError{{"metaflow_vpc_id", `metaflow_vpc_id must be a VPC id of the form vpc-0123456789abcdef0; got "default".`}}},
		},
	}
}
