package deploy

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go/logging"
	"github.com/gruntwork-io/terratest/modules/random"
	test_structure "github.com/gruntwork-io/terratest/modules/test-structure"
	tttesting "github.com/gruntwork-io/terratest/modules/testing"
)

// Time budget of one deploy test. make test-aws runs go test -timeout 120m
// and the tests in parallel. Deploy and validate get what is left before the
// deadline minus destroyReserve, so the deferred teardown always has its
// time: when go test's own -timeout fires it panics and no defer runs.
const (
	minTestTime    = 100 * time.Minute
	destroyReserve = 35 * time.Minute
	// teardownTime bounds teardown (destroy, certificate, audit); the rest
	// of destroyReserve is the slack diagnostics may use after validate ran
	// out of time.
	teardownTime = destroyReserve - time.Minute
	// Diagnostics after a failed validate take at most diagnoseTime and end
	// at most diagnoseSlack after the checks' deadline (within the slack).
	diagnoseTime  = 3 * time.Minute
	diagnoseSlack = 30 * time.Second
	// teardownMargin: teardown ends this long before go test's deadline, so
	// a destroy cut short is reported (DESTROY FAILED, workspace kept)
	// instead of lost in the -timeout panic.
	teardownMargin = 30 * time.Second
	gateTimeout    = 15 * time.Second
	repoRoot       = "../.."
	defaultRegion  = "us-west-2"
)

// Opt-in switches.
const (
	eksOptIn = "METAFLOW_TEST_EKS" // =1 runs basic-eks (EKS control plane and nodes: the costliest)
	e2eOptIn = "METAFLOW_TEST_E2E" // =1 runs a real Metaflow flow after validate
	// =1 says the runner is inside the stack's VPC (or on its VPN), where
	// the EKS services' internal load balancers and a private metadata API
	// answer.
	inVPCOptIn = "METAFLOW_TEST_RUNNER_IN_VPC"
)

// example is one deploy test.
type example struct {
	name  string
	short string // goes into the run id and resource_suffix
	dir   string // relative to the repository root
	// optIn names an environment variable that must be 1 for the test to run.
	optIn string
	// ui: the example serves the UI (needs a certificate and an allow list).
	ui bool
	// batch: the example has a Batch queue (the optional E2E flow uses it).
	batch bool
	// kubernetes: the example runs Metaflow's steps on its EKS cluster,
	// with Argo Workflows (the optional E2E flows use both).
	kubernetes bool
	// inputs are module "metaflow" arguments the override sets beyond CostInputs.
	inputs []Input
	checks []check
}

type check struct {
	name    string
	timeout time.Duration
	fn      func(ctx context.Context, r *run) error
}

// tester is what the stages need from *testing.T; the offline lifecycle
// tests pass a fake to watch failures and still see teardown run.
type tester interface {
	tttesting.TestingT
	Log(args ...any)
	Skipf(format string, args ...any)
}

// testRegion is where the stacks go: AWS_REGION, then AWS_DEFAULT_REGION, else us-west-2.
func testRegion() string {
	for _, k := range []string{"AWS_REGION", "AWS_DEFAULT_REGION"} {
		if v := os.Getenv(k); v != "" {
			return v
		}
	}
	return defaultRegion
}

// optInProblem returns the skip line of an example that is not switched on.
func optInProblem(ex example, getenv func(string) string) string {
	if ex.optIn == "" || getenv(ex.optIn) == "1" {
		return ""
	}
	return "deploy: " + ex.name + " runs only with " + ex.optIn + "=1 (the slowest and costliest example: EKS control plane, nodes and a NAT gateway for about an hour)"
}

// gate skips the test with a one-line reason unless it can really run.
func gate(t *testing.T, ex example, region string) aws.Config {
	t.Helper()
	if problem := optInProblem(ex, os.Getenv); problem != "" {
		t.Skip(problem)
	}
	cfg, problem := CredentialsProblem(context.Background(), gateTimeout,
		func(ctx context.Context) (aws.Config, error) {
			// The SDK's IMDS fallback warnings would clutter every offline run.
			return config.LoadDefaultConfig(ctx, config.WithRegion(region), config.WithLogger(logging.Nop{}))
		},
		func(cfg aws.Config) IdentityAPI { return sts.NewFromConfig(cfg) },
	)
	if problem != "" {
		t.Skip(credentialsSkip + problem)
	}
	// A teardown-only run (SKIP_deploy) uses the providers already in the workspace.
	if os.Getenv("SKIP_deploy") == "" {
		if problem := RegistryProblem(context.Background(), gateTimeout, http.DefaultClient, RegistryDiscoveryURL); problem != "" {
			t.Skip(registrySkip + problem)
		}
	}
	deadline, ok := t.Deadline()
	if problem := DeadlineProblem(deadline, ok, time.Now(), minTestTime); problem != "" {
		t.Skip(problem)
	}
	return cfg
}

// runExample gates, prepares the run and runs its stages.
func runExample(t *testing.T, ex example) {
	t.Parallel()
	region := testRegion()
	cfg := gate(t, ex, region)

	names, err := NewRunNames(ex.short, random.UniqueID())
	if err != nil {
		t.Fatal(err)
	}
	ws, err := NewWorkspace(ex.name, ex.dir, test_structure.SkipStageEnvVarSet())
	if err != nil {
		t.Fatal(err)
	}
	source, err := filepath.Abs(repoRoot)
	if err != nil {
		t.Fatal(err)
	}
	deadline, hasDeadline := t.Deadline()
	if !hasDeadline {
		deadline = time.Now().Add(minTestTime)
	}
	r := newRun(t, ex, names, region, ws, source, os.Stdout)
	r.cfg = cfg
	r.cloud = newAWSCloud(cfg, r.progress.Note)
	r.destroyTime = teardownTime
	if hasDeadline {
		// Whatever ran late before it (a smoke job's cleanup, the UI
		// allow-list restore), teardown stops in time to report.
		r.teardownBy = deadline.Add(-teardownMargin)
	}
	runStages(t, r, deadline.Add(-destroyReserve))
}

// newRun is a run before any stage: fresh names, nothing loaded.
func newRun(t tester, ex example, names RunNames, region string, ws Workspace, source string, logOut io.Writer) *run {
	r := &run{
		runConfig: runConfig{
			ex:        ex,
			names:     names,
			region:    region,
			ws:        ws,
			source:    source,
			logOut:    logOut,
			retryWait: tfTimeBetweenRetries,
			auditWait: time.Minute,
			// Security-group changes reach new connections within seconds.
			uiRevokeGrace: 2 * time.Minute,
			uiRevokePoll:  15 * time.Second,
			auditTries:    5,
		},
		runDeadlines: runDeadlines{
			destroyTime: 30 * time.Minute,
			// A listener deleted before destroy failed frees it within a minute or two.
			certWaitAfterFailedDestroy: 2 * time.Minute,
		},
		t:    t,
		http: &http.Client{Timeout: 30 * time.Second},
	}
	r.progress = NewProgress(ex.name, func(format string, args ...any) { t.Log(Redact(fmt.Sprintf(format, args...))) }, nil)
	return r
}
