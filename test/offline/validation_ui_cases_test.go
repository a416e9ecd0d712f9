package offline

// Cases for modules/ui's variables.tf.

func uiCases() moduleValidations {
	return moduleValidations{
		dir: "modules/ui",
		base: map[string]any{
			"resource_prefix": "metaflow", "METAFLOW_DATASTORE_SYSROOT_S3": "s3://my-metaflow-bucket/metaflow",
			"alb_subnet_ids": []any{subnetA, subnetB}, "certificate_arn": certARN, "database_host": "metaflow-db.example.internal",
			"database_password_secret_arn": secretARN, "database_username": "metaflow", "datastore_s3_bucket_kms_key_arn": kmsKeyARN,
			"metaflow_vpc_id": vpcID, "s3_bucket_arn": bucketARN, "subnet_ids": []any{subnetA},
		},
		cases: []validationCase{
			{name: "minimal"},
			{name: "public_alb_ipv6_allow_list", vars: map[string]any{"alb_internal": false, "ui_allow_list": []any{"203.0.113.0/24", "2001:db8::/32"}}},
			{name: "iam_server_certificate", vars: map[string]any{"certificate_arn": "arn:aws:iam::" + docAccount + ":server-certificate/metaflow-ui"}},
			{name: "alb_one_subnet", vars: map[string]any{"alb_subnet_ids": []any{subnetA}},
				errors: []wantError{{"alb_subnet_ids", `alb_subnet_ids must hold at least two subnet IDs (an ALB spans two or more AZs), such as subnet-0123456789abcdef0; got ["subnet-0123456789abcdef0"].`}}},
			{name: "certificate_missing", vars: map[string]any{"certificate_arn": ""},
				errors: []wantError{{"certificate_arn", `certificate_arn must be an ACM certificate ARN (arn:PARTITION:acm:REGION:ACCOUNT:certificate/ID) or an IAM server certificate ARN; got "".`}}},
			// The password must come from the secret, never from a plain variable.
			{name: "backend_env_sets_db_password", vars: map[string]any{"extra_ui_backend_env_vars": map[string]any{"LOGLEVEL": "DEBUG", "MF_METADATA_DB_PSWD": "x"}},
				errors: []wantError{{"extra_ui_backend_env_vars", `extra_ui_backend_env_vars keys must be environment variable names (letters, digits, underscores, not starting with a digit) and must not set MF_METADATA_DB_PSWD, which comes from database_password_secret_arn; got keys ["LOGLEVEL","MF_METADATA_DB_PSWD"].`}}},
			{name: "sysroot_not_s3", vars: map[string]any{"METAFLOW_DATASTORE_SYSROOT_S3": "my-metaflow-bucket/metaflow"},
				errors: []wantError{{"METAFLOW_DATASTORE_SYSROOT_S3", `METAFLOW_DATASTORE_SYSROOT_S3 must be an s3:// URL of a bucket and optional prefix, such as s3://my-bucket/metaflow; got "my-metaflow-bucket/metaflow".`}}},
			{name: "static_image_with_space", vars: map[string]any{"ui_static_container_image": "metaflow ui:latest"},
				errors: []wantError{{"ui_static_container_image", `ui_static_container_image must be "" or an image reference without spaces; got "metaflow ui:latest".`}}},
			{name: "many_bad_values", vars: map[string]any{
				"database_username": "meta-flow", "datastore_s3_bucket_kms_key_arn": "alias/metaflow",
				"extra_ui_static_env_vars": map[string]any{"1BAD": "x"}, "iam_partition": "aws-iso", "log_retention_in_days": 2,
				"metaflow_vpc_id": "vpc-x", "s3_bucket_arn": "my-metaflow-bucket",
				"subnet_ids": []any{}, "ui_allow_list": []any{"10.0.0.0/33"}, "ui_backend_container_image": "metaflow service",
				"vpc_cidr_blocks": []any{"2001:db8::/32"},
			}, errors: []wantError{
				{"database_username", `database_username must be 1-63 letters, digits or underscores, not starting with a digit; got "meta-flow".`},
				{"datastore_s3_bucket_kms_key_arn", `datastore_s3_bucket_kms_key_arn must be "" or a KMS key ARN (arn:PARTITION:kms:REGION:ACCOUNT:key/ID); got "alias/metaflow".`},
				{"extra_ui_static_env_vars", `extra_ui_static_env_vars keys must be environment variable names (letters, digits, underscores, not starting with a digit); got keys ["1BAD"].`},
				partitionError("aws-iso"),
				{"log_retention_in_days", "log_retention_in_days must be a CloudWatch Logs retention: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653, or 0 to keep logs for ever; got 2."},
				{"metaflow_vpc_id", `metaflow_vpc_id must be a VPC ID such as vpc-0123456789abcdef0; got "vpc-x".`},
				{"s3_bucket_arn", `s3_bucket_arn must be an S3 bucket ARN (arn:PARTITION:s3:::BUCKET, no object path); got "my-metaflow-bucket".`},
				{"subnet_ids", "subnet_ids must hold at least one subnet ID such as subnet-0123456789abcdef0; got []."},
				{"ui_allow_list", `ui_allow_list must hold CIDR blocks such as 203.0.113.0/24 or 2001:db8::/32; got ["10.0.0.0/33"].`},
				{"ui_backend_container_image", `ui_backend_container_image must be "" or an image reference without spaces; got "metaflow service".`},
				{"vpc_cidr_blocks", `vpc_cidr_blocks must hold IPv4 CIDR blocks such as 10.0.0.0/16; got ["2001:db8::/32"].`},
			}},
			{name: "bad_database_values", vars: map[string]any{
				"database_host": "postgres://db", "database_name": "meta-flow", "database_password_secret_arn": "arn:aws:ssm:us-east-1:" + docAccount + ":parameter/db",
				"database_password_secret_kms_key_arn": "alias/secrets", "database_port": 5432.5,
			}, errors: []wantError{
				{"database_host", `database_host must be a host name or IP address without port or scheme; got "postgres://db".`},
				{"database_name", `database_name must be 1-63 letters, digits or underscores, not starting with a digit; got "meta-flow".`},
				{"database_password_secret_arn", `database_password_secret_arn must be a Secrets Manager secret ARN (arn:PARTITION:secretsmanager:REGION:ACCOUNT:secret:NAME); got "arn:aws:ssm:us-east-1:` + docAccount + `:parameter/db".`},
				{"database_password_secret_kms_key_arn", `database_password_secret_kms_key_arn must be "" or a KMS key ARN (arn:PARTITION:kms:REGION:ACCOUNT:key/ID); got "alias/secrets".`},
				{"database_port", "database_port must be a whole number from 1 to 65535; got 5432.5."},
			}},
		},
	}
}
