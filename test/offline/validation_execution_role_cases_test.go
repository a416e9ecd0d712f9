package offline

import "strings"

// Cases for modules/ecs-task-execution-role's variables.tf, the execution
// role metadata-service and ui share. Its callers pass values they already
// validated, so these cases mostly hold the messages and the boundaries.
// Cases for the variables.tf of modules/ecs-task-execution-role, the execution
// role metadata-service and ui share. Its callers pass values they already
// validated, so these cases mostly hold the messages and the boundaries.
func executionRoleCases() moduleValidations {
	logGroupARN := "arn:aws:logs:us-east-1:" + docAccount + ":log-group:/ecs/metaflow-ui"
	return moduleValidations{
		dir: "modules/ecs-task-execution-role",
		base: map[string]any{
			"name": "metaflow-ui-execution", "description": "Lets ECS start the Metaflow UI tasks.", "policy_name": "ui-execution",
			"region": "us-east-1", "log_group_arns": []any{logGroupARN}, "database_password_secret_arn": secretARN,
		},
		cases: []validationCase{
			{name: "minimal"},
			{name: "boundaries", vars: map[string]any{
				"name": strings.Repeat("r", 64), "policy_name": strings.Repeat("p", 128), "description": strings.Repeat("d", 1000),
				"region": "us-gov-west-1", "database_password_secret_kms_key_arn": kmsKeyARN,
				"log_group_arns": []any{logGroupARN, "arn:aws-us-gov:logs:us-gov-west-1:" + docAccount + ":log-group:/aws/lambda/metaflow-migrate"},
			}},
			{name: "name_too_long", vars: map[string]any{"name": strings.Repeat("r", 65)},
				errors: []wantError{{"name", `name must be 1-64 letters, digits or _+=,.@- (an IAM role name); got "` + strings.Repeat("r", 65) + `".`}}},
			{name: "name_with_slash", vars: map[string]any{"name": "metaflow/ui"},
				errors: []wantError{{"name", `name must be 1-64 letters, digits or _+=,.@- (an IAM role name); got "metaflow/ui".`}}},
			{name: "policy_name_empty", vars: map[string]any{"policy_name": ""},
				errors: []wantError{{"policy_name", `policy_name must be 1-128 letters, digits or _+=,.@- (an IAM policy name); got "".`}}},
			{name: "description_too_long", vars: map[string]any{"description": strings.Repeat("d", 1001)},
				errors: []wantError{{"description", "description must be at most 1000 characters (the IAM limit); got 1001."}}},
			{name: "region_not_a_region", vars: map[string]any{"region": "Europe"},
				errors: []wantError{{"region", `region must be an AWS region name such as "eu-west-1" or "us-gov-west-1"; got "Europe".`}}},
			{name: "no_log_groups", vars: map[string]any{"log_group_arns": []any{}},
				errors: []wantError{{"log_group_arns", `log_group_arns must hold at least one CloudWatch Logs group ARN (arn:PARTITION:logs:REGION:ACCOUNT:log-group:NAME, without ":*"); got [].`}}},
			{name: "log_group_arn_with_wildcard", vars: map[string]any{"log_group_arns": []any{logGroupARN + ":*"}},
				errors: []wantError{{"log_group_arns", `log_group_arns must hold at least one CloudWatch Logs group ARN (arn:PARTITION:logs:REGION:ACCOUNT:log-group:NAME, without ":*"); got ["` + logGroupARN + `:*"].`}}},
			{name: "password_as_plain_value", vars: map[string]any{"database_password_secret_arn": "Not-A-Real-Passw0rd"},
				errors: []wantError{{"database_password_secret_arn", `database_password_secret_arn must be a Secrets Manager secret ARN (arn:PARTITION:secretsmanager:REGION:ACCOUNT:secret:NAME); got "Not-A-Real-Passw0rd".`}}},
			{name: "secret_key_alias", vars: map[string]any{"database_password_secret_kms_key_arn": "alias/metaflow"},
				errors: []wantError{{"database_password_secret_kms_key_arn", `database_password_secret_kms_key_arn must be "" or a KMS key ARN (arn:PARTITION:kms:REGION:ACCOUNT:key/ID); got "alias/metaflow".`}}},
		},
	}
}
