package offline

// Cases that make the remaining validation rules of each module fail, several
// at once where the rules are independent (an input that fails its own rule
// hides it from the rules of other inputs, so those get cases of their own).
// TestValidation fails when a validation block has no failing case.

func plainPrefixError(got string) wantError {
	return wantError{"resource_prefix", `resource_prefix must be 1-32 characters of lowercase letters, digits and hyphens, starting with a letter; got "` + got + `".`}
}

func plainSuffixError(got string) wantError {
	return wantError{"resource_suffix", `resource_suffix must be 0-16 characters of lowercase letters, digits and hyphens; got "` + got + `".`}
}

func partitionError(got string) wantError {
	return wantError{"iam_partition", `iam_partition must be one of aws, aws-cn, aws-us-gov; got "` + got + `".`}
}

func coverageCases() map[string][]validationCase {
	return map[string][]validationCase{
		".": {
			{name: "more_bad_values", vars: map[string]any{
				"existing_private_subnet_ids": []any{"subnet-0123456789abcdef0", "sub-1"},
				"extra_ui_backend_env_vars":   map[string]any{"BAD-NAME": "x"},
				"private_subnet_tags":         map[string]any{"aws:eks": "1"},
			}, errors: []wantError{
				{"existing_private_subnet_ids", `existing_private_subnet_ids must hold subnet ids such as subnet-0123456789abcdef0; got ["subnet-0123456789abcdef0","sub-1"].`},
				{"extra_ui_backend_env_vars", `extra_ui_backend_env_vars keys must be environment variable names (letters, digits and _, not starting with a digit); invalid: ["BAD-NAME"].`},
				tagsError("private_subnet_tags", `["aws:eks"]`),
			}},
			{name: "db_lifecycle_bounds", vars: map[string]any{"db_backup_retention_period": 35, "db_password_secret_recovery_window_in_days": 0, "kms_deletion_window_in_days": 7}},
			{name: "db_lifecycle_out_of_range", vars: map[string]any{"db_backup_retention_period": 0, "db_password_secret_recovery_window_in_days": 5, "kms_deletion_window_in_days": 31},
				errors: []wantError{
					{"db_backup_retention_period", "db_backup_retention_period must be a whole number of days from 1 to 35; got 0."},
					{"db_password_secret_recovery_window_in_days", "db_password_secret_recovery_window_in_days must be 0 or a whole number from 7 to 30; got 5."},
					{"kms_deletion_window_in_days", "kms_deletion_window_in_days must be a whole number from 7 to 30; got 31."},
				}},
		},
		"modules/profile": {
			{name: "internal_and_ui_urls_without_scheme", vars: map[string]any{"service_internal_url": "metaflow-nlb.internal/", "ui_url": "metaflow-ui.example.com"},
				errors: []wantError{
					{"service_internal_url", `service_internal_url must be empty or an http(s) URL; got "metaflow-nlb.internal/".`},
					{"ui_url", `ui_url must be empty or an http(s) URL; got "metaflow-ui.example.com".`},
				}},
		},
		"modules/datastore": {
			{name: "many_bad_values", vars: map[string]any{
				"db_engine_version": "latest", "db_instance_type": "t3.small", "db_name": "1db", "kms_deletion_window_in_days": 6,
				"metaflow_vpc_id": "vpc-x", "resource_suffix": "UP", "vpc_cidr_blocks": []any{"10.0.0.0/33"},
			}, errors: []wantError{
				{"db_engine_version", `db_engine_version must be a version number such as "17" or "16.4"; got "latest".`},
				{"db_instance_type", `db_instance_type must be an RDS instance class such as "db.t3.small" or "db.r6g.large"; got "t3.small".`},
				{"db_name", `db_name must be 1-63 letters, digits or underscores starting with a letter; got "1db".`},
				{"kms_deletion_window_in_days", "kms_deletion_window_in_days must be a whole number from 7 to 30; got 6."},
				{"metaflow_vpc_id", `metaflow_vpc_id must be a VPC id of the form vpc-0123456789abcdef0; got "vpc-x".`},
				suffixError("UP"),
				{"vpc_cidr_blocks", `vpc_cidr_blocks must hold CIDR blocks such as "10.0.0.0/16"; got ["10.0.0.0/33"].`},
			}},
		},
		"modules/computation": {
			{name: "many_bad_values", vars: map[string]any{
				"iam_partition": "aws-iso", "launch_template_http_endpoint": "on", "launch_template_http_tokens": "v2",
				"compute_environment_additional_security_group_ids": []any{"default"}, "resource_prefix": "Bad", "resource_suffix": "_x",
				"compute_environment_instance_types": []any{"C5.LARGE"}, "compute_environment_min_vcpus": -1,
			}, errors: []wantError{
				{"iam_partition", `iam_partition must be "aws", "aws-cn" or "aws-us-gov"; got "aws-iso".`},
				{"launch_template_http_endpoint", `launch_template_http_endpoint must be "enabled" or "disabled"; got "on".`},
				{"launch_template_http_tokens", `launch_template_http_tokens must be "optional" or "required"; got "v2".`},
				{"compute_environment_additional_security_group_ids", `compute_environment_additional_security_group_ids must hold security group ids of the form sg-0123456789abcdef0; got ["default"].`},
				commonPrefixError("Bad"),
				suffixError("_x"),
				{"compute_environment_instance_types", `compute_environment_instance_types must hold instance types such as "c5.large", families such as "c5", or "optimal"; got ["C5.LARGE"].`},
				{"compute_environment_min_vcpus", "compute_environment_min_vcpus must be a whole number of at least 0; got -1."},
			}},
			{name: "batch_type_spot", vars: map[string]any{"batch_type": "spot"},
				errors: []wantError{{"batch_type", `batch_type must be "ec2" or "fargate"; got "spot".`}}},
			{name: "instance_types_empty_for_ec2", vars: map[string]any{"compute_environment_instance_types": []any{}},
				errors: []wantError{{"compute_environment_instance_types", `compute_environment_instance_types must not be empty when batch_type is "ec2".`}}},
			{name: "gpu_without_types", vars: map[string]any{"enable_gpu": true, "gpu_instance_types": []any{}},
				errors: []wantError{{"gpu_instance_types", "gpu_instance_types must not be empty when enable_gpu is on."}}},
		},
		"modules/metadata-service": {
			{name: "many_bad_values", vars: map[string]any{
				"datastore_s3_bucket_kms_key_arn": "alias/metaflow", "iam_partition": "aws-iso", "metadata_service_container_image": "metaflow service",
				"metaflow_vpc_id": "vpc-x", "resource_prefix": "Bad", "resource_suffix": "_x", "s3_bucket_arn": "my-metaflow-bucket",
				"subnet_ids": []any{}, "database_name": "1db", "database_password_secret_kms_key_arn": "alias/secrets", "database_username": "meta-flow",
			}, errors: []wantError{
				{"datastore_s3_bucket_kms_key_arn", `datastore_s3_bucket_kms_key_arn must be "" or a KMS key ARN (arn:PARTITION:kms:REGION:ACCOUNT:key/ID); got "alias/metaflow".`},
				partitionError("aws-iso"),
				{"metadata_service_container_image", `metadata_service_container_image must be "" or an image reference without spaces; got "metaflow service".`},
				{"metaflow_vpc_id", `metaflow_vpc_id must be a VPC ID such as vpc-0123456789abcdef0; got "vpc-x".`},
				plainPrefixError("Bad"),
				plainSuffixError("_x"),
				{"s3_bucket_arn", `s3_bucket_arn must be an S3 bucket ARN (arn:PARTITION:s3:::BUCKET, no object path); got "my-metaflow-bucket".`},
				{"subnet_ids", "subnet_ids must hold at least one subnet ID such as subnet-0123456789abcdef0; got []."},
				{"database_name", `database_name must be 1-63 letters, digits or underscores, not starting with a digit; got "1db".`},
				{"database_password_secret_kms_key_arn", `database_password_secret_kms_key_arn must be "" or a KMS key ARN (arn:PARTITION:kms:REGION:ACCOUNT:key/ID); got "alias/secrets".`},
				{"database_username", `database_username must be 1-63 letters, digits or underscores, not starting with a digit; got "meta-flow".`},
			}},
		},
		"modules/step-functions": {
			{name: "many_bad_values", vars: map[string]any{"iam_partition": "aws-iso", "resource_prefix": "Bad", "resource_suffix": "_x"},
				errors: []wantError{partitionError("aws-iso"), plainPrefixError("Bad"), plainSuffixError("_x")}},
		},
		"modules/ui": {
			{name: "many_bad_values", vars: map[string]any{
				"database_username": "meta-flow", "datastore_s3_bucket_kms_key_arn": "alias/metaflow",
				"extra_ui_static_env_vars": map[string]any{"1BAD": "x"}, "iam_partition": "aws-iso", "log_retention_in_days": 2,
				"metaflow_vpc_id": "vpc-x", "resource_prefix": "Bad", "resource_suffix": "_x", "s3_bucket_arn": "my-metaflow-bucket",
				"subnet_ids": []any{}, "ui_allow_list": []any{"10.0.0.0/33"}, "ui_backend_container_image": "metaflow service",
				"vpc_cidr_blocks": []any{"2001:db8::/32"},
			}, errors: []wantError{
				{"database_username", `database_username must be 1-63 letters, digits or underscores, not starting with a digit; got "meta-flow".`},
				{"datastore_s3_bucket_kms_key_arn", `datastore_s3_bucket_kms_key_arn must be "" or a KMS key ARN (arn:PARTITION:kms:REGION:ACCOUNT:key/ID); got "alias/metaflow".`},
				{"extra_ui_static_env_vars", `extra_ui_static_env_vars keys must be environment variable names (letters, digits, underscores, not starting with a digit); got keys ["1BAD"].`},
				partitionError("aws-iso"),
				{"log_retention_in_days", "log_retention_in_days must be a CloudWatch Logs retention: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653, or 0 to keep logs for ever; got 2."},
				{"metaflow_vpc_id", `metaflow_vpc_id must be a VPC ID such as vpc-0123456789abcdef0; got "vpc-x".`},
				plainPrefixError("Bad"),
				plainSuffixError("_x"),
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
		"modules/services": {
			{name: "many_bad_values", vars: map[string]any{"iam_partition": "aws-iso", "resource_prefix": "Bad", "resource_suffix": "_x", "database_port": 0},
				errors: []wantError{partitionError("aws-iso"), plainPrefixError("Bad"), plainSuffixError("_x"),
					{"database_port", "database_port must be a whole number from 1 to 65535; got 0."}}},
		},
	}
}
