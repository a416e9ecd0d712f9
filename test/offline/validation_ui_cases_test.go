package offline

// Cases for modules/ui's variables.tf.

// An OpenID Connect identity provider (Okta's endpoints, a made-up org) and a
// Cognito user pool, as ui_authentication takes them.
const (
	oidcSecretARN  = "arn:aws:secretsmanager:us-east-1:" + docAccount + ":secret:metaflow-ui-oidc-AbCdEf"
	userPoolARN    = "arn:aws:cognito-idp:us-east-1:" + docAccount + ":userpool/us-east-1_AbCdEfGhI"
	uiClientSecret = "Not-A-Real-Client-Secret-0123"
)

func oidcIdP(overrides map[string]any) map[string]any {
	return with(map[string]any{
		"issuer":                 "https://example.okta.com/oauth2/default",
		"authorization_endpoint": "https://example.okta.com/oauth2/default/v1/authorize",
		"token_endpoint":         "https://example.okta.com/oauth2/default/v1/token",
		"user_info_endpoint":     "https://example.okta.com/oauth2/default/v1/userinfo",
		"client_id":              "0oa1example2client3",
	}, overrides)
}

func cognitoPool(overrides map[string]any) map[string]any {
	return with(map[string]any{"user_pool_arn": userPoolARN, "user_pool_client_id": "1example23456789abcdefghij", "user_pool_domain": "metaflow-login"}, overrides)
}

