package verify

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

const e2eTestKey = "e2e-test-api-key-0123456789"

func e2eProfile(t *testing.T) []byte {
	t.Helper()
	b, err := json.Marshal(map[string]string{
		"METAFLOW_DEFAULT_METADATA": "service",
		"METAFLOW_SERVICE_URL":      "https://abc123.execute-api.us-west-2.amazonaws.com/api/",
		"METAFLOW_SERVICE_AUTH_KEY": e2eTestKey,
		"METAFLOW_BATCH_JOB_QUEUE":  "arn:aws:batch:us-west-2:123456789012:job-queue/mf-batch-queue",
	})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func fakePython(t *testing.T) string {
	t.Helper()
	p, err := filepath.Abs("testdata/fake-python3/python3")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// logLines collects what RunE2EFlow logs.
type logLines struct {
	mu    sync.Mutex
	lines []string
}

func (l *logLines) logf(format string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, fmt.Sprintf(format, args...))
}

func (l *logLines) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Join(l.lines, "\n")
}

func TestRunE2EFlow(t *testing.T) {
	// A developer's own Metaflow settings must not reach the flow.
	t.Setenv("METAFLOW_PROFILE", "my-personal-profile")
	t.Setenv("METAFLOW_DEFAULT_METADATA", "local")

	cases := []struct {
		name      string
		mode      string
		python    string // "" = the fake
		decorator string
		modules   []string
		timeout   time.Duration
		wantRunID string
		wantErr   []string // substrings; nil = success
		wantSkip  string
		wantLog   string
	}{
		{name: "success", mode: "ok", wantRunID: "42", wantLog: "[flow] 2026-11-25 16:03:01.000 Done!"},
		{name: "run id from the output when there is no id file", mode: "noidfile", wantRunID: "42"},
		{name: "decorator passed through", mode: "ok", decorator: "batch:cpu=2,memory=4096", wantRunID: "42"},
		{name: "on Kubernetes, with the kubernetes package", mode: "ok", decorator: KubernetesE2EDecorator, modules: []string{"kubernetes"}, wantRunID: "42"},
		{name: "kubernetes package missing is a skip", mode: "nokubernetes", decorator: KubernetesE2EDecorator, modules: []string{"kubernetes"},
			wantSkip: "cannot import kubernetes (ModuleNotFoundError: No module named 'kubernetes'); pip install kubernetes"},
		{name: "failed run quotes its last lines", mode: "fail",
			wantErr: []string{"exit status 1", "CannotPullContainerError: pull access denied", "Workflow starting (run-id 43)"}},
		{name: "deadline interrupts the run", mode: "hang", timeout: 2 * time.Second,
			wantErr: []string{"did not finish within 2s", "interrupted: stopping the Batch jobs"}},
		{name: "metaflow not installed is a skip", mode: "nometaflow", wantSkip: "cannot import metaflow (ModuleNotFoundError: No module named 'metaflow'); pip install metaflow"},
		{name: "python3 missing is a skip", python: "/nonexistent/bin/python3", wantSkip: "/nonexistent/bin/python3 not found"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			python := tc.python
			if python == "" {
				python = fakePython(t)
			}
			env := []string{"FAKE_PYTHON_MODE=" + tc.mode}
			if tc.decorator != "" {
				env = append(env, "FAKE_PYTHON_WANT_DECORATOR="+tc.decorator)
			}
			logs := &logLines{}
			work := t.TempDir()
			start := time.Now()
			res, err := RunE2EFlow(context.Background(), E2EFlow{
				Python: python, WorkDir: work, Profile: e2eProfile(t), Decorator: tc.decorator, Modules: tc.modules,
				Timeout: tc.timeout, Logf: logs.logf, Env: env,
			})
			var skip *E2ESkip
			switch {
			case tc.wantSkip != "":
				if !errors.As(err, &skip) {
					t.Fatalf("want a skip, got %v", err)
				}
				if !strings.Contains(skip.Reason, tc.wantSkip) {
					t.Fatalf("skip reason %q does not contain %q", skip.Reason, tc.wantSkip)
				}
				return
			case tc.wantErr != nil:
				if err == nil {
					t.Fatalf("want an error, got run %+v", res)
				}
				if errors.As(err, &skip) {
					t.Fatalf("a failed run must fail, not skip: %v", err)
				}
				for _, want := range tc.wantErr {
					if !strings.Contains(err.Error(), want) {
						t.Errorf("error does not contain %q:\n%v", want, err)
					}
				}
				if tc.mode == "hang" && time.Since(start) > 30*time.Second {
					t.Errorf("the interrupted run took %s to end", time.Since(start))
				}
				return
			}
			if err != nil {
				t.Fatalf("RunE2EFlow: %v\nlog:\n%s", err, logs)
			}
			if res.RunID != tc.wantRunID || res.Flow != E2EFlowName || res.Pathspec() != E2EFlowName+"/"+tc.wantRunID || res.MetaflowVersion != "2.19.39" {
				t.Errorf("got %+v, want run %s of %s with metaflow 2.19.39", res, tc.wantRunID, E2EFlowName)
			}
			if tc.wantLog != "" && !strings.Contains(logs.String(), tc.wantLog) {
				t.Errorf("log does not contain %q:\n%s", tc.wantLog, logs)
			}
			// The config holds the key and only its owner can read it.
			cfg := filepath.Join(work, "metaflow-home", "config.json")
			fi, err := os.Stat(cfg)
			if err != nil {
				t.Fatal(err)
			}
			if fi.Mode().Perm() != 0o600 {
				t.Errorf("%s has mode %v, want 0600", cfg, fi.Mode().Perm())
			}
			b, _ := os.ReadFile(cfg)
			if !strings.Contains(string(b), e2eTestKey) {
				t.Errorf("config.json does not hold the API key")
			}
			if strings.Contains(logs.String(), e2eTestKey) {
				t.Errorf("the API key reached the log")
			}
		})
	}
}

