package deploy

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go/logging"
	"github.com/gruntwork-io/terratest/modules/files"
	"github.com/gruntwork-io/terratest/modules/logger"
	"github.com/gruntwork-io/terratest/modules/random"
	"github.com/gruntwork-io/terratest/modules/terraform"
	tttesting "github.com/gruntwork-io/terratest/modules/testing"

	"github.com/outerbounds/terraform-aws-metaflow/test/verify"
)

// Time budget of one deploy test. make test-aws runs go test -timeout 90m and
// the three tests in parallel. Apply and checks get what is left before the
// deadline minus destroyReserve, so the deferred destroy always has its time:
// when go test's own -timeout fires it panics and no defer runs.
const (
	minTestTime    = 75 * time.Minute
	destroyReserve = 30 * time.Minute
	gateTimeout    = 15 * time.Second
	repoRoot       = "../.."
	defaultRegion  = "us-west-2"
)

// example is one deploy test: which example, what it needs from the person
// running it, and the checks to run after apply.
type example struct {
	name string
	dir  string // relative to the repository root
	// env lists environment variables the example needs (name -> what for).
	env map[string]string
	// vars adds example inputs beyond region and resource_prefix.
	vars   func(r *run) map[string]any
	checks []check
}

type check struct {
	name    string
	timeout time.Duration
	fn      func(ctx context.Context, r *run) error
}

