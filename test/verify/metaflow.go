package verify

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/apigateway"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	lambdatypes "github.com/aws/aws-sdk-go-v2/service/lambda/types"
)

// The metadata service answers GET /ping with "pong" without touching the
// database, GET /flows with a JSON list (needs the schema), and, through the
// API Gateway route to its migration port, GET /db_schema_status with
// {"is_up_to_date": bool, "unapplied_migrations": [...], ...}.

// PingOK passes the metadata service's /ping answer.
var PingOK = WantBody("pong")

// FlowsListed passes a 200 whose body is a JSON array: the service reached the
// database and its schema has the flows table. A 500 here is the "HTTP 500
// from the metadata API" users report when the schema was never migrated.
func FlowsListed(r Response) error {
	if err := WantStatus(http.StatusOK)(r); err != nil {
		return err
	}
	var flows []json.RawMessage
	if err := json.Unmarshal(r.Body, &flows); err != nil {
		return fmt.Errorf("body is not a JSON list: %v; body: %s", err, Snippet(r.Body))
	}
	return nil
}

// SchemaStatus is the migration service's /db_schema_status answer.
type SchemaStatus struct {
	IsUpToDate          bool     `json:"is_up_to_date"`
	CurrentVersion      any      `json:"current_version"`
	MigrationInProgress bool     `json:"migration_in_progress"`
	UnappliedMigrations []string `json:"unapplied_migrations"`
}

// ParseSchemaStatus reads a /db_schema_status response.
func ParseSchemaStatus(r Response) (SchemaStatus, error) {
	if err := WantStatus(http.StatusOK)(r); err != nil {
		return SchemaStatus{}, err
	}
	var s SchemaStatus
	if err := json.Unmarshal(r.Body, &s); err != nil {
		return SchemaStatus{}, fmt.Errorf("db_schema_status is not JSON: %v; body: %s", err, Snippet(r.Body))
	}
	if !strings.Contains(string(r.Body), `"is_up_to_date"`) {
		return SchemaStatus{}, fmt.Errorf("db_schema_status has no is_up_to_date field; body: %s", Snippet(r.Body))
	}
	return s, nil
}

// SchemaUpToDate passes a /db_schema_status answer that reports no unapplied
// migration.
func SchemaUpToDate(r Response) error {
	s, err := ParseSchemaStatus(r)
	if err != nil {
		return err
	}
	if !s.IsUpToDate {
		return fmt.Errorf("database schema is not up to date (%d unapplied migrations, migration in progress: %t)",
			len(s.UnappliedMigrations), s.MigrationInProgress)
	}
	return nil
}

// APIKeyAPI is the part of the API Gateway client FetchAPIKey needs.
type APIKeyAPI interface {
	GetApiKey(ctx context.Context, in *apigateway.GetApiKeyInput, optFns ...func(*apigateway.Options)) (*apigateway.GetApiKeyOutput, error)
}

// FetchAPIKey reads the value of the metadata API key (the x-api-key header)
// by id, as a user does from the api_gateway_rest_api_id_key_id output.
func FetchAPIKey(ctx context.Context, api APIKeyAPI, keyID string) (string, error) {
	if keyID == "" {
		return "", fmt.Errorf("apigateway: API key id is empty")
	}
	out, err := api.GetApiKey(ctx, &apigateway.GetApiKeyInput{ApiKey: aws.String(keyID), IncludeValue: aws.Bool(true)})
	if err != nil {
		return "", fmt.Errorf("apigateway: reading API key %s: %w", keyID, err)
	}
	if !out.Enabled {
		return "", fmt.Errorf("apigateway: API key %s is disabled", keyID)
	}
	if aws.ToString(out.Value) == "" {
		return "", fmt.Errorf("apigateway: API key %s has no value", keyID)
	}
	return aws.ToString(out.Value), nil
}

// LambdaAPI is the part of the Lambda client InvokeMigration needs.
type LambdaAPI interface {
	Invoke(ctx context.Context, in *lambda.InvokeInput, optFns ...func(*lambda.Options)) (*lambda.InvokeOutput, error)
}

