package offline

// Cases for the root module's variables.tf.

// rootBase is the smallest valid root input: a created VPC and the required tags.
var rootBase = map[string]any{"tags": map[string]any{}, "create_vpc": true}

// existingNetwork replaces the created VPC with existing networking.
var existingNetwork = map[string]any{
	"create_vpc":                  false,
	"existing_vpc_id":             vpcID,
	"existing_vpc_cidr_blocks":    []any{"10.20.0.0/16"},
	"existing_private_subnet_ids": []any{subnetA, subnetB},
}

// v012Network is existing networking as a v0.12.x module block gave it.
var v012Network = map[string]any{
	"create_vpc":            false,
	"vpc_id":                vpcID,
	"vpc_cidr_blocks":       []any{"10.20.0.0/16"},
	"subnet1_id":            subnetA,
	"subnet2_id":            subnetB,
	"with_public_ip":        false,
	"enable_step_functions": false,
}

// ownDatastore replaces the created datastore with the user's own.
var ownDatastore = map[string]any{
	"create_datastore":               false,
	"database_endpoint":              "metaflow-db.example.internal:5432",
	"database_name":                  "metaflow",
	"database_username":              "metaflow",
	"database_password":              "Not-A-Real-Passw0rd",
	"metaflow_s3_bucket_arn":         "arn:aws:s3:::my-metaflow-bucket",
	"metaflow_s3_bucket_kms_key_arn": kmsKeyARN,
	"metaflow_s3_sys_root":           "s3://my-metaflow-bucket/metaflow",
}

func vpcCIDRError(got string) wantError {
	return wantError{"vpc_cidr", `vpc_cidr must be an IPv4 CIDR block from /16 to /24 written as its network address, such as 10.0.0.0/16 (its subnets are 4 bits longer and AWS subnets stop at /28); got "` + got + `".`}
}

func rootPrefixError(got string) wantError {
	return wantError{"resource_prefix", `resource_prefix must be empty (for a generated one) or 1-32 characters of lowercase letters, digits and hyphens starting with a letter, and not start with "internal-", "sthree-" or "amzn-s3-demo-" (AWS rejects load balancer and bucket names starting so); got "` + got + `".`}
}

func suffixError(got string) wantError {
	return wantError{"resource_suffix", `resource_suffix must be 0-16 characters of lowercase letters, digits and hyphens, and not end in "s3alias" (AWS rejects bucket names ending in "-s3alias"); got "` + got + `".`}
}

