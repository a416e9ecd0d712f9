package verify

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"
)

// The optional end-to-end check: a real Metaflow client, configured only by
// the stack's profile, runs a two-step flow on the stack's Batch queue. It is
// the one check that uses the stack the way a user does (profile file, S3
// datastore, metadata service with the API key, Batch job definitions made
// by Metaflow itself).

// E2EFlowName is the class name of the flow E2EFlowSource defines; the
// metadata API knows the run under it.
const E2EFlowName = "DeployTestFlow"

// E2EFlowSource is the flow the end-to-end check runs: start stores an
// artifact, end reads it back, so the run passes only if Batch tasks can
// write to and read from the S3 datastore and the metadata service.
const E2EFlowSource = `from metaflow import FlowSpec, step


class DeployTestFlow(FlowSpec):
    """Two steps; with --with batch each one is a Batch job."""

    @step
    def start(self):
        import socket

        self.greeting = "written on " + socket.gethostname()
        self.next(self.end)

    @step
    def end(self):
        assert self.greeting.startswith("written on "), self.greeting
        print("end read the artifact of start:", self.greeting)


if __name__ == "__main__":
    DeployTestFlow()
`

// DefaultE2EDecorator fits both compute environment kinds: Fargate needs at
// least 2 GB with 1 vCPU, and Metaflow's default of 4 GB would never be
// placed on a 2-vCPU, 4 GiB instance (the ECS agent reserves some of it), so
// the job would stay RUNNABLE.
const DefaultE2EDecorator = "batch:cpu=1,memory=2048"

// KubernetesE2EDecorator runs each step as a Kubernetes pod. Metaflow's
// default of 4 GB would fit an m5.large node (8 GiB) only beside little
// else; 2 GB leaves room for the services and Argo's controller.
const KubernetesE2EDecorator = "kubernetes:cpu=1,memory=2048"

// E2EFlow is what RunE2EFlow needs.
type E2EFlow struct {
	// Python is the interpreter: a path, or a name looked up in PATH
	// ("" means python3).
	Python string
	// WorkDir receives the flow file, the Metaflow config directory and the
	// run id file; a test's t.TempDir().
	WorkDir string
	// Profile is the Metaflow profile JSON (a flat object of METAFLOW_*
	// values), API key included when the metadata service requires one.
	Profile []byte
	// Decorator is passed as run --with; "" means DefaultE2EDecorator.
	Decorator string
	// Modules are Python packages the run needs besides metaflow (the
	// kubernetes client for @kubernetes and Argo Workflows); one the
	// interpreter cannot import is a skip, as a missing metaflow is.
	Modules []string
	// Timeout bounds the whole run; 0 means 30 minutes. On expiry the flow
	// gets an interrupt (Metaflow then stops its Batch jobs) and a minute to
	// exit before it is killed.
	Timeout time.Duration
	// Logf receives every output line, prefixed with "[flow] ". The lines
	// are Metaflow's own and may hold account ids in ARNs: redact there.
	Logf func(format string, args ...any)
	// Env adds variables to the flow's environment (NAME=value).
	Env []string
}

// E2EResult is a finished run.
type E2EResult struct {
	Flow  string
	RunID string
	// MetaflowVersion is what the interpreter imported.
	MetaflowVersion string
}

// Pathspec is the run's Metaflow pathspec, Flow/RunID.
func (r E2EResult) Pathspec() string { return r.Flow + "/" + r.RunID }

// E2ESkip means the end-to-end check cannot run here (no python3, no
// metaflow package): the caller should skip, not fail.
type E2ESkip struct{ Reason string }

func (s *E2ESkip) Error() string { return "end-to-end flow skipped: " + s.Reason }

// e2eTailLines is how much of the flow's output a failure quotes.
const e2eTailLines = 30

// runIDLine is how Metaflow announces a run: "Workflow starting (run-id 12):"
// for run, "Workflow deploytestflow triggered on Argo Workflows (run-id
// argo-deploytestflow-x7k2p)." for argo-workflows trigger (Metaflow's echo
// turns the *...* around the id into highlighting; the stars are allowed in
// case a version prints them).
var runIDLine = regexp.MustCompile(`\(run-id \*?([A-Za-z0-9_.-]+?)\*?\)`)