func uiCases() moduleValidations {
	oidcSecretError := func(which string) wantError {
		return wantError{"ui_authentication", "ui_authentication.oidc needs the client secret from exactly one of oidc.client_secret_arn (a Secrets Manager secret) and ui_authentication_client_secret; " + which + "."}
	}
	strayClientSecret := func(state string) wantError {
		return wantError{"ui_authentication", "ui_authentication_client_secret is the client secret of an OpenID Connect provider, set only with ui_authentication.oidc (with cognito the load balancer reads the app client's secret from the user pool itself); ui_authentication " + state + "."}
	}
	elevenParams := map[string]any{}
	for _, k := range []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k"} {
		elevenParams[k] = "1"
	}
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

			// ui_authentication: a login on the listener.
			{name: "oidc_login_secret_from_secrets_manager", vars: map[string]any{"ui_authentication": map[string]any{"oidc": oidcIdP(map[string]any{"client_secret_arn": oidcSecretARN})}}},
			{name: "oidc_login_secret_as_input_with_session_settings", vars: map[string]any{
				"ui_authentication": map[string]any{
					"oidc":  oidcIdP(map[string]any{"issuer": "https://accounts.google.com", "token_endpoint": "https://oauth2.googleapis.com:443/token"}),
					"scope": "openid email profile", "session_timeout": 604800, "session_cookie_name": "Metaflow.UI_Session",
					"on_unauthenticated_request": "deny", "authentication_request_extra_params": map[string]any{"prompt": "login", "hd": "example.com"},
				},
				"ui_authentication_client_secret": uiClientSecret,
			}},
			{name: "cognito_login_custom_domain", vars: map[string]any{"ui_authentication": map[string]any{"cognito": cognitoPool(map[string]any{"user_pool_domain": "auth.example.com"}), "session_timeout": 1}}},
			{name: "login_with_oidc_and_cognito", vars: map[string]any{
				"ui_authentication":               map[string]any{"oidc": oidcIdP(nil), "cognito": cognitoPool(nil)},
				"ui_authentication_client_secret": uiClientSecret,
			}, errors: []wantError{{"ui_authentication", "ui_authentication must set exactly one of oidc (an OpenID Connect identity provider) and cognito (an existing Cognito user pool); got both."}}},
			{name: "login_with_neither", vars: map[string]any{"ui_authentication": map[string]any{"session_timeout": 3600}},
				errors: []wantError{{"ui_authentication", "ui_authentication must set exactly one of oidc (an OpenID Connect identity provider) and cognito (an existing Cognito user pool); got neither."}}},
			{name: "oidc_endpoints_not_https", vars: map[string]any{"ui_authentication": map[string]any{"oidc": oidcIdP(map[string]any{
				"issuer": "http://example.okta.com/oauth2/default", "token_endpoint": "example.okta.com/oauth2/default/v1/token", "client_secret_arn": oidcSecretARN,
			})}}, errors: []wantError{{"ui_authentication", `ui_authentication.oidc issuer, authorization_endpoint, token_endpoint and user_info_endpoint must be https:// URLs (the load balancer reaches the identity provider over TLS only), such as https://example.okta.com/oauth2/v1/token; invalid: {"issuer":"http://example.okta.com/oauth2/default","token_endpoint":"example.okta.com/oauth2/default/v1/token"}.`}}},
			{name: "oidc_client_id_empty_and_secret_arn_not_secrets_manager", vars: map[string]any{"ui_authentication": map[string]any{"oidc": oidcIdP(map[string]any{
				"client_id": "", "client_secret_arn": "arn:aws:ssm:us-east-1:" + docAccount + ":parameter/metaflow-ui-oidc",
			})}}, errors: []wantError{
				{"ui_authentication", `ui_authentication.oidc.client_id must be the identity provider's client ID for the UI's app, non-empty and without spaces; got "".`},
				{"ui_authentication", `ui_authentication.oidc.client_secret_arn must be null or a Secrets Manager secret ARN (arn:PARTITION:secretsmanager:REGION:ACCOUNT:secret:NAME) whose plain string value is the client secret; got "arn:aws:ssm:us-east-1:` + docAccount + `:parameter/metaflow-ui-oidc".`},
			}},
			// The secret is never echoed (runValidationCase checks the output).
			{name: "oidc_with_two_secret_sources", vars: map[string]any{
				"ui_authentication":               map[string]any{"oidc": oidcIdP(map[string]any{"client_secret_arn": oidcSecretARN})},
				"ui_authentication_client_secret": uiClientSecret,
			}, errors: []wantError{oidcSecretError("both are set")}},
			{name: "oidc_without_a_secret", vars: map[string]any{"ui_authentication": map[string]any{"oidc": oidcIdP(nil)}},
				errors: []wantError{oidcSecretError("neither is set")}},
			{name: "client_secret_with_cognito", vars: map[string]any{"ui_authentication": map[string]any{"cognito": cognitoPool(nil)}, "ui_authentication_client_secret": uiClientSecret},
				errors: []wantError{strayClientSecret("has no oidc")}},
			{name: "client_secret_without_login", vars: map[string]any{"ui_authentication_client_secret": uiClientSecret},
				errors: []wantError{strayClientSecret("is null")}},
			{name: "cognito_bad_values", vars: map[string]any{"ui_authentication": map[string]any{"cognito": cognitoPool(map[string]any{
				"user_pool_arn": "arn:aws:cognito-idp:us-east-1:" + docAccount + ":identitypool/us-east-1:1234", "user_pool_client_id": "client id",
				"user_pool_domain": "https://metaflow-login.auth.us-east-1.amazoncognito.com",
			})}}, errors: []wantError{
				{"ui_authentication", `ui_authentication.cognito.user_pool_arn must be a Cognito user pool ARN (arn:PARTITION:cognito-idp:REGION:ACCOUNT:userpool/REGION_ID); got "arn:aws:cognito-idp:us-east-1:` + docAccount + `:identitypool/us-east-1:1234".`},
				{"ui_authentication", `ui_authentication.cognito.user_pool_client_id must be the ID of an app client of the user pool (1-128 letters, digits, _ or +); got "client id".`},
				{"ui_authentication", `ui_authentication.cognito.user_pool_domain must be the user pool's domain prefix (such as metaflow-login) or its custom domain (such as auth.example.com), without https://; got "https://metaflow-login.auth.us-east-1.amazoncognito.com".`},
			}},
			{name: "login_bad_session_settings", vars: map[string]any{"ui_authentication": map[string]any{
				"cognito": cognitoPool(nil), "scope": "openid  email", "session_timeout": 604801, "session_cookie_name": "metaflow session",
				"on_unauthenticated_request": "allow", "authentication_request_extra_params": elevenParams,
			}}, errors: []wantError{
				{"ui_authentication", "ui_authentication.session_timeout must be a whole number of seconds from 1 to 604800 (7 days); got 604801."},
				{"ui_authentication", `ui_authentication.on_unauthenticated_request must be "authenticate" (redirect to the login) or "deny" (answer 401); "allow" is refused, it would let anyone in; got "allow".`},
				{"ui_authentication", `ui_authentication.scope must be one or more scopes separated by single spaces, such as "openid email"; got "openid  email".`},
				{"ui_authentication", `ui_authentication.session_cookie_name must be a cookie name (letters, digits and !#$%&'*+.^_|~-, no spaces, = or ;); got "metaflow session".`},
				{"ui_authentication", "ui_authentication.authentication_request_extra_params may hold at most 10 query parameters; got 11."},
			}},
			{name: "login_session_timeout_fraction", vars: map[string]any{"ui_authentication": map[string]any{"cognito": cognitoPool(nil), "session_timeout": 0.5}},
				errors: []wantError{{"ui_authentication", "ui_authentication.session_timeout must be a whole number of seconds from 1 to 604800 (7 days); got 0.5."}}},
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
