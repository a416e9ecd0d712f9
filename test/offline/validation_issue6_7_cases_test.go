package offline

// Cases for the variables.tf of modules/metadata-service, modules/step-functions,
// modules/ui (issue 6) and modules/services (issue 7). Their owners write the
// validations; these cases hold them to their messages and boundaries.

const (
	secretARN   = "arn:aws:secretsmanager:us-east-1:" + docAccount + ":secret:metaflow-db-password-AbCdEf"
	bucketARN   = "arn:aws:s3:::my-metaflow-bucket"
	jobQueueARN = "arn:aws:batch:us-east-1:" + docAccount + ":job-queue/metaflow-batch-queue"
)

func metadataServiceCases() moduleValidations {
	memoryError := func(mem, cpu string) wantError {
		return wantError{"metadata_service_memory", "metadata_service_memory " + mem + " is not offered by Fargate with metadata_service_cpu " + cpu + ": 256 takes 512/1024/2048; 512 takes 1024-4096, 1024 takes 2048-8192, 2048 takes 4096-16384, 4096 takes 8192-30720 (steps of 1024); 8192 takes 16384-61440 (steps of 4096); 16384 takes 32768-122880 (steps of 8192)."}
	}
	return moduleValidations{
		dir:   "modules/metadata-service",
		owner: "issue 6",
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
		},
	}
}

func stepFunctionsCases() moduleValidations {
	return moduleValidations{
		dir:   "modules/step-functions",
		owner: "issue 6",
		base:  map[string]any{"resource_prefix": "metaflow", "batch_job_queue_arn": jobQueueARN, "s3_bucket_arn": bucketARN, "s3_bucket_kms_arn": kmsKeyARN},
		cases: []validationCase{
			{name: "minimal"},
			{name: "bucket_with_s3_managed_keys", vars: map[string]any{"s3_bucket_kms_arn": ""}},
			{name: "queue_is_compute_environment", vars: map[string]any{"batch_job_queue_arn": "arn:aws:batch:us-east-1:" + docAccount + ":compute-environment/metaflow-batch"},
				errors: []wantError{{"batch_job_queue_arn", `batch_job_queue_arn must be an AWS Batch job queue ARN (arn:PARTITION:batch:REGION:ACCOUNT:job-queue/NAME); got "arn:aws:batch:us-east-1:` + docAccount + `:compute-environment/metaflow-batch".`}}},
			{name: "bucket_arn_with_path", vars: map[string]any{"s3_bucket_arn": bucketARN + "/metaflow"},
				errors: []wantError{{"s3_bucket_arn", `s3_bucket_arn must be an S3 bucket ARN (arn:PARTITION:s3:::BUCKET, no object path); got "` + bucketARN + `/metaflow".`}}},
			{name: "govcloud_partition", vars: map[string]any{"iam_partition": "aws-us-gov", "batch_job_queue_arn": "arn:aws-us-gov:batch:us-gov-west-1:" + docAccount + ":job-queue/q", "s3_bucket_arn": "arn:aws-us-gov:s3:::my-metaflow-bucket", "s3_bucket_kms_arn": ""}},
			{name: "kms_alias_not_key", vars: map[string]any{"s3_bucket_kms_arn": "alias/metaflow-s3"},
				errors: []wantError{{"s3_bucket_kms_arn", `s3_bucket_kms_arn must be "" or a KMS key ARN (arn:PARTITION:kms:REGION:ACCOUNT:key/ID); got "alias/metaflow-s3".`}}},
		},
	}
}

func uiCases() moduleValidations {
	return moduleValidations{
		dir:   "modules/ui",
		owner: "issue 6",
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
		},
	}
}

func servicesCases() moduleValidations {
	return moduleValidations{
		dir:   "modules/services",
		owner: "issue 7",
		base:  map[string]any{"resource_prefix": "metaflow", "kubernetes_namespace": "metaflow-service"},
		cases: []validationCase{
			{name: "minimal"},
			{name: "services_complete", vars: map[string]any{"deploy_metaflow_services": true, "database_host": "metaflow-db.example.internal", "database_password_secret_arn": secretARN, "datastore_sysroot_s3": "s3://my-metaflow-bucket/metaflow"}},
			{name: "services_missing_database_and_datastore", vars: map[string]any{"deploy_metaflow_services": true},
				errors: []wantError{
					{"database_host", "database_host must be set when deploy_metaflow_services is true."},
					{"database_password_secret_arn", `database_password_secret_arn must be a Secrets Manager secret ARN when deploy_metaflow_services is true; got "".`},
					{"datastore_sysroot_s3", `datastore_sysroot_s3 must be an S3 URL such as s3://my-bucket/metaflow when deploy_metaflow_services is true; got "".`},
				}},
			{name: "autoscaler_complete", vars: map[string]any{"deploy_cluster_autoscaler": true, "cluster_name": "metaflow-eks", "region": "us-gov-west-1",
				"cluster_oidc_provider_arn": "arn:aws:iam::" + docAccount + ":oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE"}},
			{name: "autoscaler_missing_cluster", vars: map[string]any{"deploy_cluster_autoscaler": true},
				errors: []wantError{
					{"cluster_name", `cluster_name must be the name of the EKS cluster (1-100 letters, digits, hyphens or underscores) when deploy_cluster_autoscaler is true; got "".`},
					{"cluster_oidc_provider_arn", `cluster_oidc_provider_arn must be an IAM OIDC provider ARN (arn:PARTITION:iam::ACCOUNT:oidc-provider/HOST/PATH) when deploy_cluster_autoscaler is true; got "".`},
					{"region", `region must be an AWS region such as us-east-1 when deploy_cluster_autoscaler is true; got "".`},
				}},
			{name: "helm_values_per_chart", vars: map[string]any{"metaflow_helm_values": map[string]any{"metaflow-ui": map[string]any{"replicaCount": 2}}}},
			{name: "helm_values_not_keyed_by_chart", vars: map[string]any{"metaflow_helm_values": map[string]any{"replicaCount": 2}},
				errors: []wantError{{"metaflow_helm_values", `metaflow_helm_values must be an object whose keys are "metaflow-service" and/or "metaflow-ui" (one values object per chart); got keys ["replicaCount"].`}}},
			{name: "namespace_not_dns_label", vars: map[string]any{"kubernetes_namespace": "Metaflow_Services"},
				errors: []wantError{{"kubernetes_namespace", `kubernetes_namespace must be a DNS label: 1-63 lowercase letters, digits or hyphens, starting and ending with a letter or digit; got "Metaflow_Services".`}}},
		},
	}
}
