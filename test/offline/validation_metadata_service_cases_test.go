package offline

// Cases for modules/metadata-service's variables.tf.

func metadataServiceCases() moduleValidations {
	return moduleValidations{
		dir: "modules/metadata-service",
		base: map[string]any{
			"resource_prefix": "metaflow", "database_host": "metaflow-db.example.internal", "database_username": "metaflow",
			"database_password_secret_arn": secretARN, "datastore_s3_bucket_kms_key_arn": kmsKeyARN,
			"metaflow_vpc_id": vpcID, "s3_bucket_arn": bucketARN, "subnet_ids": []any{subnetA}, "vpc_cidr_blocks": []any{"10.0.0.0/16"},
		},
		cases: []validationCase{
			{name: "minimal"},
			// The sizes are checked by modules/common (its cases, and
			// TestFargateServicesThroughCallers through this module).
			{name: "sizes_are_numbers", vars: map[string]any{
				"metadata_service_cpu": 4096, "metadata_service_memory": 30720, "metadata_service_ephemeral_storage": 200, "metadata_service_desired_count": 3,
			}},
			{name: "migration_lambda_off", vars: map[string]any{"enable_migration_lambda": false}},
			// The endpoint type and id values are modules/common's to check.
			{name: "api_private", vars: map[string]any{"metadata_service_api_endpoint_type": "PRIVATE", "metadata_service_api_vpc_endpoint_id": "vpce-0123456789abcdef0", "metadata_service_api_vpc_endpoint_private_dns": true}},
			{name: "api_private_without_gateway_or_endpoint", vars: map[string]any{"metadata_service_api_endpoint_type": "PRIVATE", "enable_api_gateway": false},
				errors: []wantError{
					{"metadata_service_api_endpoint_type", `metadata_service_api_endpoint_type = "PRIVATE" needs enable_api_gateway = true: the private API is API Gateway's (without it clients use the internal NLB, already private).`},
					{"metadata_service_api_endpoint_type", `metadata_service_api_endpoint_type = "PRIVATE" needs metadata_service_api_vpc_endpoint_id: the execute-api interface VPC endpoint the API is reached through (the root module creates one when it is not given).`},
				}},
			{name: "api_private_dns_on_a_regional_api", vars: map[string]any{"metadata_service_api_vpc_endpoint_private_dns": true},
				errors: []wantError{{"metadata_service_api_vpc_endpoint_private_dns", `metadata_service_api_vpc_endpoint_private_dns is used only by a private API: set metadata_service_api_endpoint_type = "PRIVATE", or leave it false.`}}},
			// The zip's own rule and the switch's both report; neither needs the other valid.
			{name: "migration_lambda_off_with_a_zip", vars: map[string]any{"enable_migration_lambda": false, "db_migrate_lambda_zip_file": "/nonexistent/db_migrate.zip"},
				errors: []wantError{
					{"db_migrate_lambda_zip_file", `db_migrate_lambda_zip_file must be null or the path of an existing .zip file; got "/nonexistent/db_migrate.zip".`},
					{"db_migrate_lambda_zip_file", "db_migrate_lambda_zip_file is set, but enable_migration_lambda = false creates no migration Lambda to deploy it: unset db_migrate_lambda_zip_file, or set enable_migration_lambda = true."},
				}},
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