// InvokeMigration runs the DB migration function synchronously, the step the
// README tells users to take after apply, and returns its answer on one line.
// A function error (an unhandled exception, a timeout, the function's own
// MigrationFailed) fails, and so does an answer that is not a successful
// upgrade: the function reports the service's answers, and an upgrade the
// service refused (500 "upgrade failed") is still a well-formed payload.
func InvokeMigration(ctx context.Context, api LambdaAPI, functionARN string) (string, error) {
	if functionARN == "" {
		return "", fmt.Errorf("lambda: migration function ARN is empty (is migration_function_arn set by this example?)")
	}
	out, err := api.Invoke(ctx, &lambda.InvokeInput{
		FunctionName:   aws.String(functionARN),
		InvocationType: lambdatypes.InvocationTypeRequestResponse,
	})
	if err != nil {
		return "", fmt.Errorf("lambda: invoking %s: %w", functionARN, err)
	}
	if out.StatusCode != http.StatusOK {
		return "", fmt.Errorf("lambda: invoking %s: status %d", functionARN, out.StatusCode)
	}
	if fe := aws.ToString(out.FunctionError); fe != "" {
		return "", fmt.Errorf("lambda: %s failed (%s): %s", functionARN, fe, Snippet(out.Payload))
	}
	summary, err := checkMigration(out.Payload)
	if err != nil {
		return "", fmt.Errorf("lambda: %s: %w", functionARN, err)
	}
	return summary, nil
}

// serviceAnswer is one answer of the metadata service the migration function
// passes on: the HTTP status and the body (JSON when it parsed, else text).
type serviceAnswer struct {
	Status int             `json:"status"`
	Body   json.RawMessage `json:"body"`
}

// checkMigration reads the migration function's payload: the upgrade must
// have answered 200 "upgrade success" and the schema status after it must
// be up to date. It returns the outcome on one line.
func checkMigration(payload []byte) (string, error) {
	var answers struct {
		Upgrade *serviceAnswer `json:"upgrade"`
		After   *serviceAnswer `json:"db_schema_status_after"`
	}
	if err := json.Unmarshal(payload, &answers); err != nil || answers.Upgrade == nil || answers.After == nil {
		return "", fmt.Errorf("answer is not the migration function's (upgrade, db_schema_status_after): %s", Snippet(payload))
	}
	var upgradeText string
	if answers.Upgrade.Status != http.StatusOK || json.Unmarshal(answers.Upgrade.Body, &upgradeText) != nil || upgradeText != "upgrade success" {
		return "", fmt.Errorf("upgrade failed: the service answered %d %s", answers.Upgrade.Status, Snippet(answers.Upgrade.Body))
	}
	var status struct {
		UpToDate  *bool    `json:"is_up_to_date"`
		Unapplied []string `json:"unapplied_migrations"`
		Current   string   `json:"current_version"`
	}
	if answers.After.Status != http.StatusOK || json.Unmarshal(answers.After.Body, &status) != nil || status.UpToDate == nil {
		return "", fmt.Errorf("schema status after the upgrade unreadable: the service answered %d %s", answers.After.Status, Snippet(answers.After.Body))
	}
	if !*status.UpToDate {
		return "", fmt.Errorf("schema not up to date after the upgrade (version %s, unapplied %v)", status.Current, status.Unapplied)
	}
	return fmt.Sprintf("%s; schema at version %s, up to date", upgradeText, status.Current), nil
}

// CheckProfile checks the Metaflow profile JSON an example writes: an object of
// strings, every key in want present with that value (an empty wanted value
// only requires the key to be non-empty), no value that is an instruction
// instead of a setting, and no secret in it.
func CheckProfile(profileJSON string, want map[string]string, secrets ...string) (map[string]string, error) {
	var profile map[string]any
	if err := json.Unmarshal([]byte(profileJSON), &profile); err != nil {
		return nil, fmt.Errorf("profile: not a JSON object: %w", err)
	}
	flat := make(map[string]string, len(profile))
	for k, v := range profile {
		s, ok := v.(string)
		if !ok {
			return nil, fmt.Errorf("profile: %s is %T, want a string", k, v)
		}
		flat[k] = s
	}
	keys := make([]string, 0, len(want))
	for k := range want {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		got, ok := flat[k]
		switch {
		case !ok || got == "":
			return nil, fmt.Errorf("profile: %s is missing or empty", k)
		case want[k] != "" && got != want[k]:
			return nil, fmt.Errorf("profile: %s is %q, want %q", k, got, want[k])
		}
	}
	for k, v := range flat {
		if strings.HasPrefix(strings.TrimSpace(v), "#") {
			return nil, fmt.Errorf("profile: %s holds an instruction (%q), not a value", k, v)
		}
		for _, s := range secrets {
			if s != "" && strings.Contains(v, s) {
				return nil, fmt.Errorf("profile: %s contains a secret in plain text", k)
			}
		}
	}
	return flat, nil
}
