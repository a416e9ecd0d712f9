package verify

import (
	"context"
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

func TestArgoRunID(t *testing.T) {
	const id = "argo-deploytestflow-x7k2p"
	cases := []struct {
		name, file, output string
		want, wantErr      string
	}{
		{name: "from the run id file", file: id, want: id},
		{name: "from the output when there is no file", output: id, want: id},
		{name: "file and output agree", file: id, output: id, want: id},
		{name: "file and output disagree", file: id, output: "argo-deploytestflow-aaaaa", wantErr: "wrote run id \"argo-deploytestflow-x7k2p\" but printed \"argo-deploytestflow-aaaaa\""},
		{name: "none", wantErr: "named no run id"},
		{name: "not an Argo run", file: "42", wantErr: "want argo-<workflow name>"},
		{name: "prefix only", output: "argo-", wantErr: "want argo-<workflow name>"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ArgoRunID(tc.file, tc.output)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("want error containing %q, got %q, %v", tc.wantErr, got, err)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("got %q, %v; want %q", got, err, tc.want)
			}
		})
	}
}

// TestRunIDLine: the lines Metaflow prints for run and argo-workflows
// trigger (argo_workflows_cli.py: "Workflow *{name}* triggered on Argo
// Workflows (run-id *{run_id}*)."), as a pipe receives them and as a
// terminal would.
func TestRunIDLine(t *testing.T) {
	for line, want := range map[string]string{
		"2026-11-25 16:00:00.000 Workflow starting (run-id 42):":                                                  "42",
		"Workflow deploytestflow triggered on Argo Workflows (run-id argo-deploytestflow-x7k2p).":                 "argo-deploytestflow-x7k2p",
		"Workflow *deploytestflow* triggered on Argo Workflows (run-id *argo-deploytestflow-x7k2p*).":             "argo-deploytestflow-x7k2p",
		"Workflow \x1b[1mdeploytestflow\x1b[0m triggered (run-id \x1b[1margo-deploytestflow-x7k2p\x1b[0m).\x1b[K": "argo-deploytestflow-x7k2p",
	} {
		o := &e2eLines{logf: func(string, ...any) {}}
		o.scan(strings.NewReader(line + "\n"))
		if got := o.runID(); got != want {
			t.Errorf("%q: run id %q, want %q", line, got, want)
		}
	}
}

// fakeWaiter records the run it was asked to wait for.
type fakeWaiter struct {
	err error
	got []E2EResult
}

func (w *fakeWaiter) WaitForRun(_ context.Context, run E2EResult) error {
	w.got = append(w.got, run)
	return w.err
}

