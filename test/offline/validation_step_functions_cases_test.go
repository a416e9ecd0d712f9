package offline

// Cases for modules/step-functions's variables.tf.

func stepFunctionsCases() moduleValidations {
	return moduleValidations{
		dir:  "modules/step-functions",
		base: map[string]any{"resource_prefix": "metaflow", "batch_job_queue_arn": jobQueueARN, "s3_bucket_arn": bucketARN, "s3_bucket_kms_arn": kmsKeyARN},
		cases: []validationCase{
			{name: "minimal"},
			{name: "bucket_with_s3_managed_keys", vars: map[string]any{"s3_bucket_kms_arn": ""}},
			{name: "queue_is_compute_environment", vars: map[string]any{"batch_job_queue_arn": "arn:aws:batch:us-east-1:" + docAccount + ":compute-environment/metaflow-batch"},
				errors: []wantError{{"batch_job_queue_arn", `batch_job_queue_arn must be an AWS Batch job queue ARN (arn:PARTITION:batch:REGION:ACCOUNT:job-queue/NAME); got "arn:aws:batch:us-east-1:` + docAccount + `:compute-environment/metaflow-batch".`}}},
			{name: "bucket_arn_with_path", vars: map[string]any{"s3_bucket_arn": bucketARN + "/metaflow"},
				errors: []wantError{{"s3_bucket_arn", `s3_bucket_arn must be an S3 bucket ARN (arn:PARTITION:s3:::BUCKET, no object path); got "` + bucketARN + `/metaflow".`}}},
			{name: "further_queues", vars: map[string]any{"additional_batch_job_queue_arns": []any{"arn:aws:batch:us-east-1:" + docAccount + ":job-queue/metaflow-batch-queue-spot"}}},
			{name: "further_queue_is_a_name", vars: map[string]any{"additional_batch_job_queue_arns": []any{"metaflow-batch-queue-spot"}},
				errors: []wantError{{"additional_batch_job_queue_arns", `additional_batch_job_queue_arns must hold AWS Batch job queue ARNs (arn:PARTITION:batch:REGION:ACCOUNT:job-queue/NAME); got ["metaflow-batch-queue-spot"].`}}},
			{name: "govcloud_partition", vars: map[string]any{"iam_partition": "aws-us-gov", "batch_job_queue_arn": "arn:aws-us-gov:batch:us-gov-west-1:" + docAccount + ":job-queue/q", "s3_bucket_arn": "arn:aws-us-gov:s3:::my-metaflow-bucket", "s3_bucket_kms_arn": ""}},
			{name: "kms_alias_not_key", vars: map[string]any{"s3_bucket_kms_arn": "alias/metaflow-s3"},
				errors: []wantError{{"s3_bucket_kms_arn", `s3_bucket_kms_arn must be "" or a KMS key ARN (arn:PARTITION:kms:REGION:ACCOUNT:key/ID); got "alias/metaflow-s3".`}}},
			{name: "many_bad_values", vars: map[string]any{"iam_partition": "aws-iso", "resource_prefix": "Bad", "resource_suffix": "_x"},
				errors: []wantError{partitionError("aws-iso")}},
		},
	}
}
