package deploy

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/outerbounds/terraform-aws-metaflow/test/verify"
)

// e2e runs a real two-step Metaflow flow with --with batch against the
// stack (METAFLOW_TEST_E2E=1; the stage can also be skipped with
// SKIP_e2e=1) and reads the run back through the metadata API. Whoever set
// METAFLOW_TEST_E2E=1 asked for this proof, so a runner without python3 or
// the metaflow package fails with what to install rather than passing
// without it.
func e2e(ctx context.Context, r *run) {
	t := r.t
	requireRun(r)
	err := r.progress.Stage("e2e", func() error {
		if r.out.ProfileJSON == "" {
			if err := readOutputs(ctx, r); err != nil {
				return err
			}
		}
		profile, err := e2eProfile(ctx, r)
		if err != nil {
			return err
		}
		dir := filepath.Join(r.ws.Root, "e2e")
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return err
		}
		res, err := verify.RunE2EFlow(ctx, verify.E2EFlow{
			WorkDir: dir,
			Profile: profile,
			Timeout: 30 * time.Minute,
			Logf:    func(f string, a ...any) { t.Log(Redact(fmt.Sprintf(f, a...))) },
		})
		if err != nil {
			return err
		}
		return verify.CheckE2ERun(ctx, r.http, r.out.ServiceURL, r.apiKey, res)
	})
	var skip *verify.E2ESkip
	switch {
	case errors.As(err, &skip):
		t.Errorf("e2e: %s=1 asks for a Metaflow flow end to end, which cannot run on this machine: %s (or unset %s)", e2eOptIn, skip.Reason, e2eOptIn)
	case err != nil:
		t.Errorf("e2e: %s", Redact(err.Error()))
		diagnose(r)
	}
}

// e2eProfile is the module's profile plus the API key: what a user puts in
// ~/.metaflowconfig.
func e2eProfile(ctx context.Context, r *run) ([]byte, error) {
	profile, err := r.out.Profile()
	if err != nil {
		return nil, err
	}
	if _, err := serviceHeaders(ctx, r); err != nil {
		return nil, err
	}
	if r.apiKey != "" {
		profile["METAFLOW_SERVICE_AUTH_KEY"] = r.apiKey
	}
	return json.Marshal(profile)
}