func TestRunArgoE2EFlow(t *testing.T) {
	t.Setenv("METAFLOW_PROFILE", "my-personal-profile")
	const (
		create    = "--no-pylint --with kubernetes:cpu=1,memory=2048 argo-workflows create"
		trigger   = "--no-pylint argo-workflows trigger --run-id-file WORK/argo-run-id"
		terminate = "--no-pylint argo-workflows terminate argo-deploytestflow-x7k2p"
		del       = "--no-pylint argo-workflows delete"
	)
	cases := []struct {
		name      string
		mode      string
		decorator string
		waitErr   error
		wantRunID string
		wantCalls []string // argo-workflows commands, in order
		wantErr   []string
		wantSkip  string
		wantLog   string
	}{
		{name: "create, trigger, wait, delete", mode: "argo-ok", wantRunID: "argo-deploytestflow-x7k2p",
			wantCalls: []string{create, trigger, del}, wantLog: "argo-workflows delete: the deployment of DeployTestFlow is gone"},
		{name: "decorator passed to create", mode: "argo-ok", decorator: "kubernetes:cpu=2,memory=4096", wantRunID: "argo-deploytestflow-x7k2p",
			wantCalls: []string{"--no-pylint --with kubernetes:cpu=2,memory=4096 argo-workflows create", trigger, del}},
		{name: "run id from the output, terminal escapes and all", mode: "argo-noidfile", wantRunID: "argo-deploytestflow-x7k2p",
			wantCalls: []string{create, trigger, del}},
		{name: "a run id that is not an Argo run's", mode: "argo-badid",
			wantCalls: []string{create, trigger, del}, wantErr: []string{"named run id \"42\", want argo-"}},
		{name: "create fails: nothing triggered, delete still runs", mode: "argo-createfail",
			wantCalls: []string{create, del}, wantErr: []string{"argo-workflows create: exit status 1", "is forbidden"}},
		{name: "the run does not finish: terminated, then deleted", mode: "argo-ok", waitErr: errors.New("step start failed (attempt_ok False in the metadata service)"),
			wantCalls: []string{create, trigger, terminate, del}, wantErr: []string{"run DeployTestFlow/argo-deploytestflow-x7k2p triggered on Argo Workflows: step start failed"}},
		{name: "a failed delete is logged, not fatal", mode: "argo-deletefail", wantRunID: "argo-deploytestflow-x7k2p",
			wantCalls: []string{create, trigger, del}, wantLog: "argo-workflows delete failed (whatever create deployed stays in the cluster until teardown destroys it)"},
		{name: "no kubernetes package is a skip", mode: "nokubernetes", wantSkip: "cannot import kubernetes (ModuleNotFoundError: No module named 'kubernetes'); pip install kubernetes"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			work := t.TempDir()
			calls := filepath.Join(t.TempDir(), "calls")
			env := []string{"FAKE_PYTHON_MODE=" + tc.mode, "FAKE_PYTHON_LOG=" + calls}
			if tc.decorator != "" {
				env = append(env, "FAKE_PYTHON_WANT_DECORATOR="+tc.decorator)
			}
			logs := &logLines{}
			waiter := &fakeWaiter{err: tc.waitErr}
			res, err := RunArgoE2EFlow(context.Background(), ArgoE2EFlow{
				Flow: E2EFlow{Python: fakePython(t), WorkDir: work, Profile: e2eProfile(t), Decorator: tc.decorator, Logf: logs.logf, Env: env},
				Run:  waiter,
			})
			var skip *E2ESkip
			if tc.wantSkip != "" {
				if !errors.As(err, &skip) || !strings.Contains(skip.Reason, tc.wantSkip) {
					t.Fatalf("want a skip containing %q, got %v", tc.wantSkip, err)
				}
				if _, err := os.Stat(calls); err == nil {
					t.Errorf("a skip ran argo-workflows commands")
				}
				return
			}
			b, _ := os.ReadFile(calls)
			got := strings.Split(strings.TrimSpace(strings.ReplaceAll(string(b), work, "WORK")), "\n")
			if strings.Join(got, "\n") != strings.Join(tc.wantCalls, "\n") {
				t.Errorf("argo-workflows commands:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(tc.wantCalls, "\n  "))
			}
			if tc.wantLog != "" && !strings.Contains(logs.String(), tc.wantLog) {
				t.Errorf("log does not contain %q:\n%s", tc.wantLog, logs)
			}
			if tc.wantErr != nil {
				if err == nil {
					t.Fatalf("want an error, got %+v", res)
				}
				for _, want := range tc.wantErr {
					if !strings.Contains(err.Error(), want) {
						t.Errorf("error does not contain %q:\n%v", want, err)
					}
				}
				return
			}
			if err != nil {
				t.Fatalf("RunArgoE2EFlow: %v\nlog:\n%s", err, logs)
			}
			want := E2EResult{Flow: E2EFlowName, RunID: tc.wantRunID, MetaflowVersion: "2.19.39"}
			if res != want {
				t.Errorf("got %+v, want %+v", res, want)
			}
			if len(waiter.got) != 1 || waiter.got[0] != want {
				t.Errorf("the waiter was asked for %+v, want [%+v]", waiter.got, want)
			}
		})
	}
}

func TestRunArgoE2EFlowNeedsAWaiter(t *testing.T) {
	_, err := RunArgoE2EFlow(context.Background(), ArgoE2EFlow{Flow: E2EFlow{WorkDir: t.TempDir(), Profile: e2eProfile(t)}})
	if err == nil || !strings.Contains(err.Error(), "Run is required") {
		t.Fatalf("got %v", err)
	}
}

// argoRun is a metadata service holding one Argo run as it progresses, in
// the service's JSON shapes (services/metadata_service/api: run and task
// rows, task metadata rows with field_name and value).
type argoRun struct {
	mu sync.Mutex
	// registered: the start pod has registered the run; tasks maps a step
	// to its task ids; attempts maps "step/task" to attempt_ok values.
	registered bool
	tasks      map[string][]string
	attempts   map[string][]string
	// fail5xx answers the next n requests with 502 (a proxy hiccup).
	fail5xx  int
	requests int
}

func (a *argoRun) set(f func(*argoRun)) {
	a.mu.Lock()
	defer a.mu.Unlock()
	f(a)
}

