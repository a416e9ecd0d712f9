package deploy

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gruntwork-io/terratest/modules/logger"
	"github.com/gruntwork-io/terratest/modules/terraform"
)

// TestLifecycle runs the real apply/check/destroy sequence against
// testdata/fake-terraform/terraform, a script that records its calls, to show
// offline what a deploy run does when apply fails, a check fails, destroy
// fails, or time runs out: destroy always runs, and nothing secret or
// account-specific reaches the logs.

var errFailNow = errors.New("FailNow")

// fakeT records what lifecycle reports; FailNow unwinds with a panic the
// test recovers, which runs deferred calls like runtime.Goexit does.
type fakeT struct {
	failed, fatal bool
	lines         []string
}

func (f *fakeT) Fail()                     { f.failed = true }
func (f *fakeT) FailNow()                  { f.failed, f.fatal = true, true; panic(errFailNow) }
func (f *fakeT) Fatal(args ...any)         { f.Log(args...); f.FailNow() }
func (f *fakeT) Fatalf(s string, a ...any) { f.Log(fmt.Sprintf(s, a...)); f.FailNow() }
func (f *fakeT) Error(args ...any)         { f.Log(args...); f.Fail() }
func (f *fakeT) Errorf(s string, a ...any) { f.Log(fmt.Sprintf(s, a...)); f.Fail() }
func (f *fakeT) Name() string              { return "TestLifecycle/fake" }
func (f *fakeT) Helper()                   {}
func (f *fakeT) Log(args ...any)           { f.lines = append(f.lines, fmt.Sprint(args...)) }

const (
	fakeSecret  = "fake-api-key-0f0f0f0f0f0f0f0f0f0f0f0f0f0f"
	fakeAccount = "123456789012"
)

