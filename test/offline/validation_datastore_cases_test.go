package offline

// Cases for modules/datastore's variables.tf.

func datastoreCases() moduleValidations {
	sizeError := func(class, engine string) wantError {
		return wantError{"db_instance_type", `db_instance_type "` + class + `" is too small for db_engine "` + engine + `": Aurora PostgreSQL needs at least a *.medium class such as "db.t4g.medium".`}
	}
	cidrs := func(got string) wantError {
		return wantError{"vpc_cidr_blocks", "vpc_cidr_blocks must not contain a /0 block: the database would be open to every address; got " + got + "."}
	}
	return moduleValidations{
		dir:  "modules/datastore",
		base: map[string]any{"resource_prefix": "metaflow", "metaflow_vpc_id": vpcID, "subnet_ids": []any{subnetA, subnetB}},
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
			{name: "many_bad_values", vars: map[string]any{
				"db_engine_version": "latest", "db_instance_type": "t3.small", "db_name": "1db", "kms_deletion_window_in_days": 6,
				"metaflow_vpc_id": "vpc-x", "vpc_cidr_blocks": []any{"10.0.0.0/33"},
			}, errors: []wantError{
				{"db_engine_version", `db_engine_version must be a version number such as "17" or "16.4"; got "latest".`},
				{"db_instance_type", `db_instance_type must be an RDS instance class such as "db.t3.small" or "db.r6g.large"; got "t3.small".`},
				{"db_name", `db_name must be 1-63 letters, digits or underscores starting with a letter; got "1db".`},
				{"kms_deletion_window_in_days", "kms_deletion_window_in_days must be a whole number from 7 to 30; got 6."},
				{"metaflow_vpc_id", `metaflow_vpc_id must be a VPC id of the form vpc-0123456789abcdef0; got "vpc-x".`},
				{"vpc_cidr_blocks", `vpc_cidr_blocks must hold CIDR blocks such as "10.0.0.0/16"; got ["10.0.0.0/33"].`},
			}},
		},
	}
}
