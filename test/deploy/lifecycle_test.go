package deploy

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gruntwork-io/terratest/modules/logger"
)

// The lifecycle tests run the real stages (runStages) against
// testdata/fake-terraform/terraform, a script that records its calls and
// keeps a one-line state, and a recording fake of the cloud calls. They show
// offline what a deploy run does when validate fails, apply fails (retryable
// or not), destroy needs a retry, leftovers remain, time runs out, and when
// stages are skipped across invocations.

var (
	errFailNow = errors.New("FailNow")
	errSkipNow = errors.New("SkipNow")
)

// fakeT records what the stages report; FailNow and Skipf unwind with a
// panic the test recovers, which runs deferred calls like runtime.Goexit.
type fakeT struct {
	failed, fatal, skipped bool
	lines                  []string
}

func (f *fakeT) Fail()                     { f.failed = true }
func (f *fakeT) FailNow()                  { f.failed, f.fatal = true, true; panic(errFailNow) }
func (f *fakeT) Fatal(args ...any)         { f.Log(args...); f.FailNow() }
func (f *fakeT) Fatalf(s string, a ...any) { f.Log(fmt.Sprintf(s, a...)); f.FailNow() }
func (f *fakeT) Error(args ...any)         { f.Log(args...); f.Fail() }
func (f *fakeT) Errorf(s string, a ...any) { f.Log(fmt.Sprintf(s, a...)); f.Fail() }
func (f *fakeT) Skipf(s string, a ...any) {
	f.Log(fmt.Sprintf(s, a...))
	f.skipped = true
	panic(errSkipNow)
}
func (f *fakeT) Name() string    { return "TestLifecycle/fake" }
func (f *fakeT) Helper()         {}
func (f *fakeT) Log(args ...any) { f.lines = append(f.lines, fmt.Sprint(args...)) }

const (
	fakeSecret  = "fake-api-key-0f0f0f0f0f0f0f0f0f0f0f0f0f0f"
	fakeAccount = "123456789012"
	fakeCert    = "arn:aws:acm:us-west-2:" + fakeAccount + ":certificate/0000-fake"
)

// fakeCloud records the stages' calls outside terraform.
type fakeCloud struct {
	calls     []string
	ipErr     error
	leftovers int // Leftovers reports one resource this many times
	// Deadlines of the contexts the certificate deletion and the
	// diagnostics were given (zero: none, or not called).
	certDeadline, diagDeadline time.Time
}

func (c *fakeCloud) PublicIP(context.Context) (string, error) {
	c.calls = append(c.calls, "public-ip")
	return "198.51.100.7", c.ipErr
}

func (c *fakeCloud) ImportCertificate(_ context.Context, runID string) (string, error) {
	c.calls = append(c.calls, "import-cert "+runID)
	return fakeCert, nil
}

func (c *fakeCloud) DeleteCertificate(ctx context.Context, arn string) error {
	c.calls = append(c.calls, "delete-cert "+Redact(arn))
	c.certDeadline, _ = ctx.Deadline()
	return nil
}

func (c *fakeCloud) Leftovers(_ context.Context, runID string) ([]string, error) {
	c.calls = append(c.calls, "leftovers "+runID)
	if c.leftovers > 0 {
		c.leftovers--
		return []string{"rds:db mfdt-x-db (tag " + runID + ")"}, nil
	}
	return nil, nil
}

func (c *fakeCloud) Diagnostics(ctx context.Context, _ *run) []string {
	c.calls = append(c.calls, "diagnostics")
	c.diagDeadline, _ = ctx.Deadline()
	return []string{"batch job mfdt-x-smoke: CannotPullContainerError in arn:aws:iam::" + fakeAccount + ":role/x"}
}