// ansiEscape matches the terminal escapes click leaves in when it believes
// it writes to a terminal (colours, erase to end of line).
var ansiEscape = regexp.MustCompile(`\x1b\[[0-9;?]*[A-Za-z]`)

// RunE2EFlow writes the profile as the only Metaflow config, writes the flow
// and runs `python3 flow.py --no-pylint run --with <decorator>` until it
// exits or the timeout. It returns the run id, or *E2ESkip when python3 or
// the metaflow package is missing.
func RunE2EFlow(ctx context.Context, f E2EFlow) (E2EResult, error) {
	s, err := prepareE2E(ctx, f)
	if err != nil {
		return E2EResult{}, err
	}
	decorator := f.Decorator
	if decorator == "" {
		decorator = DefaultE2EDecorator
	}
	timeout := f.Timeout
	if timeout <= 0 {
		timeout = 30 * time.Minute
	}
	runIDFile := filepath.Join(f.WorkDir, "run-id")
	out, elapsed, err := s.flow(ctx, timeout, "run --with "+decorator,
		"--no-pylint", "run", "--with", decorator, "--run-id-file", runIDFile)
	if err != nil {
		return E2EResult{}, err
	}
	runID := readRunIDFile(runIDFile)
	if runID == "" {
		runID = out.runID()
	}
	if runID == "" {
		return E2EResult{}, fmt.Errorf("e2e: the flow exited 0 after %s but named no run id (no --run-id-file, no \"(run-id N)\" line); last output:\n%s", elapsed, out.tail())
	}
	s.logf("[flow] run %s/%s succeeded in %s", E2EFlowName, runID, elapsed)
	return E2EResult{Flow: E2EFlowName, RunID: runID, MetaflowVersion: s.version}, nil
}

// e2eSession is a work directory ready for flow commands: the profile is the
// only Metaflow config, the interpreter imports what the mode needs and the
// flow file is written.
type e2eSession struct {
	python   string
	version  string
	flowFile string
	dir      string
	env      []string
	logf     func(string, ...any)
}

func prepareE2E(ctx context.Context, f E2EFlow) (*e2eSession, error) {
	logf := f.Logf
	if logf == nil {
		logf = func(string, ...any) {}
	}
	if f.WorkDir == "" {
		return nil, errors.New("e2e: WorkDir is required")
	}
	home, err := WriteE2EConfig(filepath.Join(f.WorkDir, "metaflow-home"), f.Profile)
	if err != nil {
		return nil, err
	}
	env := e2eEnv(os.Environ(), home, f.Env)

	python, version, err := e2ePython(ctx, f.Python, env, f.Modules)
	if err != nil {
		return nil, err
	}
	logf("[flow] %s with metaflow %s", python, version)

	flowFile := filepath.Join(f.WorkDir, "deploy_test_flow.py")
	if err := os.WriteFile(flowFile, []byte(E2EFlowSource), 0o644); err != nil {
		return nil, fmt.Errorf("e2e: writing the flow: %w", err)
	}
	return &e2eSession{python: python, version: version, flowFile: flowFile, dir: f.WorkDir, env: env, logf: logf}, nil
}

// flow runs `python flow.py args...` until it exits or timeout, logging each
// output line. what names the command in errors. A failure quotes the last
// lines of output.
func (s *e2eSession) flow(ctx context.Context, timeout time.Duration, what string, args ...string) (*e2eLines, time.Duration, error) {
	runCtx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	cmd := exec.CommandContext(runCtx, s.python, append([]string{s.flowFile}, args...)...)
	cmd.Dir = s.dir
	cmd.Env = s.env
	// Interrupt first: Metaflow's runtime then terminates the Batch jobs
	// (or Kubernetes jobs) it submitted; a kill would leave them running.
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	cmd.WaitDelay = time.Minute

	out := &e2eLines{logf: s.logf}
	pr, pw := io.Pipe()
	cmd.Stdout, cmd.Stderr = pw, pw
	scanned := make(chan struct{})
	go func() {
		defer close(scanned)
		out.scan(pr)
	}()
	start := time.Now()
	runErr := cmd.Run()
	_ = pw.Close()
	<-scanned
	elapsed := time.Since(start).Round(time.Second)

	if runErr != nil {
		why := runErr.Error()
		if runCtx.Err() != nil && ctx.Err() == nil {
			why = fmt.Sprintf("did not finish within %s", timeout)
		} else if ctx.Err() != nil {
			why = fmt.Sprintf("cancelled: %v", ctx.Err())
		}
		return out, elapsed, fmt.Errorf("e2e: %s %s %s: %s after %s; last output:\n%s",
			filepath.Base(s.python), filepath.Base(s.flowFile), what, why, elapsed, out.tail())
	}
	return out, elapsed, nil
}

