package verify

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/batch"
)

// fakeBatchEndpoint speaks the Batch REST-JSON protocol for the calls the
// deploy tests make, so the checks run through the real SDK client
// (serialisation, field names, errors) rather than through a Go fake.
type fakeBatchEndpoint struct {
	mu         sync.Mutex
	statuses   []string // job status per DescribeJobs call; the last repeats
	describes  int
	registered map[string]any
	calls      []string
}

func (f *fakeBatchEndpoint) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	body, _ := io.ReadAll(r.Body)
	op := strings.TrimPrefix(r.URL.Path, "/v1/")
	f.calls = append(f.calls, op)
	var out any
	switch op {
	case "describejobqueues":
		out = map[string]any{"jobQueues": []any{map[string]any{
			"jobQueueName": "mfabc-batch-queue", "jobQueueArn": queueARN, "state": "ENABLED", "status": "VALID", "priority": 1,
			"computeEnvironmentOrder": []any{map[string]any{"order": 1, "computeEnvironment": ceARN}},
		}}}
	case "describecomputeenvironments":
		out = map[string]any{"computeEnvironments": []any{map[string]any{
			"computeEnvironmentName": "mfabc-batch-1", "computeEnvironmentArn": ceARN, "type": "MANAGED", "state": "ENABLED", "status": "VALID",
			"computeResources": map[string]any{"type": "FARGATE", "maxvCpus": 16, "subnets": []string{"subnet-1"}},
		}}}
	case "registerjobdefinition":
		_ = json.Unmarshal(body, &f.registered)
		out = map[string]any{"jobDefinitionName": "mfabc-smoke", "jobDefinitionArn": jobDefARN, "revision": 1}
	case "submitjob":
		out = map[string]any{"jobName": "mfabc-smoke", "jobId": "job-42", "jobArn": "arn:aws:batch:us-west-2:000000000000:job/job-42"}
	case "describejobs":
		s := f.statuses[min(f.describes, len(f.statuses)-1)]
		f.describes++
		out = map[string]any{"jobs": []any{map[string]any{
			"jobId": "job-42", "jobName": "mfabc-smoke", "jobQueue": queueARN, "jobDefinition": jobDefARN, "status": s, "startedAt": 1,
		}}}
	case "deregisterjobdefinition", "terminatejob":
		out = map[string]any{}
	default:
		w.WriteHeader(http.StatusNotFound)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(out)
}

func TestBatchChecksThroughTheSDK(t *testing.T) {
	fake := &fakeBatchEndpoint{statuses: []string{"SUBMITTED", "RUNNABLE", "STARTING", "RUNNING", "SUCCEEDED"}}
	srv := httptest.NewServer(fake)
	defer srv.Close()
	client := batch.NewFromConfig(aws.Config{
		Region:       "us-west-2",
		Credentials:  credentials.NewStaticCredentialsProvider("AKIDEXAMPLE", "not-a-secret", ""),
		BaseEndpoint: aws.String(srv.URL),
		HTTPClient:   srv.Client(),
	})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()

	report, err := CheckJobQueue(ctx, client, queueARN)
	if err != nil {
		t.Fatal(err)
	}
	if len(report.ComputeEnvironments) != 1 || !report.ComputeEnvironments[0].Fargate() {
		t.Fatalf("report %+v, want one Fargate compute environment", report)
	}

	res, err := RunSmokeJob(ctx, client, SmokeJob{
		Name: "mfabc-smoke", Queue: queueARN, Fargate: true,
		JobRoleARN: "arn:aws:iam::000000000000:role/task", ExecutionRoleARN: "arn:aws:iam::000000000000:role/exec",
		PollInterval: time.Millisecond,
	})
	if err != nil {
		t.Fatal(err)
	}
	if res.JobID != "job-42" || len(res.Statuses) != 5 {
		t.Fatalf("result %+v", res)
	}

	// What went over the wire: a Fargate definition with both roles, then
	// submit, polling, and the definition deregistered at the end.
	reg := fake.registered
	if caps, _ := reg["platformCapabilities"].([]any); len(caps) != 1 || caps[0] != "FARGATE" {
		t.Fatalf("platformCapabilities %v, want [FARGATE]", reg["platformCapabilities"])
	}
	props, _ := reg["containerProperties"].(map[string]any)
	if props["executionRoleArn"] != "arn:aws:iam::000000000000:role/exec" || props["jobRoleArn"] != "arn:aws:iam::000000000000:role/task" {
		t.Fatalf("containerProperties %v lack the roles", props)
	}
	if props["image"] != SmokeJobImage {
		t.Fatalf("image %v, want %s", props["image"], SmokeJobImage)
	}
	calls := strings.Join(fake.calls, " ")
	if !strings.HasPrefix(calls, "describejobqueues describecomputeenvironments registerjobdefinition submitjob describejobs") ||
		!strings.HasSuffix(calls, "describejobs deregisterjobdefinition") {
		t.Fatalf("calls %s", calls)
	}
}