func (a *argoRun) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.requests++
	if r.Header.Get("x-api-key") != e2eTestKey {
		w.WriteHeader(http.StatusForbidden)
		_, _ = w.Write([]byte(`{"message":"Forbidden"}`))
		return
	}
	if a.fail5xx > 0 {
		a.fail5xx--
		w.WriteHeader(http.StatusBadGateway)
		_, _ = w.Write([]byte(`<html>502 Bad Gateway</html>`))
		return
	}
	const run = "/api/flows/DeployTestFlow/runs/argo-deploytestflow-x7k2p"
	notFound := func() {
		w.WriteHeader(http.StatusNotFound)
		_, _ = w.Write([]byte(`"{\"err_msg\": \"list index out of range\"}"`))
	}
	path := r.URL.Path
	if !strings.HasPrefix(path, run) {
		notFound()
		return
	}
	rest := strings.TrimPrefix(path, run)
	switch {
	case !a.registered:
		if rest == "" {
			notFound()
			return
		}
		_, _ = w.Write([]byte(`[]`))
	case rest == "":
		_, _ = w.Write([]byte(`{"flow_id": "DeployTestFlow", "run_number": 7, "run_id": "argo-deploytestflow-x7k2p", "user_name": "argo-workflows", "ts_epoch": 1764086400000, "last_heartbeat_ts": null, "tags": [], "system_tags": ["runtime:argo-workflows"]}`))
	case rest == "/steps":
		var rows []string
		for _, s := range []string{"start", "end"} {
			if len(a.tasks[s]) > 0 {
				rows = append(rows, fmt.Sprintf(`{"flow_id": "DeployTestFlow", "run_number": 7, "run_id": "argo-deploytestflow-x7k2p", "step_name": %q, "ts_epoch": 1764086400000}`, s))
			}
		}
		_, _ = w.Write([]byte("[" + strings.Join(rows, ", ") + "]"))
	default:
		parts := strings.Split(strings.TrimPrefix(rest, "/steps/"), "/")
		step := parts[0]
		switch {
		case len(parts) == 2 && parts[1] == "tasks":
			var rows []string
			for i, id := range a.tasks[step] {
				rows = append(rows, fmt.Sprintf(`{"flow_id": "DeployTestFlow", "run_number": 7, "run_id": "argo-deploytestflow-x7k2p", "step_name": %q, "task_id": %d, "task_name": %q, "user_name": "argo-workflows", "ts_epoch": 1764086400000}`, step, 100+i, id))
			}
			_, _ = w.Write([]byte("[" + strings.Join(rows, ", ") + "]"))
		case len(parts) == 4 && parts[1] == "tasks" && parts[3] == "metadata":
			rows := []string{fmt.Sprintf(`{"id": 1, "flow_id": "DeployTestFlow", "run_number": 7, "step_name": %q, "task_id": %s, "field_name": "attempt", "value": "0", "type": "attempt", "tags": ["attempt_id:0"]}`, step, parts[2])}
			idx := 0
			fmt.Sscanf(parts[2], "%d", &idx)
			ids := a.tasks[step]
			if idx-100 < 0 || idx-100 >= len(ids) {
				notFound()
				return
			}
			for _, v := range a.attempts[step+"/"+ids[idx-100]] {
				rows = append(rows, fmt.Sprintf(`{"id": 2, "flow_id": "DeployTestFlow", "run_number": 7, "step_name": %q, "task_id": %s, "field_name": "attempt_ok", "value": %q, "type": "internal_attempt_status", "tags": ["attempt_id:0"]}`, step, parts[2], v))
			}
			_, _ = w.Write([]byte("[" + strings.Join(rows, ", ") + "]"))
		default:
			notFound()
		}
	}
}

