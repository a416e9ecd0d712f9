package deploy

import (
	"io"
	"net/http"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/gruntwork-io/terratest/modules/logger"
	"github.com/gruntwork-io/terratest/modules/terraform"
	test_structure "github.com/gruntwork-io/terratest/modules/test-structure"

	"github.com/outerbounds/terraform-aws-metaflow/test/verify"
)

// run is the state of one deploy test shared by its stages and checks.
// What a later invocation needs (SKIP_deploy) is saved in the workspace's
// .test-data by saveRun and read back by loadRun.
type run struct {
	runConfig
	runResults
	runDeadlines

	t        tester
	cloud    cloud
	progress *Progress
	http     *http.Client
}

// runConfig is what a run is configured with before its first stage.
type runConfig struct {
	ex       example
	names    RunNames
	region   string
	cfg      aws.Config
	ws       Workspace
	source   string            // the repository copied into the workspace
	logOut   io.Writer         // where terraform's output goes (os.Stdout in real runs)
	tfBinary string            // "" is terraform; the offline tests use the fake
	extraEnv map[string]string // added to terraform's environment (the fake's settings)

	tf    *terraform.Options // logs terraform's output
	quiet *terraform.Options // same, Terratest logging discarded: outputs and state hold secrets

	retryWait time.Duration // terraform retry pause (short in offline tests)
	auditWait time.Duration // pause between leak audits while AWS catches up
	// How long the UI may stay reachable once its allow list stops
	// admitting the runner, and how often to probe meanwhile.
	uiRevokeGrace, uiRevokePoll time.Duration
	auditTries                  int
}

// runResults is what a run has produced so far: what deploy made and the
// checks read, and whether it is gone again.
type runResults struct {
	certARN  string // the run's imported UI certificate
	runnerIP string // the test runner's public IPv4, admitted by ui_allow_list
	apiKey   string // the metadata API key (never logged)

	out        StackOutputs
	secrets    StackSecrets
	exampleOut map[string]any      // the example's own outputs; never logged whole (some are sensitive)
	queue      *verify.QueueReport // set by the batch check for the smoke job
	destroyed  bool
}

// runDeadlines is when a run must stop what it is doing.
type runDeadlines struct {
	destroyTime time.Duration
	// teardownBy, when set, ends teardown even if destroyTime is not used
	// up: past it go test's -timeout panics, and nothing would be reported.
	teardownBy time.Time
	diagnoseBy time.Time // diagnostics end by then (set by runStages)
	// How long teardown retries deleting the certificate when destroy
	// failed (the listener holding it may never go away).
	certWaitAfterFailedDestroy time.Duration
}

// Names of the values saved between invocations.
const (
	savedRunID    = "RunID"
	savedPrefix   = "Prefix"
	savedSuffix   = "Suffix"
	savedRegion   = "Region"
	savedCert     = "CertificateARN"
	savedRunnerIP = "RunnerIP"
)

// terraformOptions builds the options of the run. Inputs go in as TF_VAR_
// variables: Terratest logs command lines, and a certificate ARN carries the
// account id (the saved options are logged redacted).
func terraformOptions(r *run) *terraform.Options {
	env := map[string]string{
		"AWS_REGION":             r.region,
		"TF_IN_AUTOMATION":       "1",
		"TF_VAR_region":          r.region,
		"TF_VAR_resource_prefix": r.names.Prefix,
		"TF_VAR_resource_suffix": r.names.Suffix,
	}
	for k, v := range r.extraEnv {
		env[k] = v
	}
	if r.ex.ui {
		env["TF_VAR_ui_certificate_arn"] = r.certARN
		env["TF_VAR_ui_allow_list"] = hclStringList(r.runnerIP + "/32")
	}
	return &terraform.Options{
		TerraformBinary:          r.tfBinary,
		TerraformDir:             r.ws.Dir,
		NoColor:                  true,
		EnvVars:                  env,
		Logger:                   RedactingLogger(r.logOut),
		RetryableTerraformErrors: RetryableErrors(),
		MaxRetries:               tfMaxRetries,
		TimeBetweenRetries:       r.retryWait,
	}
}

// hclStringList renders a list(string) TF_VAR_ value.
func hclStringList(items ...string) string {
	s := "["
	for i, it := range items {
		if i > 0 {
			s += ", "
		}
		s += `"` + it + `"`
	}
	return s + "]"
}

// setOptions installs tf and its quiet twin.
func setOptions(r *run, tf *terraform.Options) {
	tf.Logger = RedactingLogger(r.logOut)
	r.tf = tf
	quiet, err := tf.Clone()
	if err != nil {
		r.t.Fatalf("cloning terraform options: %v", err)
	}
	quiet.Logger = logger.Discard
	r.quiet = quiet
}

// saveRun records the run in the workspace before anything is created, so
// a later invocation (SKIP_deploy=1) validates or tears down this very run.
func saveRun(r *run) {
	d := r.ws.Dir
	test_structure.SaveTerraformOptions(r.t, d, r.tf)
	for name, v := range map[string]string{
		savedRunID: r.names.RunID, savedPrefix: r.names.Prefix, savedSuffix: r.names.Suffix,
		savedRegion: r.region, savedCert: r.certARN, savedRunnerIP: r.runnerIP,
	} {
		test_structure.SaveString(r.t, d, name, v)
	}
}

// loadRun reads back what saveRun recorded.
func loadRun(r *run) {
	d := r.ws.Dir
	setOptions(r, test_structure.LoadTerraformOptions(r.t, d))
	r.names = RunNames{
		RunID:  test_structure.LoadString(r.t, d, savedRunID),
		Prefix: test_structure.LoadString(r.t, d, savedPrefix),
		Suffix: test_structure.LoadString(r.t, d, savedSuffix),
	}
	r.region = test_structure.LoadString(r.t, d, savedRegion)
	r.certARN = test_structure.LoadString(r.t, d, savedCert)
	r.runnerIP = test_structure.LoadString(r.t, d, savedRunnerIP)
	r.progress.Note("loaded run %s (names %q...%q, region %s) saved in %s", r.names.RunID, r.names.Prefix, r.names.Suffix, r.region, d)
}
