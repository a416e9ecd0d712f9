package upgrade

import (
	"archive/zip"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/outerbounds/terraform-aws-metaflow/internal/stateplan"
	"github.com/outerbounds/terraform-aws-metaflow/internal/tfschema"
	"github.com/outerbounds/terraform-aws-metaflow/internal/tfworkspace"
)

// callerConfig is the root configuration of an old stack's caller after the
// upgrade: the module block with its old inputs, sourced from the copy of
// our tree, and outputs carrying what deployed flows and clients hold.
func callerConfig(s Stack, stsURL string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `provider "aws" {
  region                      = %q
  access_key                  = "AKIAIOSFODNN7EXAMPLE"
  secret_key                  = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  skip_region_validation      = true

  endpoints {
    sts = %q
  }
}

module "metaflow" {
  source = "../tree"
`, Region, stsURL)
	in := s.Inputs()
	keys := make([]string, 0, len(in))
	for k := range in {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(&b, "  %s = %s\n", k, hclValue(in[k]))
	}
	b.WriteString("}\n")
	for _, o := range keptOutputs {
		sensitive := ""
		if o == "METAFLOW_SERVICE_AUTH_KEY" {
			sensitive = "\n  sensitive = true"
		}
		fmt.Fprintf(&b, "\noutput %q {\n  value = module.metaflow.%s%s\n}\n", o, o, sensitive)
	}
	b.WriteString("\noutput \"profile\" {\n  value = jsondecode(module.metaflow.metaflow_aws_managed_profile_json)\n}\n")
	return b.String()
}

// keptOutputs are the outputs whose values deployed flows, schedules and
// clients hold: the upgrade must leave each as it was.
var keptOutputs = []string{
	"METAFLOW_SERVICE_URL", "METAFLOW_SERVICE_INTERNAL_URL", "METAFLOW_SERVICE_AUTH_KEY", "METAFLOW_BATCH_JOB_QUEUE",
	"METAFLOW_ECS_S3_ACCESS_IAM_ROLE", "METAFLOW_SFN_IAM_ROLE", "METAFLOW_EVENTS_SFN_ACCESS_IAM_ROLE",
	"METAFLOW_SFN_DYNAMO_DB_TABLE", "METAFLOW_DATASTORE_SYSROOT_S3", "metaflow_s3_bucket_name", "metaflow_batch_container_image",
	"ui_alb_dns_name",
}

// Upgrade is one plan of an old stack's state with this module.
type Upgrade struct {
	Stack  Stack
	State  *OldState
	Report *stateplan.Report
}

// PlanUpgrade writes the caller configuration and the old state of s into a
// directory of the workspace and plans it.
func PlanUpgrade(ctx context.Context, ws *tfworkspace.Workspace, facts *Facts, schema *tfschema.Provider, s Stack, stsURL string) (*Upgrade, error) {
	old, err := BuildOldState(facts, schema, s)
	if err != nil {
		return nil, err
	}
	state, err := old.State.JSON()
	if err != nil {
		return nil, err
	}
	rel := "caller-" + strings.ReplaceAll(s.Name, "/", "-")
	dir := filepath.Join(ws.Dir, rel)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(callerConfig(s, stsURL)), 0o644); err != nil {
		return nil, err
	}
	if err := writeMigrationZip(filepath.Join(dir, "db_migrate.zip")); err != nil {
		return nil, err
	}
	report, err := stateplan.Plan(ctx, ws, rel, dir, state, nil)
	if keep := os.Getenv("METAFLOW_UPGRADE_KEEP"); keep != "" && err == nil {
		// For a person reading a plan: the caller, its state and plan.
		_ = os.MkdirAll(filepath.Join(keep, rel), 0o755)
		for name, b := range map[string][]byte{"main.tf": []byte(callerConfig(s, stsURL)), "terraform.tfstate": state, "plan.json": report.JSON} {
			_ = os.WriteFile(filepath.Join(keep, rel, name), b, 0o600)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", s.Name, err)
	}
	return &Upgrade{Stack: s, State: old, Report: report}, nil
}

// writeMigrationZip stands in for the migration Lambda's code, which v0.12
// callers could give as db_migrate_lambda_zip_file: planning the module's
// own archive_file needs the archive provider binary, which is not here.
func writeMigrationZip(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := zip.NewWriter(f)
	e, err := w.Create("index.py")
	if err == nil {
		_, err = e.Write([]byte("def handler(event, context):\n    return {}\n"))
	}
	if err == nil {
		err = w.Close()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