func TestWriteE2EConfig(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "home")
	// An existing, world-readable file is tightened, not just overwritten.
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "config.json"), []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := WriteE2EConfig(dir, e2eProfile(t)); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(filepath.Join(dir, "config.json"))
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", fi.Mode().Perm())
	}

	for _, bad := range []string{"", "[]", "{}", `{"METAFLOW_SERVICE_URL": `} {
		if _, err := WriteE2EConfig(filepath.Join(t.TempDir(), "x"), []byte(bad)); err == nil {
			t.Errorf("profile %q: want an error", bad)
		}
	}
}

// fakeMetadataService answers like the metadata service for one run; the
// handler refuses requests without the key, as API Gateway does.
func fakeMetadataService(t *testing.T, runBody, stepsBody string) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("x-api-key") != e2eTestKey {
			w.WriteHeader(http.StatusForbidden)
			_, _ = w.Write([]byte(`{"message":"Forbidden"}`))
			return
		}
		switch r.URL.Path {
		case "/api/flows/DeployTestFlow/runs/42":
			_, _ = w.Write([]byte(runBody))
		case "/api/flows/DeployTestFlow/runs/42/steps":
			_, _ = w.Write([]byte(stepsBody))
		default:
			w.WriteHeader(http.StatusNotFound)
			_, _ = w.Write([]byte(`{"message":"not found"}`))
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestCheckE2ERun(t *testing.T) {
	const (
		goodRun   = `{"flow_id": "DeployTestFlow", "run_number": 42, "run_id": null, "user_name": "deploy-test", "ts_epoch": 1764086400000}`
		goodSteps = `[{"flow_id": "DeployTestFlow", "run_number": 42, "step_name": "end"}, {"flow_id": "DeployTestFlow", "run_number": 42, "step_name": "start"}]`
	)
	run := E2EResult{Flow: E2EFlowName, RunID: "42"}
	cases := []struct {
		name      string
		runBody   string
		stepsBody string
		key       string
		run       E2EResult
		wantErr   string
	}{
		{name: "run and both steps recorded", runBody: goodRun, stepsBody: goodSteps, key: e2eTestKey, run: run},
		{name: "run id given as a string", runBody: `{"flow_id": "DeployTestFlow", "run_number": "42"}`, stepsBody: goodSteps, key: e2eTestKey, run: run},
		{name: "unknown run", runBody: goodRun, stepsBody: goodSteps, key: e2eTestKey, run: E2EResult{Flow: E2EFlowName, RunID: "7"}, wantErr: "answered 404"},
		{name: "without the key", runBody: goodRun, stepsBody: goodSteps, key: "", run: run, wantErr: "answered 403"},
		{name: "another run answered", runBody: `{"flow_id": "DeployTestFlow", "run_number": 41}`, stepsBody: goodSteps, key: e2eTestKey, run: run, wantErr: "answered flow \"DeployTestFlow\" run_number 41"},
		{name: "end step missing", runBody: goodRun, stepsBody: `[{"step_name": "start"}]`, key: e2eTestKey, run: run, wantErr: "has steps [start] in the metadata service, want start and end"},
		{name: "not JSON", runBody: `<html>bad gateway</html>`, stepsBody: goodSteps, key: e2eTestKey, run: run, wantErr: "not a run object"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv := fakeMetadataService(t, tc.runBody, tc.stepsBody)
			err := CheckE2ERun(context.Background(), srv.Client(), srv.URL+"/api/", tc.key, tc.run)
			if tc.wantErr == "" {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("want error containing %q, got %v", tc.wantErr, err)
			}
			if strings.Contains(err.Error(), e2eTestKey) {
				t.Errorf("the API key reached the error: %v", err)
			}
		})
	}
}
