package deploy

import (
	"io"
	"regexp"
	"testing"
)

func TestTerraformOptions(t *testing.T) {
	r := &run{
		runConfig: runConfig{
			ex:        example{name: "x", ui: true},
			names:     RunNames{RunID: "mfdt-abc123", Prefix: "mfdt-abc123", Suffix: "bam-abc123"},
			region:    "eu-west-1",
			ws:        Workspace{Dir: "/w/examples/x"},
			logOut:    io.Discard,
			retryWait: 42,
		},
		runResults: runResults{certARN: fakeCert, runnerIP: "198.51.100.7"},
	}
	o := terraformOptions(r)
	for k, want := range map[string]string{
		"AWS_REGION": "eu-west-1", "TF_VAR_region": "eu-west-1",
		"TF_VAR_resource_prefix": "mfdt-abc123", "TF_VAR_resource_suffix": "bam-abc123",
		"TF_VAR_ui_certificate_arn": fakeCert, "TF_VAR_ui_allow_list": `["198.51.100.7/32"]`,
	} {
		if o.EnvVars[k] != want {
			t.Errorf("%s = %q, want %q", k, o.EnvVars[k], want)
		}
	}
	if len(o.Vars) != 0 {
		t.Errorf("inputs as -var would be logged with the command line: %v", o.Vars)
	}
	if o.TerraformDir != "/w/examples/x" || o.MaxRetries != tfMaxRetries || o.TimeBetweenRetries != 42 {
		t.Errorf("options %+v", o)
	}
	matched := false
	for k := range o.RetryableTerraformErrors {
		if regexp.MustCompile(k).MatchString("Error: DependencyViolation: resource has a dependent object") {
			matched = true
		}
	}
	if !matched {
		t.Error("retryable errors not set on the options")
	}
	r.ex.ui = false
	if o := terraformOptions(r); o.EnvVars["TF_VAR_ui_allow_list"] != "" || o.EnvVars["TF_VAR_ui_certificate_arn"] != "" {
		t.Error("examples without a UI must not get UI inputs (they do not declare them)")
	}
	if got := hclStringList("a/32", "b/24"); got != `["a/32", "b/24"]` {
		t.Errorf("hclStringList = %s", got)
	}
}
