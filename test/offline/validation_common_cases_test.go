package offline

// Cases for modules/common's variables.tf, which also checks the rules the
// root and several submodules share (database_ssl_mode, ui_hostname, the IAM
// guard rails, ...).

import "strings"

func commonPrefixError(got string) wantError {
	return wantError{"resource_prefix", `resource_prefix must be 1-32 characters of lowercase letters, digits and hyphens starting with a letter, and not start with "internal-", "sthree-" or "amzn-s3-demo-" (AWS rejects load balancer and bucket names starting so); got "` + got + `".`}
}

// sslModeError is the database_ssl_mode message of modules/common, which
// checks it for the root and every module that runs the metadata service image.
func sslModeError(got string) wantError {
	return wantError{"database_ssl_mode", `database_ssl_mode must be one of disable, allow, prefer, require; got "` + got + `". verify-ca and verify-full need a CA certificate file inside the metadata service container (MF_METADATA_DB_SSL_ROOT_CERT_PATH), which the image does not have: use require for an encrypted connection.`}
}

func hostnameError(got string) wantError {
	return wantError{"ui_hostname", `ui_hostname must be empty or a lowercase DNS host name such as metaflow.example.com (no scheme, port, path or trailing dot); got "` + got + `".`}
}

func zoneIDError(got string) wantError {
	return wantError{"ui_route53_zone_id", `ui_route53_zone_id must be empty or a Route 53 hosted zone id such as Z0123456789ABCDEFGHIJ; got "` + got + `".`}
}

// iamPathError and iamBoundaryError are modules/common's messages for the IAM
// guard rails, which it checks for the root and every module creating a role.
func iamPathError(got string) wantError {
	return wantError{"iam_path", `iam_path must be "/" or a path of the form "/a/b/" (starting and ending with "/", segments of printable ASCII without spaces or empty segments), 1-512 characters; got "` + got + `".`}
}

func iamBoundaryError(got string) wantError {
	return wantError{"iam_permissions_boundary", `iam_permissions_boundary must be null or an IAM policy ARN, arn:PARTITION:iam::ACCOUNT:policy/NAME (PARTITION aws, aws-cn or aws-us-gov; ACCOUNT 12 digits, or aws for an AWS managed policy; NAME optionally after a path); got "` + got + `".`}
}

func apiEndpointTypeError(got string) wantError {
	return wantError{"metadata_service_api_endpoint_type", `metadata_service_api_endpoint_type must be "REGIONAL" (the public regional endpoint, as before) or "PRIVATE" (reachable only through an execute-api VPC endpoint); got "` + got + `". EDGE is not offered: it does not exist outside the aws partition.`}
}

func apiVPCEndpointIDError(got string) wantError {
	return wantError{"metadata_service_api_vpc_endpoint_id", `metadata_service_api_vpc_endpoint_id must be "" or a VPC endpoint id such as vpce-0123456789abcdef0; got "` + got + `".`}
}