// fakeRepo writes a minimal repository: a root declaring every input the
// override sets, and examples/fake calling it.
func fakeRepo(t *testing.T) string {
	t.Helper()
	src := t.TempDir()
	var vars strings.Builder
	for _, in := range append(CostInputs(), Input{Name: "tags"}, Input{Name: "metaflow_ui_is_public"}) {
		fmt.Fprintf(&vars, "variable %q {}\n", in.Name)
	}
	ex := `module "metaflow" {
  source = "../.."
  tags   = { managedBy = "terraform" }
}

provider "aws" {}

variable "region" {}
variable "resource_prefix" {}
variable "resource_suffix" {}
variable "ui_allow_list" {}
variable "ui_certificate_arn" {}
`
	for path, body := range map[string]string{"variables.tf": vars.String(), "examples/fake/main.tf": ex} {
		p := filepath.Join(src, path)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return src
}

// fakeRun is one invocation of the stages on the fake.
type fakeRun struct {
	ft    *fakeT
	cloud *fakeCloud
	r     *run
	tfLog bytes.Buffer
	ran   []string
}

// lifecycleEnv is the fake's own setup shared by invocations.
type lifecycleEnv struct {
	src, callLog, outputs, script string
	ws                            Workspace
	tweak                         func(*run) // changes the run's settings before the stages (nil: none)
}

func newLifecycleEnv(t *testing.T) lifecycleEnv {
	script, err := filepath.Abs("testdata/fake-terraform/terraform")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	e := lifecycleEnv{src: fakeRepo(t), callLog: filepath.Join(dir, "calls.log"), outputs: filepath.Join(dir, "outputs.json"), script: script}
	root := filepath.Join(dir, "workspace")
	e.ws = Workspace{Root: root, Dir: filepath.Join(root, "examples/fake"), Stable: true}
	writeFakeOutputs(t, e.outputs)
	return e
}

// invoke runs the stages once with fresh names (prefix) and the given checks.
func (e lifecycleEnv) invoke(t *testing.T, prefix string, env map[string]string, checksIn time.Duration, checks func(fr *fakeRun) []check, cloud *fakeCloud) *fakeRun {
	t.Helper()
	fr := &fakeRun{ft: &fakeT{}, cloud: cloud}
	if fr.cloud == nil {
		fr.cloud = &fakeCloud{}
	}
	saved := logger.Default // Terratest's stage, save and retry helpers log through it
	logger.Default = RedactingLogger(&fr.tfLog)
	defer func() { logger.Default = saved }()

	ex := example{name: "fake", short: "fak", dir: "examples/fake", ui: true}
	names := RunNames{RunID: prefix + "-fak", Prefix: prefix, Suffix: "fak-x"}
	r := newRun(fr.ft, ex, names, "us-west-2", e.ws, e.src, &fr.tfLog)
	r.ex.checks = checks(fr)
	r.cloud = fr.cloud
	r.tfBinary = e.script
	r.extraEnv = map[string]string{"FAKE_TF_LOG": e.callLog, "FAKE_TF_OUTPUTS": e.outputs}
	for k, v := range env {
		r.extraEnv[k] = v
	}
	r.retryWait = 10 * time.Millisecond
	r.auditWait = 10 * time.Millisecond
	r.auditTries = 2
	r.destroyTime = time.Minute
	if e.tweak != nil {
		e.tweak(r)
	}
	fr.r = r
	func() {
		defer func() {
			if p := recover(); p != nil && p != errFailNow && p != errSkipNow {
				panic(p)
			}
		}()
		runStages(fr.ft, r, time.Now().Add(checksIn))
	}()
	return fr
}

// calls lists the terraform calls so far: "verb prefix=...".
func (e lifecycleEnv) calls(t *testing.T) []string {
	raw, err := os.ReadFile(e.callLog)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	var calls []string
	for _, l := range strings.Split(strings.TrimSpace(string(raw)), "\n") {
		f := strings.Fields(l)
		calls = append(calls, f[0]+" "+f[len(f)-1])
	}
	return calls
}

func failingCheck(fr *fakeRun) []check {
	return []check{
		{name: "first", timeout: time.Minute, fn: func(ctx context.Context, r *run) error {
			fr.ran = append(fr.ran, "first")
			return fmt.Errorf("role arn:aws:iam::%s:role/x cannot read queue %s", fakeAccount, r.out.BatchJobQueue)
		}},
		{name: "second", timeout: time.Minute, fn: func(ctx context.Context, r *run) error {
			fr.ran = append(fr.ran, "second")
			if r.secrets.ServiceAuthKey != fakeSecret {
				return errors.New("secret output not read")
			}
			return nil
		}},
	}
}

func passingCheck(fr *fakeRun) []check {
	return []check{{name: "only", timeout: time.Minute, fn: func(context.Context, *run) error { fr.ran = append(fr.ran, "only"); return nil }}}
}

func TestLifecycle(t *testing.T) {
	const p = "prefix=mfdt-test"
	tests := []struct {
		name       string
		env        map[string]string
		checks     func(*fakeRun) []check
		checksIn   time.Duration
		cloud      *fakeCloud
		wantCalls  []string
		wantChecks []string
		wantCloud  []string
		wantFatal  bool
		wantFailed bool
		wantLines  []string
		wantKept   bool // workspace kept (teardown not clean)
	}{
		{
			name: "validate fails: diagnostics first, then destroy, certificate deleted, audit", checks: failingCheck,
			wantCalls: []string{"init " + p, "apply " + p, "output " + p, "destroy " + p}, wantChecks: []string{"first", "second"},
			wantCloud:  []string{"public-ip", "import-cert mfdt-test-fak", "diagnostics", "delete-cert arn:aws:acm:us-west-2:<account-id>:certificate/0000-fake", "leftovers mfdt-test-fak"},
			wantFailed: true, wantLines: []string{"first: role arn:aws:iam::<account-id>:role/x cannot", "diagnostics: batch job mfdt-x-smoke: CannotPullContainerError"},
		},
		{
			name: "apply fails with a non-retryable error: one apply, no checks, teardown still runs", checks: passingCheck,
			env:       map[string]string{"FAKE_TF_APPLY_FAILS": "1"},
			wantCalls: []string{"init " + p, "apply " + p, "destroy " + p},
			wantCloud: []string{"public-ip", "import-cert mfdt-test-fak", "delete-cert arn:aws:acm:us-west-2:<account-id>:certificate/0000-fake", "leftovers mfdt-test-fak"},
			wantFatal: true, wantFailed: true, wantLines: []string{"apply of examples/fake failed"},
		},
		{
			name: "apply fails once with a retryable error (IAM eventual consistency): retried, then all passes", checks: passingCheck,
			env:        map[string]string{"FAKE_TF_APPLY_FAILS": "1", "FAKE_TF_APPLY_ERROR": "Error: creating Lambda Function: InvalidParameterValueException: The role defined for the function cannot be assumed by Lambda."},
			wantCalls:  []string{"init " + p, "apply " + p, "apply " + p, "output " + p, "destroy " + p},
			wantChecks: []string{"only"},
			wantCloud:  []string{"public-ip", "import-cert mfdt-test-fak", "delete-cert arn:aws:acm:us-west-2:<account-id>:certificate/0000-fake", "leftovers mfdt-test-fak"},
			wantLines:  []string{"[fake] apply          ok"},
		},
		{
			name: "throttling three times, then through (within MaxRetries)", checks: passingCheck,
			env:        map[string]string{"FAKE_TF_APPLY_FAILS": "3", "FAKE_TF_APPLY_ERROR": "Error: reading IAM Role: ThrottlingException: Rate exceeded"},
			wantCalls:  []string{"init " + p, "apply " + p, "apply " + p, "apply " + p, "apply " + p, "output " + p, "destroy " + p},
			wantChecks: []string{"only"},
			wantCloud:  []string{"public-ip", "import-cert mfdt-test-fak", "delete-cert arn:aws:acm:us-west-2:<account-id>:certificate/0000-fake", "leftovers mfdt-test-fak"},
		},
		{
			name: "destroy hits DependencyViolation once: retried by Terratest", checks: passingCheck,
			env:        map[string]string{"FAKE_TF_DESTROY_FAILS": "1"},
			wantCalls:  []string{"init " + p, "apply " + p, "output " + p, "destroy " + p, "destroy " + p},
			wantChecks: []string{"only"},
			wantCloud:  []string{"public-ip", "import-cert mfdt-test-fak", "delete-cert arn:aws:acm:us-west-2:<account-id>:certificate/0000-fake", "leftovers mfdt-test-fak"},
			wantLines:  []string{"[fake] destroy        ok"},
		},
		{
			name: "destroy keeps failing: DESTROY FAILED names the run, workspace kept", checks: passingCheck,
			env:        map[string]string{"FAKE_TF_DESTROY_FAILS": "9"},
			wantCalls:  []string{"init " + p, "apply " + p, "output " + p, "destroy " + p, "destroy " + p, "destroy " + p, "destroy " + p, "destroy " + p},
			wantChecks: []string{"only"},
			wantCloud:  []string{"public-ip", "import-cert mfdt-test-fak", "delete-cert arn:aws:acm:us-west-2:<account-id>:certificate/0000-fake", "leftovers mfdt-test-fak"},
			wantFailed: true, wantKept: true, wantLines: []string{"DESTROY FAILED: run mfdt-test-fak (tag metaflow-test-run=mfdt-test-fak"},
		},
		{
			name: "leftovers after destroy fail the test and keep the workspace", checks: passingCheck, cloud: &fakeCloud{leftovers: 2},
			wantCalls:  []string{"init " + p, "apply " + p, "output " + p, "destroy " + p},
			wantChecks: []string{"only"},
			wantCloud:  []string{"public-ip", "import-cert mfdt-test-fak", "delete-cert arn:aws:acm:us-west-2:<account-id>:certificate/0000-fake", "leftovers mfdt-test-fak", "leftovers mfdt-test-fak"},
			wantFailed: true, wantKept: true, wantLines: []string{"LEFT AFTER DESTROY: 1 resources tagged metaflow-test-run=mfdt-test-fak remain:\n  rds:db mfdt-x-db"},
		},
		{
			name: "a leftover that clears on the second audit passes", checks: passingCheck, cloud: &fakeCloud{leftovers: 1},
			wantCalls:  []string{"init " + p, "apply " + p, "output " + p, "destroy " + p},
			wantChecks: []string{"only"},
			wantCloud:  []string{"public-ip", "import-cert mfdt-test-fak", "delete-cert arn:aws:acm:us-west-2:<account-id>:certificate/0000-fake", "leftovers mfdt-test-fak", "leftovers mfdt-test-fak"},
		},
		{
			name: "checks out of time: stop, diagnose, destroy anyway", checksIn: 2 * time.Second, // apply and outputs must finish first, even on a loaded 2-core runner
			checks: func(fr *fakeRun) []check {
				return []check{{name: "blocking", timeout: time.Minute, fn: func(ctx context.Context, _ *run) error {
					fr.ran = append(fr.ran, "blocking")
					<-ctx.Done()
					return ctx.Err()
				}}, {name: "never", timeout: time.Minute, fn: func(context.Context, *run) error { fr.ran = append(fr.ran, "never"); return nil }}}
			},
			wantCalls:  []string{"init " + p, "apply " + p, "output " + p, "destroy " + p},
			wantChecks: []string{"blocking"},
			wantCloud:  []string{"public-ip", "import-cert mfdt-test-fak", "diagnostics", "delete-cert arn:aws:acm:us-west-2:<account-id>:certificate/0000-fake", "leftovers mfdt-test-fak"},
			wantFailed: true, wantLines: []string{"stopping checks"},
		},
		{
			name: "no public IP: skipped before anything is created", checks: passingCheck, cloud: &fakeCloud{ipErr: errors.New("checkip.amazonaws.com: timeout")},
			wantCloud: []string{"public-ip"},
			wantLines: []string{"needs the runner's public IPv4 for ui_allow_list", "teardown: nothing was deployed"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := newLifecycleEnv(t)
			checksIn := tc.checksIn
			if checksIn == 0 {
				checksIn = time.Minute
			}
			fr := e.invoke(t, "mfdt-test", tc.env, checksIn, tc.checks, tc.cloud)
			if got := e.calls(t); !slices.Equal(got, tc.wantCalls) {
				t.Errorf("terraform calls %q, want %q", got, tc.wantCalls)
			}
			if !slices.Equal(fr.ran, tc.wantChecks) {
				t.Errorf("checks run %v, want %v", fr.ran, tc.wantChecks)
			}
			if !slices.Equal(fr.cloud.calls, tc.wantCloud) {
				t.Errorf("cloud calls %q, want %q", fr.cloud.calls, tc.wantCloud)
			}
			if fr.ft.fatal != tc.wantFatal || fr.ft.failed != tc.wantFailed {
				t.Errorf("fatal=%t failed=%t, want fatal=%t failed=%t", fr.ft.fatal, fr.ft.failed, tc.wantFatal, tc.wantFailed)
			}
			all := strings.Join(fr.ft.lines, "\n")
			for _, want := range tc.wantLines {
				if !strings.Contains(all, want) {
					t.Errorf("reported lines lack %q:\n%s", want, all)
				}
			}
			if _, err := os.Stat(e.ws.Root); (err == nil) != tc.wantKept {
				t.Errorf("workspace kept = %t, want %t", err == nil, tc.wantKept)
			}
			if !strings.Contains(fr.ft.lines[len(fr.ft.lines)-1], "total") {
				t.Errorf("the run must end with the summary:\n%s", all)
			}
			for _, leak := range []string{fakeSecret, fakeAccount} {
				if strings.Contains(all, leak) || strings.Contains(fr.tfLog.String(), leak) {
					t.Errorf("%q leaked into the logs:\n%s\n%s", leak, all, fr.tfLog.String())
				}
			}
		})
	}
}

// TestLifecycleStageSkipping runs three invocations on one stable workspace,
// as a person iterating locally would.
func TestLifecycleStageSkipping(t *testing.T) {
	e := newLifecycleEnv(t)

	// 1. SKIP_teardown: deploy and validate, leave the stack and the saved run.
	t.Setenv("SKIP_teardown", "1")
	first := e.invoke(t, "mfdt-first", nil, time.Minute, passingCheck, nil)
	if got, want := e.calls(t), []string{"init prefix=mfdt-first", "apply prefix=mfdt-first", "output prefix=mfdt-first"}; !slices.Equal(got, want) {
		t.Fatalf("first run: terraform calls %q, want %q (no destroy)", got, want)
	}
	if first.ft.failed || !e.ws.HasSavedRun() {
		t.Fatalf("first run failed=%t, saved run=%t:\n%s", first.ft.failed, e.ws.HasSavedRun(), strings.Join(first.ft.lines, "\n"))
	}
	if state, _ := os.ReadFile(filepath.Join(e.ws.Dir, "terraform.tfstate")); string(state) != "stack mfdt-first\n" {
		t.Fatalf("state %q: the stack must stay up", state)
	}
	if !slices.Contains(first.ft.lines, "[fake] SKIP_teardown: run mfdt-first-fak stays up; state in "+e.ws.Dir+". Tear it down with SKIP_deploy=1 SKIP_validate=1 and the same -run.") {
		t.Errorf("no hint how to tear down later:\n%s", strings.Join(first.ft.lines, "\n"))
	}

	// 2. SKIP_deploy + SKIP_teardown: validate again against the saved run, no apply.
	t.Setenv("SKIP_deploy", "1")
	second := e.invoke(t, "mfdt-second", nil, time.Minute, passingCheck, nil)
	if got := e.calls(t)[3:]; !slices.Equal(got, []string{"output prefix=mfdt-first"}) {
		t.Fatalf("validate-only run: terraform calls %q, want one output against mfdt-first", got)
	}
	if second.ft.failed || !slices.Equal(second.ran, []string{"only"}) || len(second.cloud.calls) != 0 {
		t.Fatalf("validate-only run failed=%t ran=%v cloud=%v", second.ft.failed, second.ran, second.cloud.calls)
	}

	// 3. SKIP_deploy + SKIP_validate: tear down the same run (a fresh prefix
	// was generated, the saved one must win), certificate and audit included.
	t.Setenv("SKIP_teardown", "")
	t.Setenv("SKIP_validate", "1")
	third := e.invoke(t, "mfdt-third", nil, time.Minute, passingCheck, nil)
	if got := e.calls(t)[4:]; !slices.Equal(got, []string{"destroy prefix=mfdt-first"}) {
		t.Fatalf("teardown run: terraform calls %q, want one destroy of mfdt-first", got)
	}
	wantCloud := []string{"delete-cert arn:aws:acm:us-west-2:<account-id>:certificate/0000-fake", "leftovers mfdt-first-fak"}
	if third.ft.failed || len(third.ran) != 0 || !slices.Equal(third.cloud.calls, wantCloud) {
		t.Fatalf("teardown run failed=%t ran=%v cloud=%q, want cloud %q:\n%s", third.ft.failed, third.ran, third.cloud.calls, wantCloud, strings.Join(third.ft.lines, "\n"))
	}
	if _, err := os.Stat(e.ws.Root); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("workspace not removed after a clean teardown: %v", err)
	}

	// 4. Nothing saved any more: SKIP_deploy alone says so and runs nothing.
	t.Setenv("SKIP_validate", "")
	fourth := e.invoke(t, "mfdt-fourth", nil, time.Minute, passingCheck, nil)
	if n := len(e.calls(t)); n != 5 || !fourth.ft.fatal || !strings.Contains(strings.Join(fourth.ft.lines, "\n"), "holds no saved run: run once with SKIP_teardown=1 first") {
		t.Fatalf("SKIP_deploy with nothing saved: %d calls, fatal=%t:\n%s", n, fourth.ft.fatal, strings.Join(fourth.ft.lines, "\n"))
	}
}