func TestE2ERunProgress(t *testing.T) {
	run := E2EResult{Flow: E2EFlowName, RunID: "argo-deploytestflow-x7k2p"}
	cases := []struct {
		name     string
		state    func(*argoRun)
		key      string
		want     string
		finished bool
		failed   string
		wantErr  string
		notReady bool
	}{
		{name: "not registered yet", state: func(*argoRun) {}, want: "not registered in the metadata service yet"},
		{name: "start running", state: func(a *argoRun) {
			a.registered = true
			a.tasks = map[string][]string{"start": {"t-4f1c"}}
		}, want: "start running, end not started"},
		{name: "start done, end running", state: func(a *argoRun) {
			a.registered = true
			a.tasks = map[string][]string{"start": {"t-4f1c"}, "end": {"t-9a0b"}}
			a.attempts = map[string][]string{"start/t-4f1c": {"True"}}
		}, want: "start succeeded, end running"},
		{name: "finished", state: func(a *argoRun) {
			a.registered = true
			a.tasks = map[string][]string{"start": {"t-4f1c"}, "end": {"t-9a0b"}}
			a.attempts = map[string][]string{"start/t-4f1c": {"True"}, "end/t-9a0b": {"True"}}
		}, want: "start succeeded, end succeeded", finished: true},
		{name: "start failed", state: func(a *argoRun) {
			a.registered = true
			a.tasks = map[string][]string{"start": {"t-4f1c"}}
			a.attempts = map[string][]string{"start/t-4f1c": {"False"}}
		}, want: "start failed, end not started", failed: "start"},
		{name: "a later attempt that succeeded wins", state: func(a *argoRun) {
			a.registered = true
			a.tasks = map[string][]string{"start": {"t-4f1c"}}
			a.attempts = map[string][]string{"start/t-4f1c": {"False", "True"}}
		}, want: "start succeeded, end not started"},
		{name: "a 502 on the way is not ready", state: func(a *argoRun) { a.fail5xx = 1 }, wantErr: "answered 502", notReady: true},
		{name: "without the key", state: func(*argoRun) {}, key: "-", wantErr: "answered 403"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			fake := &argoRun{}
			fake.set(tc.state)
			srv := httptest.NewServer(fake)
			defer srv.Close()
			key := e2eTestKey
			if tc.key == "-" {
				key = ""
			}
			p, err := E2ERunProgress(context.Background(), srv.Client(), srv.URL+"/api/", key, run)
			if tc.wantErr != "" {
				checkErr(t, err, tc.wantErr, tc.notReady)
				if strings.Contains(err.Error(), e2eTestKey) {
					t.Errorf("the key reached the error")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(p.String(), tc.want) || p.Finished() != tc.finished || p.Failed() != tc.failed {
				t.Errorf("progress %q finished %t failed %q; want %q, %t, %q", p, p.Finished(), p.Failed(), tc.want, tc.finished, tc.failed)
			}
		})
	}
}

// TestMetadataRunWaiter follows a run from "not registered" to finished as
// the poller sees it, and stops at once when a step fails.
func TestMetadataRunWaiter(t *testing.T) {
	run := E2EResult{Flow: E2EFlowName, RunID: "argo-deploytestflow-x7k2p"}
	t.Run("waits until end succeeded, then checks the run", func(t *testing.T) {
		fake := &argoRun{}
		srv := httptest.NewServer(fake)
		defer srv.Close()
		// Each poll moves the run on by one stage, as Argo would.
		stages := []func(*argoRun){
			func(a *argoRun) { a.registered = true; a.tasks = map[string][]string{"start": {"t-4f1c"}} },
			func(a *argoRun) {
				a.tasks["end"] = []string{"t-9a0b"}
				a.attempts = map[string][]string{"start/t-4f1c": {"True"}}
			},
			func(a *argoRun) { a.attempts["end/t-9a0b"] = []string{"True"} },
		}
		logs := &logLines{}
		polls := 0
		w := MetadataRunWaiter{Client: srv.Client(), ServiceURL: srv.URL + "/api/", APIKey: e2eTestKey, Poll: 10 * time.Millisecond,
			Logf: func(format string, args ...any) {
				logs.logf(format, args...)
				if polls < len(stages) {
					fake.set(stages[polls])
					polls++
				}
			}}
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := w.WaitForRun(ctx, run); err != nil {
			t.Fatalf("WaitForRun: %v\n%s", err, logs)
		}
		for _, want := range []string{"not registered", "start running, end not started", "start succeeded, end running", "start succeeded, end succeeded"} {
			if !strings.Contains(logs.String(), want) {
				t.Errorf("log lacks %q:\n%s", want, logs)
			}
		}
	})
	t.Run("a failed step ends the wait", func(t *testing.T) {
		fake := &argoRun{}
		fake.set(func(a *argoRun) {
			a.registered = true
			a.tasks = map[string][]string{"start": {"t-4f1c"}}
			a.attempts = map[string][]string{"start/t-4f1c": {"False"}}
		})
		srv := httptest.NewServer(fake)
		defer srv.Close()
		w := MetadataRunWaiter{Client: srv.Client(), ServiceURL: srv.URL + "/api/", APIKey: e2eTestKey, Poll: time.Hour}
		err := w.WaitForRun(context.Background(), run)
		checkErr(t, err, "step start failed", false)
	})
	t.Run("a run that never finishes names its last state", func(t *testing.T) {
		fake := &argoRun{}
		fake.set(func(a *argoRun) { a.registered = true; a.tasks = map[string][]string{"start": {"t-4f1c"}} })
		srv := httptest.NewServer(fake)
		defer srv.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
		defer cancel()
		w := MetadataRunWaiter{Client: srv.Client(), ServiceURL: srv.URL + "/api/", APIKey: e2eTestKey, Poll: 20 * time.Millisecond}
		err := w.WaitForRun(ctx, run)
		if err == nil || !strings.Contains(err.Error(), "gave up after") || !strings.Contains(err.Error(), "start running, end not started") {
			t.Fatalf("got %v", err)
		}
	})
}