func rootCases() moduleValidations {
	const (
		prefix32 = "abcdefghijklmnopqrstuvwxyz-01234"
		suffix16 = "abcdefghijklmnop"
	)
	desiredRange := func(got string) wantError {
		return wantError{"compute_environment_desired_vcpus", "compute_environment_desired_vcpus must be a whole number from 0 to 16; got " + got + "."}
	}
	desiredBetween := func(desired, min, max string) wantError {
		return wantError{"compute_environment_desired_vcpus", "compute_environment_desired_vcpus (" + desired + ") must be between compute_environment_min_vcpus (" + min + ") and compute_environment_max_vcpus (" + max + ")."}
	}
	azsError := func(got string) wantError {
		return wantError{"azs", "azs must be empty or list 2 or 3 distinct availability zone names such as us-east-1a (the database and load balancers need two zones; the VPC has room for three); got " + got + "."}
	}
	hopLimit := func(got string) wantError {
		return wantError{"launch_template_http_put_response_hop_limit", "launch_template_http_put_response_hop_limit must be a whole number from 1 to 64; got " + got + "."}
	}
	engineVersion := func(got string) wantError {
		return wantError{"db_engine_version", `db_engine_version must be a PostgreSQL major version from 14 up (from 11 up for a stack upgraded from outerbounds/metaflow/aws, to keep the version it runs until you upgrade it), optionally with a minor version (such as "16" or "16.4"); older majors are past RDS standard support; got "` + got + `".`}
	}
	uiLoginWithoutUI := wantError{"ui_authentication", "ui_authentication and ui_authentication_client_secret put a login on the ECS UI's load balancer: they need create_managed_metaflow_ui = true (the UI of deploy_metaflow_services_in_eks has no load balancer of this module's)."}
	privateDNSError := wantError{"metadata_service_api_vpc_endpoint_private_dns", `metadata_service_api_vpc_endpoint_private_dns sets the execute-api VPC endpoint the module creates, which exists only with metadata_service_api_endpoint_type = "PRIVATE" and no metadata_service_api_vpc_endpoint_id (an endpoint you give keeps its own DNS setting; the URL then uses its endpoint-specific name, which works either way).`}
	twoZones := wantError{"existing_private_subnet_ids", "existing_private_subnet_ids must list at least two subnets in different availability zones (or be empty, with at least two existing_public_subnet_ids) when create_vpc is false: the database and the UI load balancer need two zones."}

	return moduleValidations{
		dir:  ".",
		base: rootBase,
		cases: []validationCase{
			{name: "defaults_with_created_vpc"},
			{name: "tags_required", vars: map[string]any{"tags": unset{}},
				errors: []wantError{{"tags", "The root module input variable \"tags\" is not set, and has no default value. Use a -var or -var-file command line argument to provide a value for this variable."}}},

			// A caller's `x = cond ? value : null` means the default, not a
			// crash in a validation that iterates the value.
			{name: "null_collection_means_default", vars: map[string]any{"access_list_cidr_blocks": nil, "node_groups": nil}},
			{name: "tags_null", vars: map[string]any{"tags": nil},
				errors: []wantError{{"tags", `Unsuitable value for var.tags set using -var="tags=...": required variable may not be set to null.`}}},

			{name: "batch_type_fargate", vars: map[string]any{"batch_type": "fargate"}},
			{name: "batch_type_unknown", vars: map[string]any{"batch_type": "spot"},
				errors: []wantError{{"batch_type", `batch_type must be "ec2" or "fargate"; got "spot".`}}},

			{name: "vcpus_boundaries", vars: map[string]any{"compute_environment_min_vcpus": 0, "compute_environment_desired_vcpus": 16, "compute_environment_max_vcpus": 96}},
			{name: "vcpus_min_equals_max_range", vars: map[string]any{"compute_environment_min_vcpus": 16, "compute_environment_desired_vcpus": 16, "compute_environment_max_vcpus": 16}},
			{name: "desired_over_16", vars: map[string]any{"compute_environment_desired_vcpus": 17},
				errors: []wantError{desiredRange("17")}},
			{name: "desired_fractional", vars: map[string]any{"compute_environment_min_vcpus": 0, "compute_environment_desired_vcpus": 2.5},
				errors: []wantError{desiredRange("2.5")}},
			{name: "desired_below_min", vars: map[string]any{"compute_environment_min_vcpus": 8, "compute_environment_desired_vcpus": 4},
				errors: []wantError{desiredBetween("4", "8", "64")}},
			// An input that fails its own rule is unknown to the rules of
			// others, so only its own error is reported.
			{name: "min_over_16_reported_once", vars: map[string]any{"compute_environment_min_vcpus": 17},
				errors: []wantError{{"compute_environment_min_vcpus", "compute_environment_min_vcpus must be a whole number from 0 to 16; got 17."}}},
			{name: "max_below_16", vars: map[string]any{"compute_environment_max_vcpus": 15},
				errors: []wantError{{"compute_environment_max_vcpus", "compute_environment_max_vcpus must be a whole number from 16 to 96; got 15."}}},
			{name: "max_over_96", vars: map[string]any{"compute_environment_max_vcpus": 97},
				errors: []wantError{{"compute_environment_max_vcpus", "compute_environment_max_vcpus must be a whole number from 16 to 96; got 97."}}},
			{name: "instance_types_empty_for_ec2", vars: map[string]any{"compute_environment_instance_types": []any{}},
				errors: []wantError{{"compute_environment_instance_types", `compute_environment_instance_types must list at least one EC2 instance type or family (such as c5.large, c5 or optimal) when batch_type is "ec2"; got [].`}}},
			{name: "instance_types_empty_for_fargate", vars: map[string]any{"batch_type": "fargate", "compute_environment_instance_types": []any{}}},
			{name: "instance_types_families_and_optimal", vars: map[string]any{"compute_environment_instance_types": []any{"optimal", "c5", "m6i.2xlarge"}}},

			{name: "imds_boundaries", vars: map[string]any{"launch_template_http_endpoint": "disabled", "launch_template_http_tokens": "required", "launch_template_http_put_response_hop_limit": 64}},
			{name: "imds_hop_limit_1", vars: map[string]any{"launch_template_http_put_response_hop_limit": 1}},
			{name: "imds_hop_limit_0", vars: map[string]any{"launch_template_http_put_response_hop_limit": 0}, errors: []wantError{hopLimit("0")}},
			{name: "imds_hop_limit_65", vars: map[string]any{"launch_template_http_put_response_hop_limit": 65}, errors: []wantError{hopLimit("65")}},
			{name: "imds_endpoint_on", vars: map[string]any{"launch_template_http_endpoint": "on"},
				errors: []wantError{{"launch_template_http_endpoint", `launch_template_http_endpoint must be "enabled" or "disabled"; got "on".`}}},
			{name: "imds_tokens_v2", vars: map[string]any{"launch_template_http_tokens": "v2"},
				errors: []wantError{{"launch_template_http_tokens", `launch_template_http_tokens must be "optional" or "required"; got "v2".`}}},

			{name: "log_retention_shortest", vars: map[string]any{"log_retention_in_days": 1}},
			{name: "log_retention_ten_years", vars: map[string]any{"log_retention_in_days": 3653}},
			{name: "log_retention_2_not_offered", vars: map[string]any{"log_retention_in_days": 2}, errors: []wantError{logRetentionError("2")}},
			{name: "log_retention_0_never_expire", vars: map[string]any{"log_retention_in_days": 0}},
			{name: "log_retention_negative", vars: map[string]any{"log_retention_in_days": -1}, errors: []wantError{logRetentionError("-1")}},
			{name: "log_retention_fraction", vars: map[string]any{"log_retention_in_days": 7.5}, errors: []wantError{logRetentionError("7.5")}},

			{name: "vpc_cidr_24", vars: map[string]any{"vpc_cidr": "192.168.10.0/24"}},
			{name: "vpc_cidr_25_too_small", vars: map[string]any{"vpc_cidr": "192.168.10.0/25"}, errors: []wantError{vpcCIDRError("192.168.10.0/25")}},
			{name: "vpc_cidr_15_too_big", vars: map[string]any{"vpc_cidr": "10.0.0.0/15"}, errors: []wantError{vpcCIDRError("10.0.0.0/15")}},
			{name: "vpc_cidr_host_bits", vars: map[string]any{"vpc_cidr": "10.0.0.1/16"}, errors: []wantError{vpcCIDRError("10.0.0.1/16")}},
			{name: "vpc_cidr_garbage", vars: map[string]any{"vpc_cidr": "ten.0.0.0/16"}, errors: []wantError{vpcCIDRError("ten.0.0.0/16")}},
			{name: "cidr_lists_valid", vars: map[string]any{
				"access_list_cidr_blocks":                []any{"203.0.113.0/24", "198.51.100.7/32"},
				"ui_allow_list":                          []any{"0.0.0.0/0"},
				"compute_environment_egress_cidr_blocks": []any{"10.0.0.0/8"},
			}},
			{name: "access_list_host_bits_and_ipv6", vars: map[string]any{"access_list_cidr_blocks": []any{"203.0.113.0/24", "203.0.113.7/24", "2001:db8::/32"}},
				errors: []wantError{cidrListError("access_list_cidr_blocks", `["203.0.113.7/24","2001:db8::/32"]`)}},
			{name: "ui_allow_list_bad_octet", vars: map[string]any{"ui_allow_list": []any{"300.0.0.0/8"}},
				errors: []wantError{cidrListError("ui_allow_list", `["300.0.0.0/8"]`)}},
			{name: "egress_without_prefix", vars: map[string]any{"compute_environment_egress_cidr_blocks": []any{"10.0.0.0"}},
				errors: []wantError{cidrListError("compute_environment_egress_cidr_blocks", `["10.0.0.0"]`)}},

			{name: "azs_three", vars: map[string]any{"azs": []any{"us-east-1a", "us-east-1b", "us-east-1c"}}},
			{name: "azs_one", vars: map[string]any{"azs": []any{"us-east-1a"}}, errors: []wantError{azsError(`["us-east-1a"]`)}},
			{name: "azs_four", vars: map[string]any{"azs": []any{"us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d"}},
				errors: []wantError{azsError(`["us-east-1a","us-east-1b","us-east-1c","us-east-1d"]`)}},
			{name: "azs_repeated", vars: map[string]any{"azs": []any{"us-east-1a", "us-east-1a"}}, errors: []wantError{azsError(`["us-east-1a","us-east-1a"]`)}},

			{name: "iam_partition_china", vars: map[string]any{"iam_partition": "aws-cn"}},
			{name: "iam_partition_unknown", vars: map[string]any{"iam_partition": "aws-iso"},
				errors: []wantError{{"iam_partition", `iam_partition must be "aws", "aws-cn" or "aws-us-gov"; got "aws-iso".`}}},

			{name: "prefix_empty_is_generated", vars: map[string]any{"resource_prefix": ""}},
			{name: "prefix_and_suffix_longest", vars: map[string]any{"resource_prefix": prefix32, "resource_suffix": suffix16}},
			{name: "prefix_33_chars", vars: map[string]any{"resource_prefix": prefix32 + "5"}, errors: []wantError{rootPrefixError(prefix32 + "5")}},
			{name: "prefix_uppercase", vars: map[string]any{"resource_prefix": "Metaflow"}, errors: []wantError{rootPrefixError("Metaflow")}},
			{name: "prefix_starts_with_digit", vars: map[string]any{"resource_prefix": "1metaflow"}, errors: []wantError{rootPrefixError("1metaflow")}},
			{name: "prefix_internal_alb_reserved", vars: map[string]any{"resource_prefix": "internal"}, errors: []wantError{rootPrefixError("internal")}},
			{name: "prefix_internals_allowed", vars: map[string]any{"resource_prefix": "internals"}},
			{name: "prefix_sthree_bucket_reserved", vars: map[string]any{"resource_prefix": "sthree-data"}, errors: []wantError{rootPrefixError("sthree-data")}},
			{name: "suffix_17_chars", vars: map[string]any{"resource_suffix": suffix16 + "q"}, errors: []wantError{suffixError(suffix16 + "q")}},
			{name: "suffix_underscore", vars: map[string]any{"resource_suffix": "dev_1"}, errors: []wantError{suffixError("dev_1")}},
			{name: "suffix_s3alias_reserved", vars: map[string]any{"resource_suffix": "s3alias"}, errors: []wantError{suffixError("s3alias")}},

			{name: "db_engine_version_minor", vars: map[string]any{"db_engine_version": "16.4"}},
			{name: "db_engine_version_13_eol", vars: map[string]any{"db_engine_version": "13"}, errors: []wantError{engineVersion("13")}},
			{name: "db_engine_version_word", vars: map[string]any{"db_engine_version": "latest"}, errors: []wantError{engineVersion("latest")}},
			{name: "db_engine_version_11_kept_by_an_upgraded_stack", vars: map[string]any{"db_engine_version": "11", "upgrade_from": "v0.12"}},
			{name: "db_engine_version_10_too_old_even_upgraded", vars: map[string]any{"db_engine_version": "10", "upgrade_from": "refresh"}, errors: []wantError{engineVersion("10")}},
			{name: "db_instance_type_graviton", vars: map[string]any{"db_instance_type": "db.r6g.large"}},
			{name: "db_instance_type_ec2_name", vars: map[string]any{"db_instance_type": "t3.small"},
				errors: []wantError{{"db_instance_type", `db_instance_type must be an RDS instance class such as db.t3.small or db.r6g.large; got "t3.small".`}}},
			{name: "db_migrate_zip_path", vars: map[string]any{"db_migrate_lambda_zip_file": "/tmp/migrate.zip"}},
			// The service sizes are checked by modules/common, naming these
			// inputs (TestFargateServicesThroughCallers); the switch's rule
			// with db_migrate_lambda_zip_file is modules/metadata-service's.
			{name: "service_sizes_and_no_migration_lambda", vars: map[string]any{
				"enable_migration_lambda": false, "metadata_service_cpu": 1024, "metadata_service_memory": 2048,
				"metadata_service_desired_count": 2, "metadata_service_ephemeral_storage": 50,
				"ui_backend_cpu": 2048, "ui_backend_memory": 16384, "ui_static_cpu": 512, "ui_static_memory": 1024,
			}},
			{name: "db_migrate_not_zip", vars: map[string]any{"db_migrate_lambda_zip_file": "/tmp/migrate.tar"},
				errors: []wantError{{"db_migrate_lambda_zip_file", `db_migrate_lambda_zip_file must be null or a path ending in .zip; got "/tmp/migrate.tar".`}}},

			{name: "tags_ordinary", vars: map[string]any{"tags": map[string]any{"Owner": "data-platform", "awsome": "yes"}}},
			{name: "tags_aws_prefix", vars: map[string]any{"tags": map[string]any{"AWS:cloudformation:stack": "x", "Owner": "me"}},
				errors: []wantError{tagsError("tags", `["AWS:cloudformation:stack"]`)}},
			{name: "subnet_tags_aws_prefix", vars: map[string]any{"public_subnet_tags": map[string]any{"aws:x": "1"}, "private_subnet_tags": map[string]any{"kubernetes.io/role/internal-elb": "1"}},
				errors: []wantError{tagsError("public_subnet_tags", `["aws:x"]`)}},
			{name: "ui_env_var_names", vars: map[string]any{"extra_ui_backend_env_vars": map[string]any{"LOG_LEVEL": "debug"}, "extra_ui_static_env_vars": map[string]any{"1BAD": "x", "GOOD_1": "y"}},
				errors: []wantError{{"extra_ui_static_env_vars", `extra_ui_static_env_vars keys must be environment variable names (letters, digits and _, not starting with a digit); invalid: ["1BAD"].`}}},
			{name: "node_policies_arns", vars: map[string]any{"node_group_iam_role_additional_policies": map[string]any{"ssm": "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore", "own": "arn:aws:iam::" + docAccount + ":policy/metaflow-extra"}}},
			{name: "node_policies_name_not_arn", vars: map[string]any{"node_group_iam_role_additional_policies": map[string]any{"ssm": "AmazonSSMManagedInstanceCore"}},
				errors: []wantError{{"node_group_iam_role_additional_policies", `node_group_iam_role_additional_policies values must be IAM policy ARNs in partition aws; got {"ssm":"AmazonSSMManagedInstanceCore"}.`}}},

			// Upgrades from outerbounds/metaflow/aws: upgrade_from and v0.12's inputs.
			{name: "upgrade_from_v012", vars: map[string]any{"upgrade_from": "v0.12"}},
			{name: "upgrade_from_refresh", vars: map[string]any{"upgrade_from": "refresh"}},
			{name: "upgrade_from_unknown_line", vars: map[string]any{"upgrade_from": "0.12.1"},
				errors: []wantError{{"upgrade_from", `upgrade_from must be "v0.12" (a stack built by outerbounds/metaflow/aws v0.10.0 to v0.12.1), "refresh" (built by its refresh branch) or null (a new stack); got "0.12.1".`}}},
			{name: "upgrade_from_refresh_with_v012_inputs", vars: with(v012Network, map[string]any{"upgrade_from": "refresh"}),
				errors: []wantError{{"upgrade_from", `upgrade_from = "refresh" conflicts with the v0.12 inputs (vpc_id, subnet1_id, subnet2_id, vpc_cidr_blocks, with_public_ip, enable_step_functions, ui_alb_internal): the refresh branch already took the new names; a block with v0.12 inputs comes from v0.12 (upgrade_from = "v0.12").`}}},
			{name: "v012_network", vars: v012Network},
			{name: "v012_network_public", vars: with(v012Network, map[string]any{"with_public_ip": true})},
			{name: "v012_one_subnet", vars: map[string]any{"create_vpc": false, "vpc_id": vpcID, "vpc_cidr_blocks": []any{"10.20.0.0/16"}, "subnet1_id": subnetA},
				errors: []wantError{{"subnet1_id", "subnet1_id and subnet2_id (deprecated v0.12 inputs) go together: give both, or neither and existing_private_subnet_ids / existing_public_subnet_ids instead."}}},
			{name: "v012_bad_first_subnet", vars: with(v012Network, map[string]any{"subnet1_id": "subnet-1"}),
				errors: []wantError{{"subnet1_id", `subnet1_id must be a subnet id such as subnet-0123456789abcdef0; got "subnet-1".`}}},
			{name: "v012_bad_second_subnet", vars: with(v012Network, map[string]any{"subnet2_id": "sub"}),
				errors: []wantError{{"subnet2_id", `subnet2_id must be a subnet id such as subnet-0123456789abcdef0; got "sub".`}}},
			{name: "v012_subnets_and_new_subnets", vars: with(v012Network, map[string]any{"existing_private_subnet_ids": []any{subnetA, subnetB}}),
				errors: []wantError{{"existing_private_subnet_ids", "existing_private_subnet_ids and existing_public_subnet_ids conflict with subnet1_id and subnet2_id, their deprecated v0.12 form: set only the existing_*_subnet_ids."}}},
			{name: "v012_vpc_id_and_new_vpc_id", vars: with(v012Network, map[string]any{"existing_vpc_id": vpcID}),
				errors: []wantError{{"existing_vpc_id", "existing_vpc_id conflicts with vpc_id, its deprecated v0.12 name: set only existing_vpc_id."}}},
			{name: "v012_cidrs_and_new_cidrs", vars: with(v012Network, map[string]any{"existing_vpc_cidr_blocks": []any{"10.20.0.0/16"}}),
				errors: []wantError{{"existing_vpc_cidr_blocks", "existing_vpc_cidr_blocks conflicts with vpc_cidr_blocks, its deprecated v0.12 name: set only existing_vpc_cidr_blocks."}}},
			{name: "v012_bad_cidrs", vars: with(v012Network, map[string]any{"vpc_cidr_blocks": []any{"10.20.0.1/16"}}),
				errors: []wantError{{"vpc_cidr_blocks", `vpc_cidr_blocks must hold IPv4 CIDR blocks written as their network address, such as 10.0.0.0/16; got ["10.20.0.1/16"].`}}},
			{name: "v012_with_public_ip_without_subnets", vars: map[string]any{"with_public_ip": true},
				errors: []wantError{{"with_public_ip", "with_public_ip (a deprecated v0.12 input) says what subnet1_id and subnet2_id are: it needs them. With existing_*_subnet_ids, the list a subnet is in says it."}}},
			{name: "v012_step_functions_off_but_new_on", vars: with(v012Network, map[string]any{"enable_step_functions": false, "create_step_functions": true}),
				errors: []wantError{{"enable_step_functions", "enable_step_functions = false conflicts with create_step_functions = true: enable_step_functions is the deprecated v0.12 name of create_step_functions; set only create_step_functions."}}},
			{name: "v012_step_functions_without_compute", vars: with(v012Network, map[string]any{"enable_step_functions": true, "create_managed_compute": false}),
				errors: []wantError{{"enable_step_functions", "enable_step_functions (the deprecated v0.12 name of create_step_functions) needs create_managed_compute = true: Metaflow runs Step Functions steps on the module's AWS Batch job queue."}}},
			{name: "v012_internal_ui_but_new_public", vars: with(v012Network, map[string]any{"ui_alb_internal": true, "metaflow_ui_is_public": true}),
				errors: []wantError{{"ui_alb_internal", "ui_alb_internal = true conflicts with metaflow_ui_is_public = true: ui_alb_internal is the deprecated v0.12 opposite of metaflow_ui_is_public; set only metaflow_ui_is_public."}}},

			// Cross-input rules.
			{name: "existing_network_valid", vars: existingNetwork},
			{name: "existing_network_public_only", vars: with(existingNetwork, map[string]any{"existing_private_subnet_ids": []any{}, "existing_public_subnet_ids": []any{subnetA, subnetB}})},
			{name: "existing_network_missing", vars: map[string]any{"create_vpc": false},
				errors: []wantError{
					{"existing_vpc_id", `existing_vpc_id (or its deprecated v0.12 name vpc_id) must be a VPC id such as vpc-0123456789abcdef0 when create_vpc is false; got "".`},
					{"existing_private_subnet_ids", "existing_private_subnet_ids or existing_public_subnet_ids (or both) must be set when create_vpc is false."},
					{"existing_vpc_cidr_blocks", "existing_vpc_cidr_blocks must list the CIDR blocks of existing_vpc_id when create_vpc is false."},
				}},
			{name: "existing_network_bad_ids", vars: with(existingNetwork, map[string]any{"existing_vpc_id": "vpc-123", "existing_public_subnet_ids": []any{"subnet-XYZ"}}),
				errors: []wantError{
					{"existing_vpc_id", `existing_vpc_id (or its deprecated v0.12 name vpc_id) must be a VPC id such as vpc-0123456789abcdef0 when create_vpc is false; got "vpc-123".`},
					{"existing_public_subnet_ids", `existing_public_subnet_ids must hold subnet ids such as subnet-0123456789abcdef0; got ["subnet-XYZ"].`},
				}},
			{name: "existing_network_one_private_subnet", vars: with(existingNetwork, map[string]any{"existing_private_subnet_ids": []any{subnetA}, "existing_public_subnet_ids": []any{subnetB, "subnet-0123456789abcdef2"}}),
				errors: []wantError{twoZones}},
			{name: "existing_network_one_subnet_without_db_or_ui", vars: with(existingNetwork, ownDatastore, map[string]any{"existing_private_subnet_ids": []any{subnetA}})},
			{name: "existing_network_bad_vpc_cidr", vars: with(existingNetwork, map[string]any{"existing_vpc_cidr_blocks": []any{"10.20.0.0/33"}}),
				errors: []wantError{cidrListError("existing_vpc_cidr_blocks", `["10.20.0.0/33"]`)}},

			{name: "own_datastore_valid", vars: ownDatastore},
			{name: "own_datastore_missing_everything", vars: map[string]any{"create_datastore": false},
				errors: []wantError{
					{"database_endpoint", `database_endpoint must be the host name (optionally host:port) of your PostgreSQL server when create_datastore is false; got "".`},
					{"database_name", `database_name must be a PostgreSQL database name (a letter or _ then up to 62 letters, digits, _ or $) when create_datastore is false; got "".`},
					{"database_password", "database_password must be set when create_datastore is false."},
					{"database_username", `database_username must be a PostgreSQL user name (a letter or _ then up to 62 letters, digits, _ or $) when create_datastore is false; got "".`},
					{"metaflow_s3_bucket_arn", `metaflow_s3_bucket_arn must be an S3 bucket ARN in partition aws (arn:aws:s3:::BUCKET) when create_datastore is false; got "".`},
					{"metaflow_s3_bucket_kms_key_arn", `metaflow_s3_bucket_kms_key_arn must be a KMS key ARN in partition aws (arn:aws:kms:REGION:ACCOUNT:key/ID) when create_datastore is false; got "".`},
					// metaflow_s3_sys_root is checked against the bucket ARN, which is itself invalid here.
				}},
			{name: "own_datastore_sys_root_missing", vars: with(ownDatastore, map[string]any{"metaflow_s3_sys_root": ""}),
				errors: []wantError{{"metaflow_s3_sys_root", `metaflow_s3_sys_root must be an S3 URL inside the bucket of metaflow_s3_bucket_arn (such as s3://BUCKET/metaflow) when create_datastore is false; got "".`}}},
			{name: "own_datastore_sys_root_other_bucket", vars: with(ownDatastore, map[string]any{"metaflow_s3_sys_root": "s3://another-bucket/metaflow"}),
				errors: []wantError{{"metaflow_s3_sys_root", `metaflow_s3_sys_root must be an S3 URL inside the bucket of metaflow_s3_bucket_arn (such as s3://BUCKET/metaflow) when create_datastore is false; got "s3://another-bucket/metaflow".`}}},
			{name: "own_datastore_wrong_partition", vars: with(ownDatastore, map[string]any{"iam_partition": "aws-us-gov"}),
				errors: []wantError{
					{"metaflow_s3_bucket_arn", `metaflow_s3_bucket_arn must be an S3 bucket ARN in partition aws-us-gov (arn:aws-us-gov:s3:::BUCKET) when create_datastore is false; got "arn:aws:s3:::my-metaflow-bucket".`},
					{"metaflow_s3_bucket_kms_key_arn", `metaflow_s3_bucket_kms_key_arn must be a KMS key ARN in partition aws-us-gov (arn:aws-us-gov:kms:REGION:ACCOUNT:key/ID) when create_datastore is false; got "` + kmsKeyARN + `".`},
				}},
			{name: "own_datastore_password_missing_not_echoed", vars: with(ownDatastore, map[string]any{"database_password": "", "database_name": "bad-name"}),
				errors: []wantError{
					{"database_password", "database_password must be set when create_datastore is false."},
					{"database_name", `database_name must be a PostgreSQL database name (a letter or _ then up to 62 letters, digits, _ or $) when create_datastore is false; got "bad-name".`},
				}},
			{name: "own_datastore_values_ignored_when_created", vars: map[string]any{"database_endpoint": "not a host!"}},
			{name: "own_datastore_password_other_specials", vars: with(ownDatastore, map[string]any{"database_password": `Not-A-Real:P@ss w0rd?#%"'\\`})},

			{name: "ui_with_certificate", vars: map[string]any{"create_managed_metaflow_ui": true, "ui_certificate_arn": certARN}},
			// modules/ui checks the login's settings (validation_ui_cases_test.go); the root only that there is a UI to log in to.
			{name: "ui_with_oidc_login", vars: map[string]any{
				"create_managed_metaflow_ui": true, "ui_certificate_arn": certARN,
				"ui_authentication":               map[string]any{"oidc": oidcIdP(nil), "session_timeout": 28800},
				"ui_authentication_client_secret": uiClientSecret,
			}},
			{name: "ui_with_cognito_login", vars: map[string]any{"create_managed_metaflow_ui": true, "ui_certificate_arn": certARN, "ui_authentication": map[string]any{"cognito": cognitoPool(nil)}}},
			{name: "ui_login_without_ui", vars: map[string]any{"ui_authentication": map[string]any{"cognito": cognitoPool(nil)}},
				errors: []wantError{uiLoginWithoutUI}},
			// The secret is never echoed (runValidationCase checks the output).
			{name: "ui_client_secret_without_ui", vars: map[string]any{"ui_authentication_client_secret": uiClientSecret, "deploy_metaflow_services_in_eks": true, "create_eks_cluster": true},
				errors: []wantError{uiLoginWithoutUI}},
			{name: "private_no_nat", vars: map[string]any{"create_private_subnets_only": true, "create_vpc_endpoints": true, "create_step_functions": true, "create_managed_metaflow_ui": true, "ui_certificate_arn": certARN}},
			{name: "private_only_without_endpoints", vars: map[string]any{"create_private_subnets_only": true},
				errors: []wantError{{"create_private_subnets_only", "create_private_subnets_only needs create_vpc = true (it shapes the module-built VPC) and create_vpc_endpoints = true (without a NAT gateway, AWS services are reached only through VPC endpoints)."}}},
			{name: "private_only_with_a_public_ui", vars: map[string]any{"create_private_subnets_only": true, "create_vpc_endpoints": true, "create_managed_metaflow_ui": true, "ui_certificate_arn": certARN, "metaflow_ui_is_public": true},
				errors: []wantError{{"create_private_subnets_only", "create_private_subnets_only leaves no public subnet for a public UI load balancer: set metaflow_ui_is_public = false (the UI stays reachable inside the VPC)."}}},
			{name: "private_only_with_eks", vars: map[string]any{"create_private_subnets_only": true, "create_vpc_endpoints": true, "create_eks_cluster": true},
				errors: []wantError{{"create_private_subnets_only", "create_private_subnets_only does not support create_eks_cluster: the EKS nodes and the Helm charts' images need endpoints and registries this module does not set up without a NAT gateway."}}},
			{name: "endpoints_in_existing_vpc", vars: with(existingNetwork, map[string]any{"create_vpc_endpoints": true, "existing_private_route_table_ids": []any{"rtb-0123456789abcdef0"}})},
			{name: "endpoints_in_existing_vpc_without_route_tables", vars: with(existingNetwork, map[string]any{"create_vpc_endpoints": true}),
				errors: []wantError{{"existing_private_route_table_ids", "create_vpc_endpoints in an existing VPC needs existing_private_route_table_ids: the route tables of existing_private_subnet_ids, which the S3 gateway endpoint joins."}}},
			{name: "endpoints_in_existing_vpc_without_private_subnets", vars: with(existingNetwork, map[string]any{"create_vpc_endpoints": true, "existing_private_subnet_ids": []any{}, "existing_public_subnet_ids": []any{subnetA, subnetB}, "existing_private_route_table_ids": []any{"rtb-0123456789abcdef0"}}),
				errors: []wantError{{"create_vpc_endpoints", "create_vpc_endpoints in an existing VPC needs existing_private_subnet_ids: the interface endpoints' subnets, one per zone."}}},
			{name: "endpoints_in_china", vars: map[string]any{"create_vpc_endpoints": true, "iam_partition": "aws-cn"},
				errors: []wantError{{"create_vpc_endpoints", `create_vpc_endpoints does not support iam_partition "aws-cn": several service names differ there (cn.com.amazonaws.*); create the endpoints yourself.`}}},
			{name: "private_api_with_endpoints", vars: map[string]any{"create_private_subnets_only": true, "create_vpc_endpoints": true, "metadata_service_api_endpoint_type": "PRIVATE"}},
			{name: "private_api_endpoint_with_private_dns", vars: map[string]any{"metadata_service_api_endpoint_type": "PRIVATE", "metadata_service_api_vpc_endpoint_private_dns": true}},
			{name: "private_api_through_existing_endpoint_in_china", vars: map[string]any{"metadata_service_api_endpoint_type": "PRIVATE", "metadata_service_api_vpc_endpoint_id": "vpce-0123456789abcdef0", "iam_partition": "aws-cn"}},
			{name: "private_api_without_gateway", vars: map[string]any{"metadata_service_api_endpoint_type": "PRIVATE", "metadata_service_enable_api_gateway": false},
				errors: []wantError{{"metadata_service_api_endpoint_type", `metadata_service_api_endpoint_type = "PRIVATE" needs metadata_service_enable_api_gateway = true: the private API is API Gateway's (without API Gateway clients use the internal NLB, METAFLOW_SERVICE_INTERNAL_URL, which is already private).`}}},
			{name: "private_api_without_ecs_metadata_service", vars: map[string]any{"metadata_service_api_endpoint_type": "PRIVATE", "create_managed_metaflow_metadata_service": false},
				errors: []wantError{{"metadata_service_api_endpoint_type", `metadata_service_api_endpoint_type = "PRIVATE" needs create_managed_metaflow_metadata_service = true: only the ECS metadata service has an API Gateway (the EKS one is reached through an internal load balancer with expose_metaflow_services_in_eks).`}}},
			{name: "private_api_endpoint_created_in_china", vars: map[string]any{"metadata_service_api_endpoint_type": "PRIVATE", "iam_partition": "aws-cn"},
				errors: []wantError{{"metadata_service_api_endpoint_type", `metadata_service_api_endpoint_type = "PRIVATE" cannot create its execute-api VPC endpoint in iam_partition "aws-cn" (service names differ there): create the endpoint yourself and give its id in metadata_service_api_vpc_endpoint_id.`}}},
			{name: "private_dns_for_an_endpoint_the_module_does_not_create", vars: map[string]any{"metadata_service_api_endpoint_type": "PRIVATE", "metadata_service_api_vpc_endpoint_id": "vpce-0123456789abcdef0", "metadata_service_api_vpc_endpoint_private_dns": true},
				errors: []wantError{privateDNSError}},
			{name: "private_dns_on_a_regional_api", vars: map[string]any{"metadata_service_api_vpc_endpoint_private_dns": true},
				errors: []wantError{privateDNSError}},
			{name: "route_tables_without_endpoints", vars: with(existingNetwork, map[string]any{"existing_private_route_table_ids": []any{"rtb-0123456789abcdef0", "table-1"}}),
				errors: []wantError{
					{"existing_private_route_table_ids", `existing_private_route_table_ids must hold route table ids of the form rtb-0123456789abcdef0; got ["rtb-0123456789abcdef0","table-1"].`},
					{"existing_private_route_table_ids", "existing_private_route_table_ids is used only by create_vpc_endpoints in an existing VPC (create_vpc = false); remove it or turn create_vpc_endpoints on."},
				}},
			{name: "ui_without_certificate", vars: map[string]any{"create_managed_metaflow_ui": true},
				errors: []wantError{{"ui_certificate_arn", `ui_certificate_arn must be an ACM (or IAM server) certificate ARN in partition aws when create_managed_metaflow_ui is true; got "".`}}},
			{name: "ui_public_without_public_subnets", vars: with(existingNetwork, map[string]any{"create_managed_metaflow_ui": true, "ui_certificate_arn": certARN, "metaflow_ui_is_public": true}),
				errors: []wantError{{"metaflow_ui_is_public", "metaflow_ui_is_public needs at least two existing_public_subnet_ids (in different availability zones) when create_vpc is false: a public load balancer must be in public subnets."}}},
			{name: "ui_public_with_created_vpc", vars: map[string]any{"create_managed_metaflow_ui": true, "ui_certificate_arn": certARN, "metaflow_ui_is_public": true}},

			{name: "eks_services_with_cluster", vars: map[string]any{"create_eks_cluster": true, "deploy_metaflow_services_in_eks": true, "deploy_cluster_autoscaler": true}},
			{name: "eks_services_without_cluster", vars: map[string]any{"deploy_metaflow_services_in_eks": true, "deploy_cluster_autoscaler": true},
				errors: []wantError{
					{"deploy_metaflow_services_in_eks", "deploy_metaflow_services_in_eks needs an EKS cluster: set create_eks_cluster = true."},
					{"deploy_cluster_autoscaler", "deploy_cluster_autoscaler needs an EKS cluster: set create_eks_cluster = true."},
				}},
			{name: "step_functions_with_compute", vars: map[string]any{"create_step_functions": true}},
			{name: "step_functions_without_compute", vars: map[string]any{"create_step_functions": true, "create_managed_compute": false},
				errors: []wantError{{"create_step_functions", "create_step_functions needs create_managed_compute = true: Metaflow runs Step Functions steps on the module's AWS Batch job queue."}}},
			{name: "batch_queues_without_compute", vars: map[string]any{
				"create_managed_compute": false,
				"compute_environments":   map[string]any{"spot": map[string]any{"type": "SPOT"}},
				"batch_job_queues":       map[string]any{"spot": map[string]any{"compute_environments": []any{"spot"}}},
			}, errors: []wantError{
				{"compute_environments", "compute_environments needs create_managed_compute = true: the environments are part of the module's AWS Batch compute."},
				{"batch_job_queues", "batch_job_queues needs create_managed_compute = true: the queues are part of the module's AWS Batch compute."},
			}},
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
	}
}