func writeFakeOutputs(t *testing.T, path string) {
	t.Helper()
	stack := map[string]any{}
	for _, n := range jsonNames(StackOutputs{}) {
		stack[n] = fakeStackOutput(n, "")
	}
	queue := "arn:aws:batch:us-west-2:" + fakeAccount + ":job-queue/mfdt-test-batch-queue"
	stack["METAFLOW_BATCH_JOB_QUEUE"] = queue
	stack["batch_job_queue_arns"] = map[string]string{"default": queue}
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

// blockingCheck waits for the checks' deadline, as a check does whose
// resource never becomes ready.
func blockingCheck(fr *fakeRun) []check {
	return []check{{name: "blocking", timeout: time.Hour, fn: func(ctx context.Context, _ *run) error {
		fr.ran = append(fr.ran, "blocking")
		<-ctx.Done()
		return ctx.Err()
	}}}
}

// TestDiagnosticsFitTheTeardownReserve: when validate runs out of time, the
// diagnostics that follow must end within the part of destroyReserve that
// teardown does not use; otherwise teardown runs into go test's -timeout,
// which panics without running it (the stack stays up, nobody is told).
func TestDiagnosticsFitTheTeardownReserve(t *testing.T) {
	e := newLifecycleEnv(t)
	slack := destroyReserve - teardownTime
	const checksIn = 2 * time.Second // room for apply and outputs on a loaded runner
	start := time.Now()
	fr := e.invoke(t, "mfdt-test", nil, checksIn, blockingCheck, nil)
	if !slices.Contains(fr.cloud.calls, "diagnostics") {
		t.Fatalf("no diagnostics after checks ran out of time: %q", fr.cloud.calls)
	}
	latest := start.Add(checksIn + slack + time.Second)
	if fr.cloud.diagDeadline.IsZero() || fr.cloud.diagDeadline.After(latest) {
		t.Errorf("diagnostics may run until %s, %s after the checks' deadline; teardown leaves only %s of its %s reserve",
			fr.cloud.diagDeadline.Format(time.RFC3339), fr.cloud.diagDeadline.Sub(start.Add(checksIn)).Round(time.Second), slack, destroyReserve)
	}
}

// TestTeardownBoundsCertificateWaitAfterFailedDestroy: after a failed
// destroy the UI listener may still hold the certificate, and ACM refuses
// its deletion for as long as it does. Waiting for it must not spend the
// time the leak audit needs to list what was left.
func TestTeardownBoundsCertificateWaitAfterFailedDestroy(t *testing.T) {
	e := newLifecycleEnv(t)
	e.tweak = func(r *run) { r.destroyTime = 30 * time.Minute }
	fr := e.invoke(t, "mfdt-test", map[string]string{"FAKE_TF_DESTROY_FAILS": "9"}, time.Minute, passingCheck, nil)
	if fr.cloud.certDeadline.IsZero() {
		t.Fatalf("certificate deletion not attempted (or without a deadline): %q", fr.cloud.calls)
	}
	if left := time.Until(fr.cloud.certDeadline); left > 5*time.Minute {
		t.Errorf("after a failed destroy the certificate deletion may retry for %s more; the audit needs that time", left.Round(time.Minute))
	}
	if !slices.Contains(fr.cloud.calls, "leftovers mfdt-test-fak") {
		t.Errorf("no audit after a failed destroy: %q", fr.cloud.calls)
	}
}

// TestTeardownEndsBeforeTheTestDeadline: teardown has its own budget, but
// when something before it ran late it must still stop before go test's
// -timeout panics, so a destroy cut short is reported and the workspace
// with the state is kept.
func TestTeardownEndsBeforeTheTestDeadline(t *testing.T) {
	e := newLifecycleEnv(t)
	e.tweak = func(r *run) {
		r.destroyTime = 30 * time.Minute
		r.teardownBy = time.Now().Add(2 * time.Second)
	}
	start := time.Now()
	fr := e.invoke(t, "mfdt-test", map[string]string{"FAKE_TF_DESTROY_SLEEP": "30"}, time.Minute, passingCheck, nil)
	if took := time.Since(start); took > 20*time.Second {
		t.Fatalf("teardown ran %s past a deadline 2 s away", took.Round(time.Second))
	}
	if !fr.ft.failed || !strings.Contains(strings.Join(fr.ft.lines, "\n"), "DESTROY FAILED") {
		t.Fatalf("a destroy cut short by the deadline must be reported as DESTROY FAILED; log:\n%s", strings.Join(fr.ft.lines, "\n"))
	}
}
