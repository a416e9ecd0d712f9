package deploy

import (
	"reflect"
	"slices"
	"strings"
	"testing"
)

// fakeStackOutput is a value of the type StackOutputs has for the output
// name: value itself for a string, a one-entry map for a map.
func fakeStackOutput(name, value string) any {
	typ := reflect.TypeFor[StackOutputs]()
	for i := range typ.NumField() {
		f := typ.Field(i)
		if strings.Split(f.Tag.Get("json"), ",")[0] == name && f.Type.Kind() == reflect.Map {
			return map[string]string{"default": value}
		}
	}
	return value
}

func TestParseStackOutputs(t *testing.T) {
	const key = "s3cr3t-api-key-value-0123456789"
	stack := map[string]any{}
	for _, n := range jsonNames(StackOutputs{}) {
		stack[n] = fakeStackOutput(n, "v-"+n)
	}
	good := map[string]any{
		stackOutput:             stack,
		stackSecretOutput:       map[string]any{"METAFLOW_SERVICE_AUTH_KEY": key},
		"metaflow_profile_json": "{}",
	}
	out, sec, err := ParseStackOutputs(good)
	if err != nil {
		t.Fatal(err)
	}
	if out.BatchJobQueue != "v-METAFLOW_BATCH_JOB_QUEUE" || out.UIALBDNSName != "v-ui_alb_dns_name" || out.BatchJobQueues["default"] != "v-batch_job_queue_arns" || sec.ServiceAuthKey != key {
		t.Fatalf("decoded %+v", out)
	}

	tests := []struct {
		name    string
		mutate  func(map[string]any)
		wantErr string
	}{
		{name: "stack object missing", mutate: func(m map[string]any) { delete(m, stackOutput) }, wantErr: "deploy_test_stack is missing"},
		{name: "secret object missing", mutate: func(m map[string]any) { delete(m, stackSecretOutput) }, wantErr: "deploy_test_secrets"},
		{name: "unknown key means Go and HCL drifted", mutate: func(m map[string]any) {
			s := map[string]any{"surprise": "x"}
			m[stackOutput] = s
		}, wantErr: "unknown field"},
		{name: "secret of the wrong type is withheld", mutate: func(m map[string]any) {
			m[stackSecretOutput] = map[string]any{"METAFLOW_SERVICE_AUTH_KEY": []any{key}}
		}, wantErr: "value withheld"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := map[string]any{stackOutput: stack, stackSecretOutput: map[string]any{"METAFLOW_SERVICE_AUTH_KEY": key}}
			tc.mutate(m)
			_, _, err := ParseStackOutputs(m)
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("error %v, want it to contain %q", err, tc.wantErr)
			}
			if strings.Contains(err.Error(), key) {
				t.Fatal("error leaks the API key")
			}
		})
	}
}

func TestRootOutputsRead(t *testing.T) {
	names := RootOutputsRead()
	for _, want := range []string{"METAFLOW_BATCH_JOB_QUEUE", "METAFLOW_SERVICE_URL", "METAFLOW_SERVICE_INTERNAL_URL",
		"metaflow_s3_bucket_name", "ui_alb_dns_name", "migration_function_arn", "METAFLOW_SERVICE_AUTH_KEY"} {
		if !slices.Contains(names, want) {
			t.Errorf("RootOutputsRead lacks %s", want)
		}
	}
	hcl := InjectedOutputsHCL()
	for _, n := range names {
		if !strings.Contains(hcl, "module.metaflow."+n+"\n") {
			t.Errorf("injected outputs do not read module.metaflow.%s", n)
		}
	}
}
