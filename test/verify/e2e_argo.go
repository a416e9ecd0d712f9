package verify

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// The Argo Workflows end-to-end check deploys the flow as a user deploys a
// production flow on Kubernetes (argo-workflows create), triggers it, and
// waits, through the metadata API, until the run has finished in the
// cluster: unlike `run`, trigger returns as soon as Argo accepted the
// workflow, so the run's outcome is only known from what its steps record.

// ArgoE2EFlow is what RunArgoE2EFlow needs.
type ArgoE2EFlow struct {
	// Flow is the interpreter, work directory, profile, environment and
	// logger, as for RunE2EFlow. Flow.Decorator is attached to every step of
	// the deployed flow (`--with`; "" means KubernetesE2EDecorator) and
	// Flow.Timeout bounds create, trigger and the wait for the run together
	// (0 means 30 minutes). The kubernetes package is always required.
	Flow E2EFlow
	// Run waits for the triggered run to finish.
	Run E2ERunWaiter
}

// E2ERunWaiter waits for a run Metaflow started elsewhere (on Argo
// Workflows) to finish, and checks it.
type E2ERunWaiter interface {
	WaitForRun(ctx context.Context, run E2EResult) error
}

// ArgoRunIDPrefix starts the id of every run Metaflow triggers on Argo
// Workflows: "argo-" and the name of the Argo workflow object.
const ArgoRunIDPrefix = "argo-"

// argoCommandTimeout bounds create (it packages the code into S3 and
// registers the workflow template), trigger, terminate and delete.
const argoCommandTimeout = 10 * time.Minute

// RunArgoE2EFlow runs `python3 flow.py --no-pylint --with <decorator>
// argo-workflows create`, then `argo-workflows trigger --run-id-file`, waits
// for the run with f.Run and finally, whatever happened, runs
// `argo-workflows delete` so nothing of the deployment stays scheduled
// (best effort: its failure is logged, not returned). A run that did not
// finish is terminated first (also best effort). It returns the run, or
// *E2ESkip when python3, metaflow or the kubernetes package is missing.
func RunArgoE2EFlow(ctx context.Context, a ArgoE2EFlow) (res E2EResult, err error) {
	if a.Run == nil {
		return E2EResult{}, errors.New("e2e: ArgoE2EFlow.Run is required")
	}
	f := a.Flow
	if !slices.Contains(f.Modules, "kubernetes") {
		f.Modules = append(append([]string(nil), f.Modules...), "kubernetes")
	}
	s, err := prepareE2E(ctx, f)
	if err != nil {
		return E2EResult{}, err
	}
	decorator := f.Decorator
	if decorator == "" {
		decorator = KubernetesE2EDecorator
	}
	timeout := f.Timeout
	if timeout <= 0 {
		timeout = 30 * time.Minute
	}
	start := time.Now()
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	// From here on something may be deployed: delete it on every way out,
	// on a context of its own (ctx may have expired by then).
	defer func() {
		dctx, dcancel := context.WithTimeout(context.WithoutCancel(ctx), argoCommandTimeout)
		defer dcancel()
		if _, _, derr := s.flow(dctx, argoCommandTimeout, "argo-workflows delete", "--no-pylint", "argo-workflows", "delete"); derr != nil {
			s.logf("[flow] argo-workflows delete failed (whatever create deployed stays in the cluster until teardown destroys it): %v", derr)
			return
		}
		s.logf("[flow] argo-workflows delete: the deployment of %s is gone", E2EFlowName)
	}()

	if _, _, err := s.flow(ctx, argoCommandTimeout, "--with "+decorator+" argo-workflows create",
		"--no-pylint", "--with", decorator, "argo-workflows", "create"); err != nil {
		return E2EResult{}, err
	}
	runIDFile := filepath.Join(f.WorkDir, "argo-run-id")
	// A file left by an earlier invocation in the same work directory
	// must not pass for this trigger's.
	if err := os.Remove(runIDFile); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return E2EResult{}, fmt.Errorf("e2e: removing %s: %w", runIDFile, err)
	}
	out, _, err := s.flow(ctx, argoCommandTimeout, "argo-workflows trigger",
		"--no-pylint", "argo-workflows", "trigger", "--run-id-file", runIDFile)
	if err != nil {
		return E2EResult{}, err
	}
	runID, err := ArgoRunID(readRunIDFile(runIDFile), out.runID())
	if err != nil {
		return E2EResult{}, fmt.Errorf("%w; last output:\n%s", err, out.tail())
	}
	res = E2EResult{Flow: E2EFlowName, RunID: runID, MetaflowVersion: s.version}
	s.logf("[flow] triggered %s on Argo Workflows; waiting for it to finish", res.Pathspec())

	if err := a.Run.WaitForRun(ctx, res); err != nil {
		// Stop the pods of a run that did not finish before deleting
		// the template.
		tctx, tcancel := context.WithTimeout(context.WithoutCancel(ctx), argoCommandTimeout)
		defer tcancel()
		if _, _, terr := s.flow(tctx, argoCommandTimeout, "argo-workflows terminate "+runID,
			"--no-pylint", "argo-workflows", "terminate", runID); terr != nil {
			s.logf("[flow] argo-workflows terminate %s: %v", runID, terr)
		}
		return E2EResult{}, fmt.Errorf("e2e: run %s triggered on Argo Workflows: %w", res.Pathspec(), err)
	}
	s.logf("[flow] run %s finished on Argo Workflows %s after create", res.Pathspec(), time.Since(start).Round(time.Second))
	return res, nil
}

