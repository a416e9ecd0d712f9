package verify

import (
	"context"
	"errors"
	"maps"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/batch"
	batchtypes "github.com/aws/aws-sdk-go-v2/service/batch/types"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
)

type fakeBuckets struct{ names map[string]bool }

func (f *fakeBuckets) HeadBucket(_ context.Context, in *s3.HeadBucketInput, _ ...func(*s3.Options)) (*s3.HeadBucketOutput, error) {
	if !f.names[aws.ToString(in.Bucket)] {
		return nil, &s3types.NotFound{Message: aws.String("Not Found")}
	}
	return &s3.HeadBucketOutput{}, nil
}

type fakeQueues struct {
	queues map[string]batchtypes.JQStatus
}

func (f *fakeQueues) DescribeJobQueues(_ context.Context, in *batch.DescribeJobQueuesInput, _ ...func(*batch.Options)) (*batch.DescribeJobQueuesOutput, error) {
	out := &batch.DescribeJobQueuesOutput{}
	for _, q := range in.JobQueues {
		if st, ok := f.queues[q]; ok {
			out.JobQueues = append(out.JobQueues, batchtypes.JobQueueDetail{JobQueueArn: aws.String(q), JobQueueName: aws.String("mfabc-queue"), State: batchtypes.JQStateEnabled, Status: st})
		}
	}
	return out, nil
}

const (
	profileQueueARN = "arn:aws:batch:us-west-2:111122223333:job-queue/mfabc-queue"
	profileRoleARN  = "arn:aws:iam::111122223333:role/"
	sfnTable        = "mfabc-sfn-state"
	bucketURL       = "s3://mfabc-bucket"
)

// profileFixture is the profile of the basic-aws-managed example as
// modules/profile writes it, against fakes where everything exists.
func profileFixture(t *testing.T, pingStatus int) (map[string]string, ProfileDeps) {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("x-api-key") != testKey {
			http.Error(w, "Forbidden: "+r.Header.Get("x-api-key"), http.StatusForbidden)
			return
		}
		if r.URL.Path != "/api/ping" {
			http.NotFound(w, r)
			return
		}
		if pingStatus != http.StatusOK {
			http.Error(w, "warming up", pingStatus)
			return
		}
		_, _ = w.Write([]byte("pong"))
	}))
	t.Cleanup(srv.Close)
	profile := map[string]string{
		"METAFLOW_BATCH_JOB_QUEUE":            profileQueueARN,
		"METAFLOW_DATASTORE_SYSROOT_S3":       bucketURL + "/metaflow",
		"METAFLOW_DATATOOLS_S3ROOT":           bucketURL + "/data",
		"METAFLOW_DEFAULT_DATASTORE":          "s3",
		"METAFLOW_DEFAULT_METADATA":           "service",
		"METAFLOW_ECS_FARGATE_EXECUTION_ROLE": profileRoleARN + "mfabc-batch-execution",
		"METAFLOW_ECS_S3_ACCESS_IAM_ROLE":     profileRoleARN + "mfabc-batch-s3-task",
		"METAFLOW_EVENTS_SFN_ACCESS_IAM_ROLE": profileRoleARN + "mfabc-eventbridge-sfn",
		"METAFLOW_SERVICE_INTERNAL_URL":       "http://mfabc-nlb.elb.us-west-2.amazonaws.com/",
		"METAFLOW_SERVICE_URL":                srv.URL + "/api/",
		"METAFLOW_SFN_DYNAMO_DB_TABLE":        sfnTable,
		"METAFLOW_SFN_IAM_ROLE":               profileRoleARN + "mfabc-sfn",
		"METAFLOW_SFN_STATE_MACHINE_PREFIX":   "mfabc-sfn",
		"METAFLOW_UI_URL":                     "https://mfabc-ui.us-west-2.elb.amazonaws.com/",
	}
	deps := ProfileDeps{
		S3:    &fakeBuckets{names: map[string]bool{"mfabc-bucket": true}},
		Batch: &fakeQueues{queues: map[string]batchtypes.JQStatus{profileQueueARN: batchtypes.JQStatusValid}},
		IAM: &fakeIAM{roles: map[string]string{
			"mfabc-batch-execution": "{}", "mfabc-batch-s3-task": "{}", "mfabc-eventbridge-sfn": "{}", "mfabc-sfn": "{}",
		}},
		DynamoDB:       &fakeDynamo{status: types.TableStatusActive},
		HTTP:           srv.Client(),
		ServiceHeaders: map[string]string{"x-api-key": testKey},
	}
	return profile, deps
}

