package offline

// Values and messages the cases of several modules share.

const (
	docAccount = "123456789012" // the account id AWS documentation uses
	kmsKeyARN  = "arn:aws:kms:us-east-1:" + docAccount + ":key/1234abcd-12ab-34cd-56ef-1234567890ab"
	certARN    = "arn:aws:acm:us-east-1:" + docAccount + ":certificate/12345678-1234-1234-1234-123456789012"
	subnetA    = "subnet-0123456789abcdef0"
	subnetB    = "subnet-0123456789abcdef1"
	vpcID      = "vpc-0123456789abcdef0"
)

const (
	secretARN   = "arn:aws:secretsmanager:us-east-1:" + docAccount + ":secret:metaflow-db-password-AbCdEf"
	bucketARN   = "arn:aws:s3:::my-metaflow-bucket"
	jobQueueARN = "arn:aws:batch:us-east-1:" + docAccount + ":job-queue/metaflow-batch-queue"
)

func cidrListError(variable, invalidJSON string) wantError {
	return wantError{variable, variable + " must hold IPv4 CIDR blocks written as their network address, such as 10.0.0.0/16; invalid: " + invalidJSON + "."}
}

func tagsError(variable, invalidJSON string) wantError {
	return wantError{variable, variable + ` keys must be 1-128 characters and not start with "aws:" (reserved by AWS), values at most 256 characters; invalid keys: ` + invalidJSON + "."}
}

func logRetentionError(got string) wantError {
	return wantError{"log_retention_in_days", "log_retention_in_days must be a CloudWatch Logs retention: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653, or 0 to keep logs for ever; got " + got + "."}
}

func partitionError(got string) wantError {
	return wantError{"iam_partition", `iam_partition must be one of aws, aws-cn, aws-us-gov; got "` + got + `".`}
}