// readRunIDFile returns what --run-id-file wrote, "" when nothing.
func readRunIDFile(path string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(b))
}

// WriteE2EConfig writes profile as dir/config.json, readable by its owner
// only (it holds the API key), and returns dir. Metaflow reads
// $METAFLOW_HOME/config.json when METAFLOW_PROFILE is unset.
func WriteE2EConfig(dir string, profile []byte) (string, error) {
	var values map[string]any
	if err := json.Unmarshal(profile, &values); err != nil {
		return "", fmt.Errorf("e2e: the profile is not a JSON object: %w", err)
	}
	if len(values) == 0 {
		return "", errors.New("e2e: the profile is empty")
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("e2e: creating the Metaflow config directory: %w", err)
	}
	path := filepath.Join(dir, "config.json")
	// Create with 0600 and chmod too: an existing file keeps its old mode.
	if err := os.WriteFile(path, profile, 0o600); err != nil {
		return "", fmt.Errorf("e2e: writing %s: %w", path, err)
	}
	if err := os.Chmod(path, 0o600); err != nil {
		return "", fmt.Errorf("e2e: restricting %s: %w", path, err)
	}
	return dir, nil
}

// e2eEnv is the flow's environment: the caller's, without any METAFLOW_*
// setting that would override the profile (environment values win over the
// config file in Metaflow), plus the config directory and a fixed user so
// the run is attributable.
func e2eEnv(base []string, home string, extra []string) []string {
	env := make([]string, 0, len(base)+4)
	for _, kv := range base {
		if strings.HasPrefix(kv, "METAFLOW_") {
			continue
		}
		env = append(env, kv)
	}
	env = append(env, "METAFLOW_HOME="+home, "METAFLOW_USER=deploy-test", "PYTHONUNBUFFERED=1")
	return append(env, extra...)
}

// missingModule is how Python names a package it cannot import.
var missingModule = regexp.MustCompile(`No module named '([^'.]+)`)

// e2ePython resolves the interpreter and asks it for metaflow's version,
// importing modules too; a missing interpreter or package is a skip.
func e2ePython(ctx context.Context, python string, env []string, modules []string) (path, version string, err error) {
	if python == "" {
		python = "python3"
	}
	path, err = exec.LookPath(python)
	if err != nil {
		return "", "", &E2ESkip{Reason: fmt.Sprintf("%s not found (%v); install Python 3 to run a flow end to end", python, err)}
	}
	probeCtx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	script := "import metaflow; "
	for _, m := range modules {
		script += "import " + m + "; "
	}
	script += "print(metaflow.__version__)"
	cmd := exec.CommandContext(probeCtx, path, "-c", script)
	cmd.Env = env
	b, err := cmd.CombinedOutput()
	if err != nil {
		if probeCtx.Err() != nil {
			return "", "", fmt.Errorf("e2e: %s -c 'import metaflow' did not answer in 2m: %w", path, probeCtx.Err())
		}
		lines := strings.Split(strings.TrimSpace(string(b)), "\n")
		last := lines[len(lines)-1]
		if m := missingModule.FindStringSubmatch(string(b)); m != nil {
			return "", "", &E2ESkip{Reason: fmt.Sprintf("%s cannot import %s (%s); pip install %s", path, m[1], last, m[1])}
		}
		return "", "", fmt.Errorf("e2e: %s cannot import metaflow: %v: %s", path, err, last)
	}
	lines := strings.Fields(string(b))
	if len(lines) == 0 {
		return "", "", fmt.Errorf("e2e: %s printed no metaflow version", path)
	}
	return path, lines[len(lines)-1], nil
}

