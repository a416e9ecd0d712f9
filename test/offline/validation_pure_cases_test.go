package offline

// Cases for the pure modules' variables.tf: modules/common and modules/profile.

func commonPrefixError(got string) wantError {
	return wantError{"resource_prefix", `resource_prefix must be 1-32 characters of lowercase letters, digits and hyphens starting with a letter, and not start with "internal-", "sthree-" or "amzn-s3-demo-" (AWS rejects load balancer and bucket names starting so); got "` + got + `".`}
}

func commonCases() moduleValidations {
	vpcError := func(got string) wantError {
		return wantError{"vpc_cidr", `vpc_cidr must be an IPv4 CIDR block from /16 to /24 written as its network address, such as 10.0.0.0/16; got "` + got + `".`}
	}
	return moduleValidations{
		dir:   "modules/common",
		owner: "lead",
		base:  map[string]any{"resource_prefix": "metaflow"},
		cases: []validationCase{
			{name: "minimal"},
			{name: "ssl_mode_require", vars: map[string]any{"database_ssl_mode": "require"}},
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
			{name: "upgrade_from_v012", vars: map[string]any{"upgrade_from": "v0.12"}},
			{name: "upgrade_from_unknown_line", vars: map[string]any{"upgrade_from": "v0.13"},
				errors: []wantError{{"upgrade_from", `upgrade_from must be "v0.12", "refresh" or null; got "v0.13".`}}},
			{name: "ui_public_without_public_subnets", vars: map[string]any{"ui_is_public": true, "private_subnet_ids": []any{subnetA}},
				errors: []wantError{{"ui_is_public", "ui_is_public needs public_subnet_ids: a public load balancer must be in public subnets."}}},
		},
	}
}

func profileCases() moduleValidations {
	return moduleValidations{
		dir:   "modules/profile",
		owner: "issue 8",
		base:  map[string]any{},
		cases: []validationCase{
			{name: "all_empty"},
			{name: "urls_valid", vars: map[string]any{
				"datastore_sysroot_s3": "s3://my-bucket/metaflow",
				"datatools_s3root":     "s3://my-bucket/data",
				"service_url":          "https://abc123.execute-api.us-east-1.amazonaws.com/api/",
				"service_internal_url": "http://internal-nlb.elb.us-east-1.amazonaws.com/",
				"ui_url":               "https://metaflow-ui.example.com/",
			}},
			{name: "sysroot_without_scheme", vars: map[string]any{"datastore_sysroot_s3": "my-bucket/metaflow"},
				errors: []wantError{{"datastore_sysroot_s3", `datastore_sysroot_s3 must be empty or an S3 URL such as s3://my-bucket/metaflow; got "my-bucket/metaflow".`}}},
			{name: "datatools_bucket_uppercase", vars: map[string]any{"datatools_s3root": "s3://My-Bucket/data"},
				errors: []wantError{{"datatools_s3root", `datatools_s3root must be empty or an S3 URL such as s3://my-bucket/data; got "s3://My-Bucket/data".`}}},
			{name: "service_url_not_http", vars: map[string]any{"service_url": "ftp://metadata"},
				errors: []wantError{{"service_url", `service_url must be empty or an http(s) URL; got "ftp://metadata".`}}},
		},
	}
}