func commonCases() moduleValidations {
	vpcError := func(got string) wantError {
		return wantError{"vpc_cidr", `vpc_cidr must be an IPv4 CIDR block from /16 to /24 written as its network address, such as 10.0.0.0/16; got "` + got + `".`}
	}
	return moduleValidations{
		dir:  "modules/common",
		base: map[string]any{"resource_prefix": "metaflow"},
		cases: []validationCase{
			{name: "minimal"},
			{name: "ssl_mode_require", vars: map[string]any{"database_ssl_mode": "require"}},
			{name: "private_subnets_only", vars: map[string]any{"create_private_subnets_only": true}},
			{name: "private_and_public_subnets_only", vars: map[string]any{"create_private_subnets_only": true, "create_public_subnets_only": true},
				errors: []wantError{{"create_private_subnets_only", "create_private_subnets_only and create_public_subnets_only exclude each other: a VPC needs subnets of one kind at least."}}},
			{name: "ssl_mode_on", vars: map[string]any{"database_ssl_mode": "on"}, errors: []wantError{sslModeError("on")}},
			{name: "ssl_mode_verify_full", vars: map[string]any{"database_ssl_mode": "verify-full"}, errors: []wantError{sslModeError("verify-full")}},
			{name: "ssl_mode_verify_ca", vars: map[string]any{"database_ssl_mode": "verify-ca"}, errors: []wantError{sslModeError("verify-ca")}},
			{name: "ui_hostname_and_zone", vars: map[string]any{"ui_hostname": "metaflow.ml.example.com", "ui_route53_zone_id": "Z0123456789ABCDEFGHIJ"}},
			{name: "ui_hostname_url", vars: map[string]any{"ui_hostname": "https://metaflow.example.com/"}, errors: []wantError{hostnameError("https://metaflow.example.com/")}},
			{name: "ui_hostname_with_port", vars: map[string]any{"ui_hostname": "metaflow.example.com:443"}, errors: []wantError{hostnameError("metaflow.example.com:443")}},
			{name: "ui_hostname_trailing_dot", vars: map[string]any{"ui_hostname": "metaflow.example.com."}, errors: []wantError{hostnameError("metaflow.example.com.")}},
			{name: "ui_hostname_uppercase", vars: map[string]any{"ui_hostname": "Metaflow.example.com"}, errors: []wantError{hostnameError("Metaflow.example.com")}},
			{name: "ui_zone_arn", vars: map[string]any{"ui_hostname": "metaflow.example.com", "ui_route53_zone_id": "arn:aws:route53:::hostedzone/Z0123456789ABCDEFGHIJ"},
				errors: []wantError{zoneIDError("arn:aws:route53:::hostedzone/Z0123456789ABCDEFGHIJ")}},
			{name: "ui_zone_without_hostname", vars: map[string]any{"ui_route53_zone_id": "Z0123456789ABCDEFGHIJ"},
				errors: []wantError{{"ui_route53_zone_id", "ui_route53_zone_id needs ui_hostname: it is the zone the UI's record is created in, and ui_hostname is that record's name."}}},
			// Submodules get the root's generated prefix, never an empty one.
			{name: "prefix_empty", vars: map[string]any{"resource_prefix": ""}, errors: []wantError{commonPrefixError("")}},
			{name: "prefix_one_letter", vars: map[string]any{"resource_prefix": "m"}},
			{name: "prefix_amzn_demo_reserved", vars: map[string]any{"resource_prefix": "amzn-s3-demo-x"}, errors: []wantError{commonPrefixError("amzn-s3-demo-x")}},
			{name: "prefix_internal_dash", vars: map[string]any{"resource_prefix": "internal-tools"}, errors: []wantError{commonPrefixError("internal-tools")}},
			{name: "suffix_with_s3alias_word", vars: map[string]any{"resource_suffix": "dev-s3alias"}, errors: []wantError{suffixError("dev-s3alias")}},
			{name: "suffix_s3aliases_allowed", vars: map[string]any{"resource_suffix": "s3aliases"}},
			{name: "vpc_cidr_24", vars: map[string]any{"vpc_cidr": "172.16.5.0/24"}},
			{name: "vpc_cidr_28", vars: map[string]any{"vpc_cidr": "172.16.5.0/28"}, errors: []wantError{vpcError("172.16.5.0/28")}},
			{name: "azs_four", vars: map[string]any{"azs": []any{"a", "b", "c", "d"}},
				errors: []wantError{{"azs", `azs must list at most 3 distinct availability zones; got ["a","b","c","d"].`}}},
			// IAM guard rails: the path every role and instance profile gets,
			// and the permissions boundary of every role.
			{name: "iam_path_root", vars: map[string]any{"iam_path": "/"}},
			{name: "iam_path_nested", vars: map[string]any{"iam_path": "/org/team-a/metaflow/"}},
			{name: "iam_path_punctuation", vars: map[string]any{"iam_path": "/a.b_c+d=e,f@g-h/"}},
			{name: "iam_path_512", vars: map[string]any{"iam_path": "/" + strings.Repeat("a", 510) + "/"}},
			{name: "iam_path_513", vars: map[string]any{"iam_path": "/" + strings.Repeat("a", 511) + "/"},
				errors: []wantError{iamPathError("/" + strings.Repeat("a", 511) + "/")}},
			{name: "iam_path_empty", vars: map[string]any{"iam_path": ""}, errors: []wantError{iamPathError("")}},
			{name: "iam_path_no_leading_slash", vars: map[string]any{"iam_path": "metaflow/"}, errors: []wantError{iamPathError("metaflow/")}},
			{name: "iam_path_no_trailing_slash", vars: map[string]any{"iam_path": "/metaflow"}, errors: []wantError{iamPathError("/metaflow")}},
			{name: "iam_path_empty_segment", vars: map[string]any{"iam_path": "/org//metaflow/"}, errors: []wantError{iamPathError("/org//metaflow/")}},
			{name: "iam_path_space", vars: map[string]any{"iam_path": "/my team/"}, errors: []wantError{iamPathError("/my team/")}},
			{name: "iam_path_non_ascii", vars: map[string]any{"iam_path": "/équipe/"}, errors: []wantError{iamPathError("/équipe/")}},
			{name: "iam_boundary_customer_policy", vars: map[string]any{"iam_permissions_boundary": "arn:aws:iam::" + docAccount + ":policy/MetaflowBoundary"}},
			{name: "iam_boundary_policy_under_path", vars: map[string]any{"iam_permissions_boundary": "arn:aws:iam::" + docAccount + ":policy/boundaries/team-a/Metaflow_Boundary+1"}},
			{name: "iam_boundary_aws_managed", vars: map[string]any{"iam_permissions_boundary": "arn:aws:iam::aws:policy/PowerUserAccess"}},
			{name: "iam_boundary_govcloud", vars: map[string]any{"iam_permissions_boundary": "arn:aws-us-gov:iam::" + docAccount + ":policy/MetaflowBoundary"}},
			{name: "iam_boundary_china", vars: map[string]any{"iam_permissions_boundary": "arn:aws-cn:iam::" + docAccount + ":policy/MetaflowBoundary"}},
			{name: "iam_boundary_and_path", vars: map[string]any{"iam_path": "/metaflow/", "iam_permissions_boundary": "arn:aws:iam::" + docAccount + ":policy/MetaflowBoundary"}},
			{name: "iam_boundary_name_only", vars: map[string]any{"iam_permissions_boundary": "MetaflowBoundary"}, errors: []wantError{iamBoundaryError("MetaflowBoundary")}},
			{name: "iam_boundary_role_arn", vars: map[string]any{"iam_permissions_boundary": "arn:aws:iam::" + docAccount + ":role/MetaflowBoundary"},
				errors: []wantError{iamBoundaryError("arn:aws:iam::" + docAccount + ":role/MetaflowBoundary")}},
			{name: "iam_boundary_short_account", vars: map[string]any{"iam_permissions_boundary": "arn:aws:iam::12345:policy/MetaflowBoundary"},
				errors: []wantError{iamBoundaryError("arn:aws:iam::12345:policy/MetaflowBoundary")}},
			{name: "iam_boundary_with_region", vars: map[string]any{"iam_permissions_boundary": "arn:aws:iam:us-east-1:" + docAccount + ":policy/MetaflowBoundary"},
				errors: []wantError{iamBoundaryError("arn:aws:iam:us-east-1:" + docAccount + ":policy/MetaflowBoundary")}},
			{name: "iam_boundary_unknown_partition", vars: map[string]any{"iam_permissions_boundary": "arn:aws-iso:iam::" + docAccount + ":policy/MetaflowBoundary"},
				errors: []wantError{iamBoundaryError("arn:aws-iso:iam::" + docAccount + ":policy/MetaflowBoundary")}},
			{name: "iam_boundary_no_name", vars: map[string]any{"iam_permissions_boundary": "arn:aws:iam::" + docAccount + ":policy/"},
				errors: []wantError{iamBoundaryError("arn:aws:iam::" + docAccount + ":policy/")}},
			{name: "iam_boundary_empty", vars: map[string]any{"iam_permissions_boundary": ""}, errors: []wantError{iamBoundaryError("")}},
			{name: "iam_path_and_boundary_both_bad", vars: map[string]any{"iam_path": "metaflow", "iam_permissions_boundary": "arn:aws:iam::" + docAccount + ":policy/a b"},
				errors: []wantError{iamPathError("metaflow"), iamBoundaryError("arn:aws:iam::" + docAccount + ":policy/a b")}},
			{name: "upgrade_from_v012", vars: map[string]any{"upgrade_from": "v0.12"}},

			// The metadata API's endpoint, checked here for the root and modules/metadata-service.
			{name: "api_private_through_an_endpoint", vars: map[string]any{"metadata_service_api_endpoint_type": "PRIVATE", "metadata_service_api_vpc_endpoint_id": "vpce-0123456789abcdef0"}},
			{name: "api_private_endpoint_left_to_the_root", vars: map[string]any{"metadata_service_api_endpoint_type": "PRIVATE"}},
			{name: "api_edge", vars: map[string]any{"metadata_service_api_endpoint_type": "EDGE"}, errors: []wantError{apiEndpointTypeError("EDGE")}},
			{name: "api_private_lowercase", vars: map[string]any{"metadata_service_api_endpoint_type": "private"}, errors: []wantError{apiEndpointTypeError("private")}},
			// The id's own rule and the type rule both report.
			{name: "api_endpoint_id_malformed_on_a_regional_api", vars: map[string]any{"metadata_service_api_vpc_endpoint_id": "vpc-0123456789abcdef0"},
				errors: []wantError{
					apiVPCEndpointIDError("vpc-0123456789abcdef0"),
					{"metadata_service_api_vpc_endpoint_id", `metadata_service_api_vpc_endpoint_id is used only by a private API: set metadata_service_api_endpoint_type = "PRIVATE", or leave the endpoint id empty.`},
				}},
			{name: "api_endpoint_id_uppercase", vars: map[string]any{"metadata_service_api_endpoint_type": "PRIVATE", "metadata_service_api_vpc_endpoint_id": "vpce-0123456789ABCDEF0"},
				errors: []wantError{apiVPCEndpointIDError("vpce-0123456789ABCDEF0")}},
			{name: "upgrade_from_unknown_line", vars: map[string]any{"upgrade_from": "v0.13"},
				errors: []wantError{{"upgrade_from", `upgrade_from must be "v0.12", "refresh" or null; got "v0.13".`}}},
			{name: "ui_public_without_public_subnets", vars: map[string]any{"ui_is_public": true, "private_subnet_ids": []any{subnetA}},
				errors: []wantError{{"ui_is_public", "ui_is_public needs public_subnet_ids: a public load balancer must be in public subnets."}}},
			// fargate_services, keyed as the root and the modules key it
			// (TestFargateServicesThroughCallers plans it through them).
			{name: "fargate_defaults", vars: fargateServices(map[string]any{
				"metadata_service": map[string]any{"cpu": 512, "memory": 1024, "ephemeral_storage": 20, "desired_count": 1},
				"ui_backend":       map[string]any{"cpu": 1024, "memory": 4096},
				"ui_static":        map[string]any{"cpu": 256, "memory": 512},
			})},
			{name: "fargate_boundaries", vars: fargateServices(map[string]any{
				"a": map[string]any{"cpu": 256, "memory": 2048, "ephemeral_storage": 21, "desired_count": 10},
				"b": map[string]any{"cpu": 512, "memory": 4096, "ephemeral_storage": 200},
				"c": map[string]any{"cpu": 4096, "memory": 8192},
				"d": map[string]any{"cpu": 8192, "memory": 61440},
				"e": map[string]any{"cpu": 16384, "memory": 32768},
			})},
			{name: "fargate_cpu_300", vars: fargateServices(map[string]any{"metadata_service": map[string]any{"cpu": 300, "memory": 1024}}),
				errors: []wantError{{"fargate_services", fargateCPUMessage("metadata_service", "300")}}},
			// A CPU size Fargate lacks is reported once, not as a bad pair too.
			{name: "fargate_cpu_3000_any_memory", vars: fargateServices(map[string]any{"ui_backend": map[string]any{"cpu": 3000, "memory": 999999}}),
				errors: []wantError{{"fargate_services", fargateCPUMessage("ui_backend", "3000")}}},
			{name: "fargate_256_4096", vars: fargateServices(map[string]any{"metadata_service": map[string]any{"cpu": 256, "memory": 4096}}),
				errors: []wantError{{"fargate_services", fargateMemoryMessage([3]string{"metadata_service", "4096", "256"})}}},
			{name: "fargate_512_5120", vars: fargateServices(map[string]any{"metadata_service": map[string]any{"cpu": 512, "memory": 5120}}),
				errors: []wantError{{"fargate_services", fargateMemoryMessage([3]string{"metadata_service", "5120", "512"})}}},
			{name: "fargate_8192_18432_off_step", vars: fargateServices(map[string]any{"ui_backend": map[string]any{"cpu": 8192, "memory": 18432}}),
				errors: []wantError{{"fargate_services", fargateMemoryMessage([3]string{"ui_backend", "18432", "8192"})}}},
			{name: "fargate_two_bad_pairs_one_message", vars: fargateServices(map[string]any{
				"ui_backend": map[string]any{"cpu": 1024, "memory": 1024},
				"ui_static":  map[string]any{"cpu": 16384, "memory": 36864},
			}), errors: []wantError{{"fargate_services", fargateMemoryMessage([3]string{"ui_backend", "1024", "1024"}, [3]string{"ui_static", "36864", "16384"})}}},
			{name: "fargate_ephemeral_19", vars: fargateServices(map[string]any{"metadata_service": map[string]any{"cpu": 512, "memory": 1024, "ephemeral_storage": 19}}),
				errors: []wantError{{"fargate_services", fargateEphemeralMessage("metadata_service", "19")}}},
			{name: "fargate_ephemeral_201_and_fraction", vars: fargateServices(map[string]any{
				"a": map[string]any{"cpu": 512, "memory": 1024, "ephemeral_storage": 201},
				"b": map[string]any{"cpu": 512, "memory": 1024, "ephemeral_storage": 30.5},
			}), errors: []wantError{{"fargate_services", fargateEphemeralMessage("a", "201") + " " + fargateEphemeralMessage("b", "30.5")}}},
			{name: "fargate_desired_count_0", vars: fargateServices(map[string]any{"metadata_service": map[string]any{"cpu": 512, "memory": 1024, "desired_count": 0}}),
				errors: []wantError{{"fargate_services", fargateCountMessage("metadata_service", "0")}}},
			{name: "fargate_desired_count_11_and_fraction", vars: fargateServices(map[string]any{
				"a": map[string]any{"cpu": 512, "memory": 1024, "desired_count": 11},
				"b": map[string]any{"cpu": 512, "memory": 1024, "desired_count": 1.5},
			}), errors: []wantError{{"fargate_services", fargateCountMessage("a", "11") + " " + fargateCountMessage("b", "1.5")}}},
		},
	}
}

// fargateServices is the vars of a case setting modules/common's fargate_services.
func fargateServices(services map[string]any) map[string]any {
	return map[string]any{"fargate_services": services}
}