// run is the state of one deploy test shared by its checks.
type run struct {
	t          tester
	prefix     string
	region     string
	cfg        aws.Config
	dir        string
	tf         *terraform.Options // logs terraform's output
	quiet      *terraform.Options // same, Terratest logging discarded: outputs and state hold secrets
	out        StackOutputs
	secrets    StackSecrets
	exampleOut map[string]any // the example's own outputs; never logged whole (some are sensitive)
	progress   *Progress
	http       *http.Client

	queue     *verify.QueueReport // set by the batch check for the smoke job
	destroyed bool                // set when terraform destroy succeeded
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

// gate skips the test with a one-line reason unless it can really run.
func gate(t *testing.T, ex example, region string) aws.Config {
	t.Helper()
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
	if problem := RegistryProblem(context.Background(), gateTimeout, http.DefaultClient, RegistryDiscoveryURL); problem != "" {
		t.Skip(registrySkip + problem)
	}
	deadline, ok := t.Deadline()
	if problem := DeadlineProblem(deadline, ok, time.Now(), minTestTime); problem != "" {
		t.Skip(problem)
	}
	for env, why := range ex.env {
		if os.Getenv(env) == "" {
			t.Skipf("deploy: %s needs %s (%s); it is not set", ex.name, env, why)
		}
	}
	return cfg
}

// tester is what lifecycle needs from *testing.T; the offline harness test
// passes a fake to watch apply fail and destroy still run.
type tester interface {
	tttesting.TestingT
	Log(args ...any)
}

// runExample gates, sets up a copy of the example and runs its lifecycle.
func runExample(t *testing.T, ex example) {
	t.Parallel()
	region := testRegion()
	cfg := gate(t, ex, region)

	// Unique per run so parallel runs and leftovers never collide; the
	// resource_prefix rule wants a lowercase start.
	prefix := "mfdt-" + strings.ToLower(random.UniqueID())
	r := &run{
		t:        t,
		prefix:   prefix,
		region:   region,
		cfg:      cfg,
		progress: NewProgress(ex.name+" "+prefix, func(format string, args ...any) { t.Log(Redact(fmt.Sprintf(format, args...))) }, nil),
		http:     &http.Client{Timeout: 30 * time.Second},
	}
	r.progress.Note("region %s; every resource name starts with %q (delete by hand if destroy fails)", region, prefix)

	// The whole repository is copied (the example calls the root module as
	// ../..), without .terraform dirs, state or tfvars.
	root, err := files.CopyTerraformFolderToTemp(repoRoot, "deploy-"+ex.name)
	if err != nil {
		t.Fatalf("copying the repository: %v", err)
	}
	r.dir = filepath.Join(root, ex.dir)
	if err := os.WriteFile(filepath.Join(r.dir, InjectedOutputsFile), []byte(InjectedOutputsHCL()), 0o644); err != nil {
		t.Fatalf("writing %s: %v", InjectedOutputsFile, err)
	}

	vars := map[string]any{"region": region, "resource_prefix": prefix}
	if ex.vars != nil {
		for k, v := range ex.vars(r) {
			vars[k] = v
		}
	}
	// Inputs go in as TF_VAR_ variables: Terratest logs command lines, not
	// the environment, and an input such as a certificate ARN carries the
	// account id.
	env := map[string]string{"AWS_REGION": region, "TF_IN_AUTOMATION": "1"}
	for k, v := range vars {
		s, ok := v.(string)
		if !ok {
			t.Fatalf("input %s: only string inputs are passed (got %T)", k, v)
		}
		env["TF_VAR_"+k] = s
	}
	r.tf = terraform.WithDefaultRetryableErrors(t, &terraform.Options{
		TerraformDir: r.dir,
		NoColor:      true,
		EnvVars:      env,
		Logger:       RedactingLogger(os.Stdout),
	})
	quiet, err := r.tf.Clone()
	if err != nil {
		t.Fatalf("cloning terraform options: %v", err)
	}
	quiet.Logger = logger.Discard
	r.quiet = quiet

	deadline, hasDeadline := t.Deadline()
	if !hasDeadline {
		deadline = time.Now().Add(minTestTime)
	}
	// The copy holds the state and the providers (hundreds of MB): keep it
	// only when destroy failed, for cleaning up by hand.
	defer func() {
		if r.destroyed {
			_ = os.RemoveAll(root)
		}
	}()
	lifecycle(t, r, ex, deadline.Add(-destroyReserve), destroyReserve-time.Minute)
}

// lifecycle applies, reads outputs, runs the checks until checksDeadline,
// and always destroys (with destroyTime of its own).
func lifecycle(t tester, r *run, ex example, checksDeadline time.Time, destroyTime time.Duration) {
	// Ctrl-C cancels apply and checks, and the destroy below still runs.
	// (Terratest kills terraform when its context ends, so anything being
	// created at that moment may be left behind: look for the prefix.)
	sigCtx, stopSignals := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stopSignals()
	ctx, cancel := context.WithDeadline(sigCtx, checksDeadline)
	defer cancel()

	// Registered before apply: whatever happens next, the stack is destroyed.
	defer func() {
		cancel()
		stopSignals() // a second Ctrl-C during destroy ends the process
		_ = r.progress.Stage("destroy", func() error { return destroy(t, r, destroyTime) })
		t.Log(Redact(r.progress.Summary()))
	}()

	if err := r.progress.Stage("apply", func() error {
		_, err := terraform.InitAndApplyContextE(t, ctx, r.tf)
		return err
	}); err != nil {
		t.Fatalf("apply of %s failed: %s", ex.dir, Redact(err.Error()))
	}

	if err := r.progress.Stage("outputs", func() error { return readOutputs(ctx, r) }); err != nil {
		t.Fatalf("reading outputs: %s", Redact(err.Error()))
	}

	for _, c := range ex.checks {
		cctx, ccancel := context.WithTimeout(ctx, c.timeout)
		err := r.progress.Stage(c.name, func() error { return c.fn(cctx, r) })
		ccancel()
		if err != nil {
			t.Errorf("%s: %s", c.name, Redact(err.Error()))
		}
		if ctx.Err() != nil {
			t.Errorf("stopping checks: %v", context.Cause(ctx))
			return
		}
	}
}

// destroy runs terraform destroy with the reserved time, retrying once:
// VPC-attached Lambda ENIs and ECS services sometimes keep a security group
// or subnet busy past the first attempt.
func destroy(t tester, r *run, timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	var errs []error
	for attempt := 1; attempt <= 2; attempt++ {
		_, err := terraform.DestroyContextE(t, ctx, r.tf)
		if err == nil {
			r.destroyed = true
			return nil
		}
		errs = append(errs, err)
		r.progress.Note("destroy attempt %d failed: %v", attempt, err)
		if ctx.Err() != nil {
			break
		}
	}
	err := errors.Join(errs...)
	t.Errorf("DESTROY FAILED: resources whose names start with %q may remain in %s; remove them by hand (state: %s): %s",
		r.prefix, r.region, r.dir, Redact(err.Error()))
	return err
}

// readOutputs reads every output with Terratest's logger discarded (the JSON
// holds sensitive values in clear) and keeps what the checks need.
func readOutputs(ctx context.Context, r *run) error {
	all, err := terraform.OutputAllContextE(r.t, ctx, r.quiet)
	if err != nil {
		return err
	}
	r.out, r.secrets, err = ParseStackOutputs(all)
	if err != nil {
		return err
	}
	r.exampleOut = all
	r.progress.Note("queue=%q service_url=%q bucket=%q ui_alb=%q eks=%q api_key=%s",
		r.out.BatchJobQueue, r.out.ServiceURL, r.out.BucketName, r.out.UIALBDNSName, r.out.EKSClusterName,
		verify.MaskSecret(r.secrets.ServiceAuthKey))
	return nil
}
