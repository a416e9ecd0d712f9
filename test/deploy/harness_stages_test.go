package deploy

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/gruntwork-io/terratest/modules/terraform"
	test_structure "github.com/gruntwork-io/terratest/modules/test-structure"
)

// runStages runs the Terratest stages of one deploy test: deploy, validate,
// the optional e2e, and teardown. Each can be skipped with SKIP_<stage>=1
// (test_structure.RunTestStage). Teardown is deferred before deploy starts:
// a failed apply, a failed validate, t.Fatal, t.Skip and Ctrl-C all still
// lead to it. deploy and validate must end by checksDeadline.
func runStages(t tester, r *run, checksDeadline time.Time) {
	// Ctrl-C cancels deploy and validate; teardown still runs, on a context
	// of its own (t.Context() would already be cancelled by then).
	sigCtx, stopSignals := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stopSignals()
	ctx, cancel := context.WithDeadline(sigCtx, checksDeadline)
	defer cancel()
	// Diagnostics run after the checks, on a context of their own; they must
	// still end within the reserve's slack, before teardown's share.
	r.diagnoseBy = checksDeadline.Add(diagnoseSlack)

	r.progress.Note("run %s in %s: tag %s=%s, names %q...%q, workspace %s",
		r.names.RunID, r.region, RunTagKey, r.names.RunID, r.names.Prefix, r.names.Suffix, r.ws.Root)
	defer func() {
		cancel()
		stopSignals() // a second Ctrl-C during teardown ends the process
		test_structure.RunTestStage(t, "teardown", func() { teardown(r) })
		if os.Getenv("SKIP_teardown") != "" && r.tf != nil {
			r.progress.Note("SKIP_teardown: run %s stays up; state in %s. Tear it down with SKIP_deploy=1 SKIP_validate=1 and the same -run.",
				r.names.RunID, r.ws.Dir)
		}
		t.Log(Redact(r.progress.Summary()))
	}()

	test_structure.RunTestStage(t, "deploy", func() { deploy(ctx, r) })
	test_structure.RunTestStage(t, "validate", func() { validate(ctx, r) })
	if (r.ex.batch || r.ex.kubernetes) && os.Getenv(e2eOptIn) == "1" {
		test_structure.RunTestStage(t, "e2e", func() { e2e(ctx, r) })
	}
}

// deploy prepares the workspace and applies. Everything a later invocation
// needs is saved before apply starts, so even an interrupted apply can be
// torn down by SKIP_deploy=1 SKIP_validate=1.
func deploy(ctx context.Context, r *run) {
	t := r.t
	if r.ws.HasSavedRun() {
		loadRun(r)
		r.progress.Note("reusing run %s saved in %s by an earlier invocation (applying over its state)", r.names.RunID, r.ws.Dir)
	}
	if err := r.progress.Stage("workspace", func() error { return prepareWorkspace(r) }); err != nil {
		t.Fatalf("preparing %s: %s", r.ws.Dir, Redact(err.Error()))
	}
	if r.ex.ui {
		if r.runnerIP == "" {
			ip, err := r.cloud.PublicIP(ctx)
			if err != nil {
				t.Skipf("deploy: %s needs the runner's public IPv4 for ui_allow_list; %s", r.ex.name, oneLine(err.Error()))
			}
			r.runnerIP = ip
		}
		if r.certARN == "" {
			if err := r.progress.Stage("certificate", func() error {
				arn, err := r.cloud.ImportCertificate(ctx, r.names.RunID)
				r.certARN = arn
				return err
			}); err != nil {
				t.Fatalf("importing the UI certificate: %s", Redact(err.Error()))
			}
		}
	}
	setOptions(r, terraformOptions(r))
	saveRun(r)
	if err := r.progress.Stage("apply", func() error {
		_, err := terraform.InitAndApplyContextE(t, ctx, r.tf)
		return err
	}); err != nil {
		t.Fatalf("apply of %s failed: %s", r.ex.dir, Redact(err.Error()))
	}
}

// prepareWorkspace copies the repository and adds the two generated files:
// the outputs the checks read and the override (run tag, cost inputs).
func prepareWorkspace(r *run) error {
	if err := r.ws.Populate(r.source); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(r.ws.Dir, InjectedOutputsFile), []byte(InjectedOutputsHCL()), 0o644); err != nil {
		return err
	}
	info, err := InspectExample(r.ws.Dir)
	if err != nil {
		return err
	}
	root, err := loadModule(r.ws.Root)
	if err != nil {
		return err
	}
	inputs, err := DeclaredInputs(append(CostInputs(), r.ex.inputs...), func(name string) bool { _, ok := root.Variables[name]; return ok })
	if err != nil {
		return err
	}
	src := OverrideHCL(Override{RunID: r.names.RunID, Example: info, Inputs: inputs})
	return os.WriteFile(filepath.Join(r.ws.Dir, OverrideFile), []byte(src), 0o644)
}