// ArgoRunID picks the run id of `argo-workflows trigger`: what it wrote to
// --run-id-file, else what its "(run-id ...)" line named. Both must agree
// when both are there, and the id must be an Argo run's.
func ArgoRunID(fromFile, fromOutput string) (string, error) {
	id := fromFile
	if id == "" {
		id = fromOutput
	}
	switch {
	case id == "":
		return "", errors.New("e2e: argo-workflows trigger exited 0 but named no run id (no --run-id-file, no \"(run-id argo-...)\" line)")
	case fromFile != "" && fromOutput != "" && fromFile != fromOutput:
		return "", fmt.Errorf("e2e: argo-workflows trigger wrote run id %q but printed %q", fromFile, fromOutput)
	case !strings.HasPrefix(id, ArgoRunIDPrefix) || len(id) == len(ArgoRunIDPrefix) || strings.ContainsAny(id, "/ \t"):
		return "", fmt.Errorf("e2e: argo-workflows trigger named run id %q, want %s<workflow name>", id, ArgoRunIDPrefix)
	}
	return id, nil
}

// MetadataRunWaiter waits for a run through the metadata API (with the API
// key when there is one), as the Metaflow client sees it: it polls until the
// end step's task has recorded attempt_ok True, fails at once when a task of
// start or end recorded attempt_ok False, and then checks the run with
// CheckE2ERun.
type MetadataRunWaiter struct {
	Client     HTTPDoer
	ServiceURL string
	APIKey     string
	// Poll is the pause between looks; 0 means 20s.
	Poll time.Duration
	// Logf receives a line whenever what the run shows changes.
	Logf func(format string, args ...any)
}

// WaitForRun implements E2ERunWaiter.
func (w MetadataRunWaiter) WaitForRun(ctx context.Context, run E2EResult) error {
	poll := w.Poll
	if poll <= 0 {
		poll = 20 * time.Second
	}
	logf := w.Logf
	if logf == nil {
		logf = func(string, ...any) {}
	}
	last := ""
	err := WaitFor(ctx, poll, func(ctx context.Context) error {
		p, err := E2ERunProgress(ctx, w.Client, w.ServiceURL, w.APIKey, run)
		if err != nil {
			return err
		}
		if s := p.String(); s != last {
			logf("[flow] %s: %s", run.Pathspec(), s)
			last = s
		}
		if failed := p.Failed(); failed != "" {
			return fmt.Errorf("step %s failed (attempt_ok False in the metadata service)", failed)
		}
		if !p.Finished() {
			return notReady("%s: %s", run.Pathspec(), p)
		}
		return nil
	})
	if err != nil {
		return err
	}
	return CheckE2ERun(ctx, w.Client, w.ServiceURL, w.APIKey, run)
}

// E2EStepNames are the steps of E2EFlowSource, in order.
var E2EStepNames = []string{"start", "end"}

