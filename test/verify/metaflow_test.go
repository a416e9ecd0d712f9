package verify

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/apigateway"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
)

type fakeAPIKeys struct {
	out *apigateway.GetApiKeyOutput
	err error
	in  *apigateway.GetApiKeyInput
}

func (f *fakeAPIKeys) GetApiKey(_ context.Context, in *apigateway.GetApiKeyInput, _ ...func(*apigateway.Options)) (*apigateway.GetApiKeyOutput, error) {
	f.in = in
	return f.out, f.err
}

func TestFetchAPIKey(t *testing.T) {
	tests := []struct {
		name    string
		id      string
		fake    fakeAPIKeys
		wantErr string
	}{
		{name: "enabled key", id: "abc123", fake: fakeAPIKeys{out: &apigateway.GetApiKeyOutput{Enabled: true, Value: aws.String(testKey)}}},
		{name: "disabled key", id: "abc123", fake: fakeAPIKeys{out: &apigateway.GetApiKeyOutput{Enabled: false, Value: aws.String(testKey)}}, wantErr: "disabled"},
		{name: "no value returned", id: "abc123", fake: fakeAPIKeys{out: &apigateway.GetApiKeyOutput{Enabled: true}}, wantErr: "no value"},
		{name: "api error", id: "abc123", fake: fakeAPIKeys{err: errors.New("NotFoundException")}, wantErr: "NotFoundException"},
		{name: "empty id", id: "", wantErr: "empty"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := tc.fake
			got, err := FetchAPIKey(context.Background(), &f, tc.id)
			checkErr(t, err, tc.wantErr, false)
			if tc.wantErr != "" {
				if strings.Contains(err.Error(), testKey) {
					t.Fatal("error leaks the key")
				}
				return
			}
			if got != testKey {
				t.Fatalf("got a different key (%s)", MaskSecret(got))
			}
			if !aws.ToBool(f.in.IncludeValue) || aws.ToString(f.in.ApiKey) != tc.id {
				t.Fatalf("request %+v must ask for the value of key %s", f.in, tc.id)
			}
		})
	}
}

type fakeLambda struct {
	out *lambda.InvokeOutput
	err error
}

func (f *fakeLambda) Invoke(context.Context, *lambda.InvokeInput, ...func(*lambda.Options)) (*lambda.InvokeOutput, error) {
	return f.out, f.err
}

// The metadata service's /db_schema_status bodies (migration_service/api/admin.py).
const (
	statusUpToDate = `{"is_up_to_date": true, "current_version": "20201002000616", "migration_in_progress": false, "db_schema_versions": ["20200603104139", "20201002000616"], "unapplied_migrations": []}`
	statusBehind   = `{"is_up_to_date": false, "current_version": "20200603104139", "migration_in_progress": false, "db_schema_versions": ["20200603104139", "20201002000616"], "unapplied_migrations": ["20201002000616"]}`
)

// migrationPayload is what modules/metadata-service/lambda/db_migrate.py
// returns: the service's three answers, each its status and its body.
func migrationPayload(upgradeStatus int, upgradeBody string, afterStatus int, afterBody string) []byte {
	return []byte(fmt.Sprintf(`{"db_schema_status_before": {"status": 200, "body": %s}, "upgrade": {"status": %d, "body": %s}, "db_schema_status_after": {"status": %d, "body": %s}}`,
		statusBehind, upgradeStatus, upgradeBody, afterStatus, afterBody))
}