// validate reads the outputs and runs every check (a failing check does
// not stop the others). When anything failed it prints the diagnostics a
// person would look at first, before teardown destroys the evidence.
func validate(ctx context.Context, r *run) {
	t := r.t
	requireRun(r)
	failed := false
	if err := r.progress.Stage("outputs", func() error { return readOutputs(ctx, r) }); err != nil {
		t.Errorf("reading outputs: %s", Redact(err.Error()))
		failed = true
	} else {
		for _, c := range r.ex.checks {
			if ctx.Err() != nil {
				break
			}
			cctx, ccancel := context.WithTimeout(ctx, c.timeout)
			err := r.progress.Stage(c.name, func() error { return c.fn(cctx, r) })
			ccancel()
			if err != nil {
				failed = true
				t.Errorf("%s: %s", c.name, Redact(err.Error()))
			}
		}
	}
	if ctx.Err() != nil {
		failed = true
		t.Errorf("stopping checks: %v", context.Cause(ctx))
	}
	if failed {
		diagnose(r)
	}
}

// requireRun loads the saved run when deploy was skipped, and stops the
// test when there is none to check.
func requireRun(r *run) {
	if r.tf != nil {
		return
	}
	if !r.ws.HasSavedRun() {
		r.t.Fatalf("SKIP_deploy is set but %s holds no saved run: run once with SKIP_teardown=1 first", r.ws.Dir)
	}
	loadRun(r)
}

// diagnose prints the Batch job reasons, ECS stopped-task reasons and log
// tails of the run, with a budget of its own (validate's may be spent), but
// ending by r.diagnoseBy: time past it belongs to teardown.
func diagnose(r *run) {
	ctx, cancel := context.WithTimeout(context.Background(), diagnoseTime)
	defer cancel()
	if !r.diagnoseBy.IsZero() {
		var cancelBy context.CancelFunc
		ctx, cancelBy = context.WithDeadline(ctx, r.diagnoseBy)
		defer cancelBy()
	}
	_ = r.progress.Stage("diagnostics", func() error {
		lines := r.cloud.Diagnostics(ctx, r)
		for _, l := range lines {
			r.t.Log(Redact("diagnostics: " + l))
		}
		if len(lines) == 0 {
			r.t.Log("diagnostics: nothing found")
		}
		return nil
	})
}

// teardown destroys the stack, deletes the run's certificate and audits the
// account for anything still carrying the run tag. The workspace is removed
// only when all three succeeded; otherwise it is kept (it holds the state).
func teardown(r *run) {
	t := r.t
	ctx, cancel := context.WithTimeout(context.Background(), r.destroyTime)
	defer cancel()
	if !r.teardownBy.IsZero() {
		var cancelBy context.CancelFunc
		ctx, cancelBy = context.WithDeadline(ctx, r.teardownBy)
		defer cancelBy()
	}
	if r.tf == nil && r.ws.HasSavedRun() {
		loadRun(r)
	}
	clean := true
	if r.tf != nil {
		if err := r.progress.Stage("destroy", func() error {
			_, err := terraform.DestroyContextE(t, ctx, r.tf)
			return err
		}); err != nil {
			clean = false
			t.Errorf("DESTROY FAILED: run %s (tag %s=%s, names starting %q) may remain in %s; state in %s; `make janitor` lists it: %s",
				r.names.RunID, RunTagKey, r.names.RunID, r.names.Prefix, r.region, r.ws.Dir, Redact(err.Error()))
		} else {
			r.destroyed = true
		}
	}
	if r.certARN != "" {
		// After a failed destroy the UI listener may still hold the
		// certificate, and ACM refuses to delete it for as long as it does:
		// wait briefly, so the audit keeps its time to list what was left.
		certCtx, certCancel := ctx, context.CancelFunc(func() {})
		if r.tf != nil && !r.destroyed {
			certCtx, certCancel = context.WithTimeout(ctx, r.certWaitAfterFailedDestroy)
		}
		err := r.progress.Stage("certificate-delete", func() error { return r.cloud.DeleteCertificate(certCtx, r.certARN) })
		certCancel()
		if err != nil {
			clean = false
			t.Errorf("the run's ACM certificate was not deleted: %s", Redact(err.Error()))
		}
	}
	if r.tf == nil {
		// Nothing was saved, so nothing was applied: the copy can go.
		r.progress.Note("teardown: nothing was deployed")
		if clean {
			_ = r.ws.Remove()
		}
		return
	}
	if err := r.progress.Stage("audit", func() error { return audit(ctx, r) }); err != nil {
		clean = false
		t.Errorf("LEFT AFTER DESTROY: %s", Redact(err.Error()))
	}
	if clean {
		if err := r.ws.Remove(); err != nil {
			r.progress.Note("removing workspace %s: %v", r.ws.Root, err)
		}
		return
	}
	r.progress.Note("workspace kept for cleaning up by hand: %s", r.ws.Root)
}

// audit lists what still carries the run tag, a few times: deletions take a
// while to reach the tagging API.
func audit(ctx context.Context, r *run) error {
	var left []string
	var err error
	for try := 1; try <= r.auditTries; try++ {
		left, err = r.cloud.Leftovers(ctx, r.names.RunID)
		if err == nil && len(left) == 0 {
			return nil
		}
		if try == r.auditTries {
			break
		}
		r.progress.Note("audit %d/%d: %d left, error %v; again in %s", try, r.auditTries, len(left), err, r.auditWait)
		select {
		case <-ctx.Done():
			return fmt.Errorf("audit of %s cut short: %w", r.names.RunID, ctx.Err())
		case <-time.After(r.auditWait):
		}
	}
	if err != nil {
		return fmt.Errorf("audit of run %s: %w", r.names.RunID, err)
	}
	return fmt.Errorf("%d resources tagged %s=%s remain:\n  %s", len(left), RunTagKey, r.names.RunID, strings.Join(left, "\n  "))
}