func TestCheckProfileResources(t *testing.T) {
	tests := []struct {
		name          string
		pingStatus    int
		edit          func(p map[string]string, d *ProfileDeps)
		wantErr       []string
		wantNotReady  bool
		wantChecked   int
		wantUnchecked []string
	}{
		{name: "everything exists", wantChecked: 11,
			wantUnchecked: []string{"METAFLOW_SERVICE_INTERNAL_URL", "METAFLOW_SFN_STATE_MACHINE_PREFIX", "METAFLOW_UI_URL"}},
		{name: "bucket gone", edit: func(p map[string]string, d *ProfileDeps) { d.S3 = &fakeBuckets{} },
			wantErr: []string{"METAFLOW_DATASTORE_SYSROOT_S3: bucket mfabc-bucket does not exist", "METAFLOW_DATATOOLS_S3ROOT: bucket mfabc-bucket does not exist"}},
		{name: "queue missing", edit: func(p map[string]string, d *ProfileDeps) { p["METAFLOW_BATCH_JOB_QUEUE"] = profileQueueARN + "-old" },
			wantErr: []string{"METAFLOW_BATCH_JOB_QUEUE: job queue " + profileQueueARN + "-old does not exist"}},
		{name: "queue deleting", edit: func(p map[string]string, d *ProfileDeps) {
			d.Batch = &fakeQueues{queues: map[string]batchtypes.JQStatus{profileQueueARN: batchtypes.JQStatusDeleting}}
		}, wantErr: []string{"is DELETING"}},
		{name: "role missing", edit: func(p map[string]string, d *ProfileDeps) {
			p["METAFLOW_SFN_IAM_ROLE"] = profileRoleARN + "mfabc-sfn-typo"
		},
			wantErr: []string{"METAFLOW_SFN_IAM_ROLE: role mfabc-sfn-typo does not exist"}},
		{name: "role value not an ARN", edit: func(p map[string]string, d *ProfileDeps) {
			p["METAFLOW_ECS_S3_ACCESS_IAM_ROLE"] = "mfabc-batch-s3-task"
		},
			wantErr: []string{"METAFLOW_ECS_S3_ACCESS_IAM_ROLE: iam: \"mfabc-batch-s3-task\" is not an IAM role ARN"}},
		{name: "table missing", edit: func(p map[string]string, d *ProfileDeps) {
			d.DynamoDB = &fakeDynamo{tableErr: &types.ResourceNotFoundException{Message: aws.String("not found")}}
		}, wantErr: []string{"METAFLOW_SFN_DYNAMO_DB_TABLE: dynamodb: table mfabc-sfn-state does not exist"}},
		{name: "service refuses the key", edit: func(p map[string]string, d *ProfileDeps) {
			d.ServiceHeaders = map[string]string{"x-api-key": "other-" + testKey}
		},
			wantErr: []string{"METAFLOW_SERVICE_URL: GET", "status 403"}},
		{name: "service warming up is not ready", pingStatus: http.StatusServiceUnavailable, wantErr: []string{"status 503"}, wantNotReady: true},
		{name: "warming up plus a missing bucket is final", pingStatus: http.StatusServiceUnavailable,
			edit: func(p map[string]string, d *ProfileDeps) { d.S3 = &fakeBuckets{} }, wantErr: []string{"does not exist", "status 503"}},
		{name: "unknown key holding a foreign ARN", edit: func(p map[string]string, d *ProfileDeps) {
			p["METAFLOW_ARGO_EVENTS_TOPIC"] = "arn:aws:sns:us-west-2:111122223333:mfabc-events"
		}, wantErr: []string{"METAFLOW_ARGO_EVENTS_TOPIC: holds an ARN (arn:aws:sns:us-west-2:111122223333:mfabc-events) but no check resolves this key"}},
		{name: "known unchecked key holding an ARN", edit: func(p map[string]string, d *ProfileDeps) {
			p["METAFLOW_BATCH_CONTAINER_IMAGE"] = "arn:aws:ecr:us-west-2:111122223333:repository/mfabc"
		}, wantErr: []string{"METAFLOW_BATCH_CONTAINER_IMAGE: holds an ARN"}},
		{name: "unknown key holding a role ARN is checked", edit: func(p map[string]string, d *ProfileDeps) {
			p["METAFLOW_KUBERNETES_SECRETS_ROLE"] = profileRoleARN + "mfabc-sfn"
		}, wantChecked: 12, wantUnchecked: []string{"METAFLOW_SERVICE_INTERNAL_URL", "METAFLOW_SFN_STATE_MACHINE_PREFIX", "METAFLOW_UI_URL"}},
		{name: "unknown key holding a missing role fails", edit: func(p map[string]string, d *ProfileDeps) {
			p["METAFLOW_KUBERNETES_SECRETS_ROLE"] = profileRoleARN + "gone"
		}, wantErr: []string{"METAFLOW_KUBERNETES_SECRETS_ROLE: role gone does not exist"}},
		{name: "unknown plain key is reported", edit: func(p map[string]string, d *ProfileDeps) { p["METAFLOW_CARD_S3ROOT_DEPTH"] = "2" },
			wantChecked: 11, wantUnchecked: []string{"METAFLOW_CARD_S3ROOT_DEPTH", "METAFLOW_SERVICE_INTERNAL_URL", "METAFLOW_SFN_STATE_MACHINE_PREFIX", "METAFLOW_UI_URL"}},
		{name: "caller skips an in-VPC service URL", edit: func(p map[string]string, d *ProfileDeps) {
			p["METAFLOW_SERVICE_URL"] = "http://10.0.0.1:8080/"
			d.Skip = map[string]string{"METAFLOW_SERVICE_URL": "answers only inside the VPC (EKS)"}
		}, wantChecked: 10, wantUnchecked: []string{"METAFLOW_SERVICE_INTERNAL_URL", "METAFLOW_SERVICE_URL", "METAFLOW_SFN_STATE_MACHINE_PREFIX", "METAFLOW_UI_URL"}},
		{name: "local metadata", edit: func(p map[string]string, d *ProfileDeps) { p["METAFLOW_DEFAULT_METADATA"] = "local" },
			wantErr: []string{`METAFLOW_DEFAULT_METADATA: is "local", want "service"`}},
		{name: "empty value", edit: func(p map[string]string, d *ProfileDeps) { p["METAFLOW_SFN_STATE_MACHINE_PREFIX"] = " " },
			wantErr: []string{"METAFLOW_SFN_STATE_MACHINE_PREFIX: empty value"}},
		{name: "bad S3 URL", edit: func(p map[string]string, d *ProfileDeps) { p["METAFLOW_DATATOOLS_S3ROOT"] = "s3:///data" },
			wantErr: []string{"is not an s3://BUCKET/PREFIX URL"}},
		{name: "client missing", edit: func(p map[string]string, d *ProfileDeps) { d.IAM = nil },
			wantErr: []string{"METAFLOW_SFN_IAM_ROLE: no IAM client"}},
		{name: "several failures listed together", edit: func(p map[string]string, d *ProfileDeps) {
			d.S3 = &fakeBuckets{}
			p["METAFLOW_SFN_IAM_ROLE"] = profileRoleARN + "x"
		}, wantErr: []string{"METAFLOW_DATASTORE_SYSROOT_S3", "METAFLOW_SFN_IAM_ROLE"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			status := tc.pingStatus
			if status == 0 {
				status = http.StatusOK
			}
			profile, deps := profileFixture(t, status)
			if tc.edit != nil {
				tc.edit(profile, &deps)
			}
			report, err := CheckProfileResources(context.Background(), deps, profile)
			if len(tc.wantErr) == 0 {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				if len(report.Checked) != tc.wantChecked {
					t.Fatalf("checked %d keys, want %d: %v", len(report.Checked), tc.wantChecked, report.Checked)
				}
				var unchecked []string
				for _, l := range report.Unchecked {
					unchecked = append(unchecked, strings.SplitN(l, ":", 2)[0])
				}
				if !slices.Equal(unchecked, tc.wantUnchecked) {
					t.Fatalf("unchecked %v, want %v", report.Unchecked, tc.wantUnchecked)
				}
				return
			}
			if err == nil {
				t.Fatalf("want errors %q, got none (report %+v)", tc.wantErr, report)
			}
			for _, w := range tc.wantErr {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
			if got := errors.Is(err, ErrNotReady); got != tc.wantNotReady {
				t.Errorf("errors.Is(err, ErrNotReady) = %t, want %t", got, tc.wantNotReady)
			}
			if strings.Contains(err.Error(), testKey) {
				t.Fatalf("error leaks the API key: %v", err)
			}
		})
	}
	if _, err := CheckProfileResources(context.Background(), ProfileDeps{}, nil); err == nil {
		t.Fatal("an empty profile must fail")
	}
}

func TestProfileKeysCoverModule(t *testing.T) {
	// Every key modules/profile can write is either checked or has a reason
	// not to be, so a new key there shows up here.
	moduleKeys := []string{
		"METAFLOW_BATCH_CONTAINER_IMAGE", "METAFLOW_BATCH_CONTAINER_REGISTRY", "METAFLOW_BATCH_JOB_QUEUE",
		"METAFLOW_DATASTORE_SYSROOT_S3", "METAFLOW_DATATOOLS_S3ROOT", "METAFLOW_DEFAULT_DATASTORE", "METAFLOW_DEFAULT_METADATA",
		"METAFLOW_ECS_FARGATE_EXECUTION_ROLE", "METAFLOW_ECS_S3_ACCESS_IAM_ROLE", "METAFLOW_EVENTS_SFN_ACCESS_IAM_ROLE",
		"METAFLOW_KUBERNETES_NAMESPACE", "METAFLOW_KUBERNETES_SERVICE_ACCOUNT", "METAFLOW_SERVICE_INTERNAL_URL",
		"METAFLOW_SERVICE_URL", "METAFLOW_SFN_DYNAMO_DB_TABLE", "METAFLOW_SFN_IAM_ROLE", "METAFLOW_SFN_STATE_MACHINE_PREFIX", "METAFLOW_UI_URL",
		"METAFLOW_SERVICE_AUTH_KEY", // added by the root's metaflow_profile_with_auth_key_json
	}
	known := slices.Collect(maps.Keys(profileCheckers))
	known = append(known, slices.Collect(maps.Keys(profileUnchecked))...)
	for _, k := range moduleKeys {
		if !slices.Contains(known, k) {
			t.Errorf("%s is neither checked nor listed as unchecked", k)
		}
	}
	if got := ProfileCheckedKeys(); len(got) != len(profileCheckers) || !slices.IsSorted(got) {
		t.Fatalf("ProfileCheckedKeys() = %v", got)
	}
}
