package offline

// Cases for modules/common's variables.tf, which also checks the rules the
// root and several submodules share (database_ssl_mode, ui_hostname, ...).

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
