package deploy

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The check functions that need no AWS client, run on canned outputs.

const testAPIKey = "Zx9-test-api-key-value-not-real-0000000"

func profileRun(t *testing.T, mutate func(r *run, profile map[string]string) (fileMode os.FileMode, writeFile bool)) *run {
	t.Helper()
	profile := map[string]string{
		"METAFLOW_BATCH_JOB_QUEUE":        "arn:aws:batch:us-west-2:000000000000:job-queue/mfdt-x-batch-queue",
		"METAFLOW_DATASTORE_SYSROOT_S3":   "s3://mfdt-x-s3/metaflow",
		"METAFLOW_DATATOOLS_S3ROOT":       "s3://mfdt-x-s3/data",
		"METAFLOW_DEFAULT_DATASTORE":      "s3",
		"METAFLOW_DEFAULT_METADATA":       "service",
		"METAFLOW_ECS_S3_ACCESS_IAM_ROLE": "arn:aws:iam::000000000000:role/mfdt-x-batch-s3-task",
		"METAFLOW_SERVICE_URL":            "https://abc.execute-api.us-west-2.amazonaws.com/api/",
	}
	r := &run{
		runConfig: runConfig{ws: Workspace{Dir: t.TempDir()}},
		runResults: runResults{
			out: StackOutputs{
				BatchJobQueue: profile["METAFLOW_BATCH_JOB_QUEUE"],
				ServiceURL:    profile["METAFLOW_SERVICE_URL"],
				S3AccessRole:  profile["METAFLOW_ECS_S3_ACCESS_IAM_ROLE"],
				BucketName:    "mfdt-x-s3",
			},
			secrets: StackSecrets{ServiceAuthKey: testAPIKey},
		},
	}
	mode, write := os.FileMode(0o600), true
	if mutate != nil {
		mode, write = mutate(r, profile)
	}
	moduleJSON, _ := json.Marshal(profile)
	if r.out.ProfileJSON == "" {
		r.out.ProfileJSON = string(moduleJSON)
	}
	withKey := map[string]string{}
	for k, v := range profile {
		withKey[k] = v
	}
	if r.secrets.ServiceAuthKey != "" {
		withKey["METAFLOW_SERVICE_AUTH_KEY"] = r.secrets.ServiceAuthKey
	}
	if r.exampleOut == nil {
		r.exampleOut = map[string]any{exampleProfileJSON: r.out.ProfileJSON, exampleProfilePath: "./metaflow_profile.json"}
	}
	if r.exampleOut[exampleProfileJSON] == "<module>" {
		r.exampleOut[exampleProfileJSON] = r.out.ProfileJSON
	}
	if write {
		fileJSON, _ := json.Marshal(withKey)
		if err := os.WriteFile(filepath.Join(r.ws.Dir, "metaflow_profile.json"), fileJSON, mode); err != nil {
			t.Fatal(err)
		}
	}
	return r
}

func TestCheckProfile(t *testing.T) {
	tests := []struct {
		name    string
		mutate  func(r *run, p map[string]string) (os.FileMode, bool)
		wantErr string
	}{
		{name: "consistent profile, file with key, owner-only"},
		{name: "no API key: file needs no key and any mode", mutate: func(r *run, p map[string]string) (os.FileMode, bool) {
			r.secrets.ServiceAuthKey = ""
			return 0o644, true
		}},
		{name: "queue differs from the output", mutate: func(r *run, p map[string]string) (os.FileMode, bool) {
			p["METAFLOW_BATCH_JOB_QUEUE"] = "arn:aws:batch:us-west-2:000000000000:job-queue/other"
			return 0o600, true
		}, wantErr: "METAFLOW_BATCH_JOB_QUEUE"},
		{name: "sys root outside the bucket", mutate: func(r *run, p map[string]string) (os.FileMode, bool) {
			p["METAFLOW_DATASTORE_SYSROOT_S3"] = "s3://someone-elses/metaflow"
			return 0o600, true
		}, wantErr: "not in the stack's bucket"},
		{name: "API key in the module's profile output", mutate: func(r *run, p map[string]string) (os.FileMode, bool) {
			p["METAFLOW_SERVICE_AUTH_KEY"] = testAPIKey
			return 0o600, true
		}, wantErr: "secret in plain text"},
		{name: "example output differs from module output", mutate: func(r *run, p map[string]string) (os.FileMode, bool) {
			r.exampleOut = map[string]any{exampleProfileJSON: "{}", exampleProfilePath: "./metaflow_profile.json"}
			return 0o600, true
		}, wantErr: "differs from the module's"},
		{name: "profile path output missing", mutate: func(r *run, p map[string]string) (os.FileMode, bool) {
			r.exampleOut = map[string]any{exampleProfileJSON: "<module>"}
			return 0o600, true
		}, wantErr: "output metaflow_profile_path is missing"},
		{name: "file not written", mutate: func(r *run, p map[string]string) (os.FileMode, bool) { return 0, false }, wantErr: "reading the profile"},
		{name: "file readable by others while holding the key", mutate: func(r *run, p map[string]string) (os.FileMode, bool) { return 0o644, true }, wantErr: "has mode -rw-r--r--"},
		{name: "empty service URL", mutate: func(r *run, p map[string]string) (os.FileMode, bool) {
			delete(p, "METAFLOW_SERVICE_URL")
			return 0o600, true
		}, wantErr: "METAFLOW_SERVICE_URL is missing"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := profileRun(t, tc.mutate)
			err := checkProfile(context.Background(), r)
			switch {
			case tc.wantErr == "" && err != nil:
				t.Fatalf("unexpected error: %v", err)
			case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
				t.Fatalf("error %v, want it to contain %q", err, tc.wantErr)
			}
			if err != nil && strings.Contains(err.Error(), testAPIKey) {
				t.Fatal("error leaks the API key")
			}
		})
	}
}

func TestShape(t *testing.T) {
	r := &run{runResults: runResults{out: StackOutputs{BatchJobQueue: "arn:q", ServiceURL: "https://x/api/", MigrationFunction: "arn:fn"}}}
	minimal := map[string]bool{"METAFLOW_BATCH_JOB_QUEUE": true, "METAFLOW_SERVICE_URL": true, "migration_function_arn": true, "ui_alb_arn": false, "eks_cluster_name": false}
	if err := shape(minimal)(context.Background(), r); err != nil {
		t.Fatalf("minimal shape: %v", err)
	}
	r.out.UIALBARN = "arn:alb"
	r.out.ServiceURL = ""
	err := shape(minimal)(context.Background(), r)
	if err == nil || !strings.Contains(err.Error(), "METAFLOW_SERVICE_URL set = false, want true") || !strings.Contains(err.Error(), "ui_alb_arn set = true, want false") {
		t.Fatalf("want both drifts reported, got %v", err)
	}
}
