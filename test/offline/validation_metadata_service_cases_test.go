package offline

// Cases for modules/metadata-service's variables.tf.

func metadataServiceCases() moduleValidations {
	memoryError := func(mem, cpu string) wantError {
		return wantError{"metadata_service_memory", "metadata_service_memory " + mem + " is not offered by Fargate with metadata_service_cpu " + cpu + ": 256 takes 512/1024/2048; 512 takes 1024-4096, 1024 takes 2048-8192, 2048 takes 4096-16384, 4096 takes 8192-30720 (steps of 1024); 8192 takes 16384-61440 (steps of 4096); 16384 takes 32768-122880 (steps of 8192)."}
	}
	return moduleValidations{
		dir: "modules/metadata-service",
		base: map[string]any{
			"resource_prefix": "metaflow", "database_host": "metaflow-db.example.internal", "database_username": "metaflow",
			"database_password_secret_arn": secretARN, "datastore_s3_bucket_kms_key_arn": kmsKeyARN,
			"metaflow_vpc_id": vpcID, "s3_bucket_arn": bucketARN, "subnet_ids": []any{subnetA}, "vpc_cidr_blocks": []any{"10.0.0.0/16"},
		},
		cases: []validationCase{
			{name: "minimal"},
			{name: "fargate_512_4096", vars: map[string]any{"metadata_service_cpu": 512, "metadata_service_memory": 4096}},
			{name: "fargate_8192_61440", vars: map[string]any{"metadata_service_cpu": 8192, "metadata_service_memory": 61440}},
			{name: "fargate_256_4096", vars: map[string]any{"metadata_service_cpu": 256, "metadata_service_memory": 4096}, errors: []wantError{memoryError("4096", "256")}},
			{name: "fargate_512_5120", vars: map[string]any{"metadata_service_cpu": 512, "metadata_service_memory": 5120}, errors: []wantError{memoryError("5120", "512")}},
			{name: "fargate_8192_18432_off_step", vars: map[string]any{"metadata_service_cpu": 8192, "metadata_service_memory": 18432}, errors: []wantError{memoryError("18432", "8192")}},
			{name: "fargate_cpu_300", vars: map[string]any{"metadata_service_cpu": 300},
				errors: []wantError{{"metadata_service_cpu", "metadata_service_cpu must be a Fargate CPU size: 256, 512, 1024, 2048, 4096, 8192 or 16384; got 300."}}},
			{name: "log_retention_2", vars: map[string]any{"log_retention_in_days": 2},
				errors: []wantError{{"log_retention_in_days", "log_retention_in_days must be a CloudWatch Logs retention: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653, or 0 to keep logs for ever; got 2."}}},
			{name: "migration_zip_missing", vars: map[string]any{"db_migrate_lambda_zip_file": "/nonexistent/db_migrate.zip"},
				errors: []wantError{{"db_migrate_lambda_zip_file", `db_migrate_lambda_zip_file must be null or the path of an existing .zip file; got "/nonexistent/db_migrate.zip".`}}},
			{name: "password_as_plain_value", vars: map[string]any{"database_password_secret_arn": "Not-A-Real-Passw0rd"},
				errors: []wantError{{"database_password_secret_arn", `database_password_secret_arn must be a Secrets Manager secret ARN (arn:PARTITION:secretsmanager:REGION:ACCOUNT:secret:NAME); got "Not-A-Real-Passw0rd".`}}},
			{name: "access_list_ipv6", vars: map[string]any{"access_list_cidr_blocks": []any{"2001:db8::/32"}},
				errors: []wantError{{"access_list_cidr_blocks", `access_list_cidr_blocks must hold IPv4 CIDR blocks such as 203.0.113.0/24; got ["2001:db8::/32"].`}}},
			{name: "no_vpc_cidr", vars: map[string]any{"vpc_cidr_blocks": []any{}},
				errors: []wantError{{"vpc_cidr_blocks", "vpc_cidr_blocks must hold at least one IPv4 CIDR block such as 10.0.0.0/16; got []."}}},
			{name: "host_with_port", vars: map[string]any{"database_host": "db.internal:5432"},
				errors: []wantError{{"database_host", `database_host must be a host name or IP address without port or scheme; got "db.internal:5432".`}}},
			{name: "port_65536", vars: map[string]any{"database_port": 65536},
				errors: []wantError{{"database_port", "database_port must be a whole number from 1 to 65535; got 65536."}}},
			{name: "many_bad_values", vars: map[string]any{
				"datastore_s3_bucket_kms_key_arn": "alias/metaflow", "iam_partition": "aws-iso", "metadata_service_container_image": "metaflow service",
				"metaflow_vpc_id": "vpc-x", "s3_bucket_arn": "my-metaflow-bucket",
				"subnet_ids": []any{}, "database_name": "1db", "database_password_secret_kms_key_arn": "alias/secrets", "database_username": "meta-flow",
			}, errors: []wantError{
				{"datastore_s3_bucket_kms_key_arn", `datastore_s3_bucket_kms_key_arn must be "" or a KMS key ARN (arn:PARTITION:kms:REGION:ACCOUNT:key/ID); got "alias/metaflow".`},
				partitionError("aws-iso"),
				{"metadata_service_container_image", `metadata_service_container_image must be "" or an image reference without spaces; got "metaflow service".`},
				{"metaflow_vpc_id", `metaflow_vpc_id must be a VPC ID such as vpc-0123456789abcdef0; got "vpc-x".`},
				{"s3_bucket_arn", `s3_bucket_arn must be an S3 bucket ARN (arn:PARTITION:s3:::BUCKET, no object path); got "my-metaflow-bucket".`},
				{"subnet_ids", "subnet_ids must hold at least one subnet ID such as subnet-0123456789abcdef0; got []."},
				{"database_name", `database_name must be 1-63 letters, digits or underscores, not starting with a digit; got "1db".`},
				{"database_password_secret_kms_key_arn", `database_password_secret_kms_key_arn must be "" or a KMS key ARN (arn:PARTITION:kms:REGION:ACCOUNT:key/ID); got "alias/secrets".`},
				{"database_username", `database_username must be 1-63 letters, digits or underscores, not starting with a digit; got "meta-flow".`},
			}},
		},
	}
}