func TestInvokeMigration(t *testing.T) {
	tests := []struct {
		name    string
		arn     string
		fake    fakeLambda
		want    string
		wantErr string
	}{
		{name: "migrated", arn: "arn:fn", fake: fakeLambda{out: &lambda.InvokeOutput{StatusCode: 200, Payload: migrationPayload(200, `"upgrade success"`, 200, statusUpToDate)}}, want: "upgrade success; schema at version 20201002000616, up to date"},
		{name: "upgrade refused", arn: "arn:fn", fake: fakeLambda{out: &lambda.InvokeOutput{StatusCode: 200, Payload: migrationPayload(500, `"upgrade failed"`, 200, statusBehind)}},
			wantErr: `upgrade failed: the service answered 500 "upgrade failed"`},
		{name: "upgrade not found", arn: "arn:fn", fake: fakeLambda{out: &lambda.InvokeOutput{StatusCode: 200, Payload: migrationPayload(404, `"404: Not Found"`, 404, `"404: Not Found"`)}},
			wantErr: `the service answered 404 "404: Not Found"`},
		{name: "still behind", arn: "arn:fn", fake: fakeLambda{out: &lambda.InvokeOutput{StatusCode: 200, Payload: migrationPayload(200, `"upgrade success"`, 200, statusBehind)}},
			wantErr: "schema not up to date after the upgrade (version 20200603104139, unapplied [20201002000616])"},
		{name: "status unreadable", arn: "arn:fn", fake: fakeLambda{out: &lambda.InvokeOutput{StatusCode: 200, Payload: migrationPayload(200, `"upgrade success"`, 500, `{"detail": "Exception('unable to get db version via goose: ')"}`)}},
			wantErr: "schema status after the upgrade unreadable: the service answered 500"},
		{name: "not our function", arn: "arn:fn", fake: fakeLambda{out: &lambda.InvokeOutput{StatusCode: 200, Payload: []byte(`null`)}}, wantErr: "not the migration function's"},
		{name: "migration failed in the function", arn: "arn:fn", fake: fakeLambda{out: &lambda.InvokeOutput{StatusCode: 200, FunctionError: aws.String("Unhandled"),
			Payload: []byte(`{"errorMessage": "{\"upgrade\": {\"status\": 500, \"body\": \"upgrade failed\"}}", "errorType": "MigrationFailed"}`)}}, wantErr: "upgrade failed"},
		{name: "function raised", arn: "arn:fn", fake: fakeLambda{out: &lambda.InvokeOutput{StatusCode: 200, FunctionError: aws.String("Unhandled"), Payload: []byte(`{"errorMessage": "timed out connecting to NLB"}`)}}, wantErr: "timed out connecting to NLB"},
		{name: "invoke refused", arn: "arn:fn", fake: fakeLambda{err: errors.New("AccessDeniedException")}, wantErr: "AccessDeniedException"},
		{name: "odd status", arn: "arn:fn", fake: fakeLambda{out: &lambda.InvokeOutput{StatusCode: 202}}, wantErr: "status 202"},
		{name: "no arn", arn: "", wantErr: "ARN is empty"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := tc.fake
			got, err := InvokeMigration(context.Background(), &f, tc.arn)
			checkErr(t, err, tc.wantErr, false)
			if tc.want != "" && !strings.Contains(got, tc.want) {
				t.Fatalf("got %q, want it to contain %q", got, tc.want)
			}
		})
	}
}

func TestCheckProfile(t *testing.T) {
	const good = `{"METAFLOW_BATCH_JOB_QUEUE": "arn:q", "METAFLOW_SERVICE_URL": "https://x/api/", "METAFLOW_DEFAULT_METADATA": "service", "METAFLOW_DATASTORE_SYSROOT_S3": "s3://b/metaflow"}`
	want := map[string]string{"METAFLOW_BATCH_JOB_QUEUE": "arn:q", "METAFLOW_SERVICE_URL": "https://x/api/", "METAFLOW_DATASTORE_SYSROOT_S3": ""}
	tests := []struct {
		name    string
		json    string
		secrets []string
		wantErr string
	}{
		{name: "matches the outputs", json: good, secrets: []string{testKey}},
		{name: "queue differs from output", json: strings.Replace(good, "arn:q", "arn:other", 1), wantErr: `METAFLOW_BATCH_JOB_QUEUE is "arn:other"`},
		{name: "key missing", json: `{"METAFLOW_BATCH_JOB_QUEUE": "arn:q", "METAFLOW_SERVICE_URL": "https://x/api/"}`, wantErr: "METAFLOW_DATASTORE_SYSROOT_S3 is missing"},
		{name: "instruction instead of auth key", json: strings.Replace(good, `}`, `, "METAFLOW_SERVICE_AUTH_KEY": "## Replace with output from 'aws apigateway get-api-key'"}`, 1), wantErr: "holds an instruction"},
		{name: "api key in plain text", json: strings.Replace(good, `}`, `, "METAFLOW_SERVICE_AUTH_KEY": "`+testKey+`"}`, 1), secrets: []string{testKey}, wantErr: "secret in plain text"},
		{name: "non-string value", json: `{"METAFLOW_BATCH_JOB_QUEUE": 3}`, wantErr: "want a string"},
		{name: "not an object", json: `["a"]`, wantErr: "not a JSON object"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := CheckProfile(tc.json, want, tc.secrets...)
			checkErr(t, err, tc.wantErr, false)
			if err != nil && strings.Contains(err.Error(), testKey) {
				t.Fatal("error leaks the key")
			}
		})
	}
}