// e2eLines logs each output line and keeps the last ones and the first run id.
type e2eLines struct {
	logf  func(string, ...any)
	mu    sync.Mutex
	last  []string
	runid string
}

func (o *e2eLines) scan(r io.Reader) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for sc.Scan() {
		line := ansiEscape.ReplaceAllString(sc.Text(), "")
		o.logf("[flow] %s", line)
		o.mu.Lock()
		if o.runid == "" {
			if m := runIDLine.FindStringSubmatch(line); m != nil {
				o.runid = m[1]
			}
		}
		o.last = append(o.last, line)
		if len(o.last) > e2eTailLines {
			o.last = o.last[len(o.last)-e2eTailLines:]
		}
		o.mu.Unlock()
	}
	// Drain whatever is left after an over-long line so the writer never blocks.
	_, _ = io.Copy(io.Discard, r)
}

func (o *e2eLines) tail() string {
	o.mu.Lock()
	defer o.mu.Unlock()
	if len(o.last) == 0 {
		return "  (no output)"
	}
	return "  " + strings.Join(o.last, "\n  ")
}

func (o *e2eLines) runID() string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.runid
}

// CheckE2ERun asks the metadata API (as the Metaflow client does, with the
// API key) for the run and its steps: the run must be known and both steps
// of the flow recorded.
func CheckE2ERun(ctx context.Context, client HTTPDoer, serviceURL, apiKey string, run E2EResult) error {
	headers := map[string]string{}
	if apiKey != "" {
		headers["x-api-key"] = apiKey
	}
	runURL := JoinURL(serviceURL, "flows/"+run.Flow+"/runs/"+run.RunID)
	resp, err := Get(ctx, client, Request{URL: runURL, SecretHeaders: headers})
	if err != nil {
		return fmt.Errorf("e2e: reading run %s: %w", run.Pathspec(), err)
	}
	if resp.Status != 200 {
		return fmt.Errorf("e2e: GET %s answered %d: %s", runURL, resp.Status, Snippet(resp.Body))
	}
	var got struct {
		FlowID    string          `json:"flow_id"`
		RunNumber json.RawMessage `json:"run_number"`
		RunID     *string         `json:"run_id"`
	}
	if err := json.Unmarshal(resp.Body, &got); err != nil {
		return fmt.Errorf("e2e: run %s: the answer is not a run object: %v: %s", run.Pathspec(), err, Snippet(resp.Body))
	}
	number := strings.Trim(string(got.RunNumber), `"`)
	if got.FlowID != run.Flow || (number != run.RunID && (got.RunID == nil || *got.RunID != run.RunID)) {
		return fmt.Errorf("e2e: asked for run %s, the metadata API answered flow %q run_number %s", run.Pathspec(), got.FlowID, number)
	}

	stepsURL := JoinURL(runURL, "steps")
	resp, err = Get(ctx, client, Request{URL: stepsURL, SecretHeaders: headers})
	if err != nil {
		return fmt.Errorf("e2e: reading the steps of %s: %w", run.Pathspec(), err)
	}
	if resp.Status != 200 {
		return fmt.Errorf("e2e: GET %s answered %d: %s", stepsURL, resp.Status, Snippet(resp.Body))
	}
	var steps []struct {
		StepName string `json:"step_name"`
	}
	if err := json.Unmarshal(resp.Body, &steps); err != nil {
		return fmt.Errorf("e2e: the steps of %s are not a JSON list: %v: %s", run.Pathspec(), err, Snippet(resp.Body))
	}
	var names []string
	for _, s := range steps {
		names = append(names, s.StepName)
	}
	for _, want := range []string{"start", "end"} {
		if !slices.Contains(names, want) {
			return fmt.Errorf("e2e: run %s has steps %v in the metadata service, want start and end", run.Pathspec(), names)
		}
	}
	return nil
}