func TestLifecycle(t *testing.T) {
	script, err := filepath.Abs("testdata/fake-terraform/terraform")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name          string
		env           map[string]string
		checksIn      time.Duration
		blockingCheck bool
		wantCalls     []string // first word of each terraform call, in order
		wantChecks    []string
		wantFatal     bool
		wantFailed    bool
		wantLine      string
	}{
		{
			name: "apply fails: no checks, destroy still runs", env: map[string]string{"FAKE_TF_APPLY_FAIL": "1"},
			wantCalls: []string{"init", "apply", "destroy"}, wantFatal: true, wantFailed: true, wantLine: "apply of examples/fake failed",
		},
		{
			name:      "a failing check does not stop the others; destroy runs",
			wantCalls: []string{"init", "apply", "output", "destroy"}, wantChecks: []string{"first", "second"},
			wantFailed: true, wantLine: "first: role arn:aws:iam::<account-id>:role/x cannot",
		},
		{
			name: "destroy failing once is retried", env: map[string]string{"FAKE_TF_DESTROY_FAILS": "1"},
			wantCalls: []string{"init", "apply", "output", "destroy", "destroy"}, wantChecks: []string{"first", "second"},
			wantFailed: true, wantLine: "[fake mfdt-test] destroy        ok",
		},
		{
			name: "destroy failing twice names the prefix for hand cleanup", env: map[string]string{"FAKE_TF_DESTROY_FAILS": "2"},
			wantCalls: []string{"init", "apply", "output", "destroy", "destroy"}, wantChecks: []string{"first", "second"},
			wantFailed: true, wantLine: `DESTROY FAILED: resources whose names start with "mfdt-test"`,
		},
		{
			name: "checks out of time: stop, destroy anyway", checksIn: 300 * time.Millisecond, blockingCheck: true,
			wantCalls: []string{"init", "apply", "output", "destroy"}, wantChecks: []string{"first"},
			wantFailed: true, wantLine: "stopping checks",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			callLog := filepath.Join(dir, "calls.log")
			outputs := filepath.Join(dir, "outputs.json")
			writeFakeOutputs(t, outputs)
			env := map[string]string{"FAKE_TF_LOG": callLog, "FAKE_TF_OUTPUTS": outputs}
			for k, v := range tc.env {
				env[k] = v
			}
			var tfLog bytes.Buffer
			// Terratest's retry helper logs through logger.Default.
			saved := logger.Default
			logger.Default = RedactingLogger(&tfLog)
			defer func() { logger.Default = saved }()
			ft := &fakeT{}
			r := &run{
				t:      ft,
				prefix: "mfdt-test",
				region: "us-west-2",
				dir:    dir,
				tf: &terraform.Options{
					TerraformBinary: script, TerraformDir: dir, NoColor: true, EnvVars: env,
					Logger: RedactingLogger(&tfLog),
				},
			}
			quiet, err := r.tf.Clone()
			if err != nil {
				t.Fatal(err)
			}
			quiet.Logger = logger.Discard
			r.quiet = quiet
			r.progress = NewProgress("fake mfdt-test", func(f string, a ...any) { ft.Log(Redact(fmt.Sprintf(f, a...))) }, nil)

			var ran []string
			ex := example{name: "fake", dir: "examples/fake", checks: []check{
				{name: "first", timeout: time.Minute, fn: func(ctx context.Context, r *run) error {
					ran = append(ran, "first")
					if tc.blockingCheck {
						<-ctx.Done()
						return ctx.Err()
					}
					return fmt.Errorf("role arn:aws:iam::%s:role/x cannot read queue %s", fakeAccount, r.out.BatchJobQueue)
				}},
				{name: "second", timeout: time.Minute, fn: func(ctx context.Context, r *run) error {
					ran = append(ran, "second")
					if r.secrets.ServiceAuthKey != fakeSecret {
						return errors.New("secret output not read")
					}
					return nil
				}},
			}}

			checksIn := tc.checksIn
			if checksIn == 0 {
				checksIn = time.Minute
			}
			func() {
				defer func() {
					if p := recover(); p != nil && p != errFailNow {
						panic(p)
					}
				}()
				lifecycle(ft, r, ex, time.Now().Add(checksIn), time.Minute)
			}()

			raw, _ := os.ReadFile(callLog)
			var calls []string
			for _, l := range strings.Split(strings.TrimSpace(string(raw)), "\n") {
				calls = append(calls, strings.Fields(l)[0])
			}
			if strings.Join(calls, " ") != strings.Join(tc.wantCalls, " ") {
				t.Errorf("terraform calls %v, want %v", calls, tc.wantCalls)
			}
			if strings.Join(ran, " ") != strings.Join(tc.wantChecks, " ") {
				t.Errorf("checks run %v, want %v", ran, tc.wantChecks)
			}
			if wantDestroyed := tc.env["FAKE_TF_DESTROY_FAILS"] != "2"; r.destroyed != wantDestroyed {
				t.Errorf("destroyed = %t, want %t (the temporary copy is kept only when destroy failed)", r.destroyed, wantDestroyed)
			}
			if ft.fatal != tc.wantFatal || ft.failed != tc.wantFailed {
				t.Errorf("fatal=%t failed=%t, want fatal=%t failed=%t", ft.fatal, ft.failed, tc.wantFatal, tc.wantFailed)
			}
			all := strings.Join(ft.lines, "\n")
			if !strings.Contains(all, tc.wantLine) {
				t.Errorf("reported lines lack %q:\n%s", tc.wantLine, all)
			}
			if !strings.Contains(all, "destroy") || !strings.Contains(ft.lines[len(ft.lines)-1], "total") {
				t.Errorf("the run must end with destroy and the summary:\n%s", all)
			}
			for _, leak := range []string{fakeSecret, fakeAccount} {
				if strings.Contains(all, leak) || strings.Contains(tfLog.String(), leak) {
					t.Errorf("%q leaked into the logs:\n%s\n%s", leak, all, tfLog.String())
				}
			}
			if !strings.Contains(tfLog.String(), "init") {
				t.Errorf("terraform output was not logged at all:\n%s", tfLog.String())
			}
		})
	}
}

func writeFakeOutputs(t *testing.T, path string) {
	t.Helper()
	stack := map[string]string{}
	for _, n := range jsonNames(StackOutputs{}) {
		stack[n] = ""
	}
	stack["METAFLOW_BATCH_JOB_QUEUE"] = "arn:aws:batch:us-west-2:" + fakeAccount + ":job-queue/mfdt-test-batch-queue"
	out := map[string]any{
		stackOutput:        map[string]any{"sensitive": false, "value": stack},
		stackSecretOutput:  map[string]any{"sensitive": true, "value": map[string]string{"METAFLOW_SERVICE_AUTH_KEY": fakeSecret}},
		exampleProfileJSON: map[string]any{"sensitive": false, "value": "{}"},
	}
	raw, err := json.Marshal(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, raw, 0o600); err != nil {
		t.Fatal(err)
	}
}