// RunProgress is what the metadata service knows of a run: whether it is
// registered and, per step, the state of its tasks.
type RunProgress struct {
	Registered bool
	// Steps maps a step name to its state: "not started", "running",
	// "succeeded" or "failed".
	Steps map[string]string
}

// Step states of RunProgress.
const (
	stepNotStarted = "not started"
	stepRunning    = "running"
	stepSucceeded  = "succeeded"
	stepFailed     = "failed"
)

// Finished says the end step has succeeded.
func (p RunProgress) Finished() bool { return p.Steps["end"] == stepSucceeded }

// Failed names the first step that failed, "" when none did.
func (p RunProgress) Failed() string {
	for _, s := range E2EStepNames {
		if p.Steps[s] == stepFailed {
			return s
		}
	}
	return ""
}

func (p RunProgress) String() string {
	if !p.Registered {
		return "not registered in the metadata service yet (Argo is scheduling the start pod)"
	}
	parts := make([]string, 0, len(E2EStepNames))
	for _, s := range E2EStepNames {
		parts = append(parts, s+" "+p.Steps[s])
	}
	return strings.Join(parts, ", ")
}

// E2ERunProgress reads the run, its steps' tasks and their attempt_ok
// metadata (Metaflow records attempt_ok "True" or "False" when a task
// attempt ends). A run or step the service does not know yet (404, empty
// list) is progress, not an error; anything else unexpected is an error,
// wrapping ErrNotReady when it is a transport error or a 5xx.
func E2ERunProgress(ctx context.Context, client HTTPDoer, serviceURL, apiKey string, run E2EResult) (RunProgress, error) {
	headers := map[string]string{}
	if apiKey != "" {
		headers["x-api-key"] = apiKey
	}
	runPath := "flows/" + url.PathEscape(run.Flow) + "/runs/" + url.PathEscape(run.RunID)
	get := func(path string, into any) (found bool, err error) {
		u := JoinURL(serviceURL, path)
		resp, err := Get(ctx, client, Request{URL: u, SecretHeaders: headers})
		if err != nil {
			return false, notReady("%v", err)
		}
		switch {
		case resp.Status == 404:
			return false, nil
		case resp.Status >= 500:
			return false, notReady("GET %s answered %d: %s", u, resp.Status, Snippet(resp.Body))
		case resp.Status != 200:
			return false, fmt.Errorf("e2e: GET %s answered %d: %s", u, resp.Status, Snippet(resp.Body))
		}
		if err := json.Unmarshal(resp.Body, into); err != nil {
			return false, fmt.Errorf("e2e: GET %s: the answer does not parse: %v: %s", u, err, Snippet(resp.Body))
		}
		return true, nil
	}

	p := RunProgress{Steps: map[string]string{}}
	for _, s := range E2EStepNames {
		p.Steps[s] = stepNotStarted
	}
	var runObj map[string]any
	found, err := get(runPath, &runObj)
	if err != nil || !found {
		return p, err
	}
	p.Registered = true
	for _, step := range E2EStepNames {
		stepPath := runPath + "/steps/" + step + "/tasks"
		var tasks []struct {
			TaskID json.RawMessage `json:"task_id"`
		}
		found, err := get(stepPath, &tasks)
		if err != nil {
			return p, err
		}
		if !found || len(tasks) == 0 {
			continue
		}
		state := stepRunning
		for _, t := range tasks {
			id := strings.Trim(string(t.TaskID), `"`)
			if id == "" || id == "null" {
				return p, fmt.Errorf("e2e: a task of %s/%s has no task_id", run.Pathspec(), step)
			}
			var metadata []struct {
				FieldName string `json:"field_name"`
				Value     string `json:"value"`
			}
			if _, err := get(stepPath+"/"+url.PathEscape(id)+"/metadata", &metadata); err != nil {
				return p, err
			}
			for _, m := range metadata {
				if m.FieldName != "attempt_ok" {
					continue
				}
				switch m.Value {
				case "True":
					state = stepSucceeded
				case "False":
					// The flow has no @retry, so a failed attempt is
					// final; an attempt that succeeded still wins.
					if state != stepSucceeded {
						state = stepFailed
					}
				}
			}
		}
		p.Steps[step] = state
	}
	return p, nil
}
