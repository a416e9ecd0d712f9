package verify

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

const smokeRole = "arn:aws:iam::123456789012:role/mf-batch-s3-task-test"

// fakeKube answers as the Kubernetes API server does: 401 Status without
// the bearer token, 201 with the pod on create (generateName filled in), the
// pod with a phase that moves on each read, the log as text/plain, 200 on
// delete, and 403 Status where a test forbids creation.
type fakeKube struct {
	mu       sync.Mutex
	phases   []string
	log      string
	forbid   bool
	reads    int
	created  map[string]any
	deleted  bool
	tokenHdr string
}

func (f *fakeKube) status(w http.ResponseWriter, code int, reason, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(map[string]any{"kind": "Status", "apiVersion": "v1", "status": "Failure", "message": msg, "reason": reason, "code": code})
}

func (f *fakeKube) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if r.Header.Get("Authorization") != f.tokenHdr {
		f.status(w, http.StatusUnauthorized, "Unauthorized", "Unauthorized")
		return
	}
	const pods = "/api/v1/namespaces/mf-ns/pods"
	switch {
	case r.Method == http.MethodPost && r.URL.Path == pods:
		if f.forbid {
			f.status(w, http.StatusForbidden, "Forbidden", `pods is forbidden: User "x" cannot create resource "pods" in API group "" in the namespace "mf-ns"`)
			return
		}
		json.NewDecoder(r.Body).Decode(&f.created)
		meta := f.created["metadata"].(map[string]any)
		meta["name"] = meta["generateName"].(string) + "x7k2q"
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusCreated)
		json.NewEncoder(w).Encode(f.created)
	case r.Method == http.MethodGet && r.URL.Path == pods+"/metaflow-smoke-x7k2q":
		phase := f.phases[min(f.reads, len(f.phases)-1)]
		f.reads++
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{"kind": "Pod", "spec": map[string]any{"nodeName": "ip-10-30-1-5.us-west-2.compute.internal"}, "status": map[string]any{"phase": phase}})
	case r.Method == http.MethodGet && r.URL.Path == pods+"/metaflow-smoke-x7k2q/log":
		w.Header().Set("Content-Type", "text/plain")
		fmt.Fprintln(w, f.log)
	case r.Method == http.MethodDelete && r.URL.Path == pods+"/metaflow-smoke-x7k2q":
		f.deleted = true
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{"kind": "Pod", "metadata": map[string]any{"name": "metaflow-smoke-x7k2q"}})
	default:
		f.status(w, http.StatusNotFound, "NotFound", "the server could not find the requested resource")
	}
}

func TestRunSmokePod(t *testing.T) {
	cases := []struct {
		name    string
		fake    *fakeKube
		token   string
		wantErr string
	}{
		{name: "succeeds_with_the_task_role", fake: &fakeKube{phases: []string{"Pending", "Running", "Succeeded"}, log: "metaflow-smoke role=" + smokeRole}},
		{name: "pod_failed", fake: &fakeKube{phases: []string{"Pending", "Failed"}, log: "Traceback: boom"}, wantErr: "ended Failed; log: Traceback: boom"},
		{name: "no_irsa_role", fake: &fakeKube{phases: []string{"Succeeded"}, log: "metaflow-smoke role="}, wantErr: "does not carry the task role (IRSA)"},
		{name: "forbidden", fake: &fakeKube{forbid: true}, wantErr: "403 Forbidden: pods is forbidden"},
		{name: "bad_token", fake: &fakeKube{phases: []string{"Succeeded"}}, token: "wrong", wantErr: "401 Unauthorized"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tc.fake.tokenHdr = "Bearer k8s-aws-v1.good"
			srv := httptest.NewTLSServer(tc.fake)
			defer srv.Close()
			ca := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw})
			token := "k8s-aws-v1.good"
			if tc.token != "" {
				token = tc.token
			}
			k, err := NewKubeAPI(srv.URL, ca, token)
			if err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
			defer cancel()
			rep, err := RunSmokePod(ctx, k, SmokePod{Namespace: "mf-ns", ServiceAccount: "metaflow-task", Image: "python:3.12-slim", WantRoleARN: smokeRole}, time.Millisecond)
			if tc.wantErr == "" {
				if err != nil {
					t.Fatalf("RunSmokePod: %v", err)
				}
				if rep.Node == "" || rep.Name != "metaflow-smoke-x7k2q" {
					t.Errorf("report %+v: want the pod's name and node", rep)
				}
				spec := tc.fake.created["spec"].(map[string]any)
				if spec["serviceAccountName"] != "metaflow-task" || spec["restartPolicy"] != "Never" {
					t.Errorf("pod spec %v: want serviceAccountName metaflow-task and restartPolicy Never", spec)
				}
			} else if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("RunSmokePod error %v, want one containing %q", err, tc.wantErr)
			}
			if tc.fake.created != nil && !tc.fake.forbid && tc.token == "" && !tc.fake.deleted {
				t.Error("the smoke pod was not deleted")
			}
		})
	}
}

func TestNewKubeAPIRejectsABadCA(t *testing.T) {
	if _, err := NewKubeAPI("https://example.invalid", []byte("not a certificate"), "t"); err == nil {
		t.Fatal("NewKubeAPI accepted a CA that is not PEM")
	}
}

// TestEKSToken presigns with the real STS client (locally, with static
// credentials): the token is the k8s-aws-v1. prefix and the base64url of a
// GetCallerIdentity URL signed over the cluster header.
func TestEKSToken(t *testing.T) {
	client := sts.New(sts.Options{Region: "us-west-2", Credentials: aws.NewCredentialsCache(credentials.NewStaticCredentialsProvider("AKIAEXAMPLE", "secret", ""))})
	token, err := EKSToken(t.Context(), sts.NewPresignClient(client), "mf-eks-test")
	if err != nil {
		t.Fatal(err)
	}
	raw, ok := strings.CutPrefix(token, "k8s-aws-v1.")
	if !ok {
		t.Fatalf("token %q lacks the k8s-aws-v1. prefix", token)
	}
	b, err := base64.RawURLEncoding.DecodeString(raw)
	if err != nil {
		t.Fatalf("token is not base64url without padding: %v", err)
	}
	u, err := url.Parse(string(b))
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	if q.Get("Action") != "GetCallerIdentity" || !strings.Contains(q.Get("X-Amz-SignedHeaders"), "x-k8s-aws-id") || q.Get("X-Amz-Expires") != "60" {
		t.Errorf("presigned URL %s: want Action=GetCallerIdentity, x-k8s-aws-id signed and X-Amz-Expires=60", u)
	}
}
