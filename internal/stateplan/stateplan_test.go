package stateplan

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// testdata/plan.json is `terraform show -json` of a real plan (terraform
// 1.11, terraform_data resources): b moved from a, c replaced through
// triggers_replace, d deleted, e created, u updated in place.
func TestParse(t *testing.T) {
	b, err := os.ReadFile("testdata/plan.json")
	if err != nil {
		t.Fatal(err)
	}
	r, err := Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]struct {
		action  Action
		moved   bool
		replace string
		changed string
	}{
		"terraform_data.b": {NoOp, true, "", ""},
		"terraform_data.c": {Replace, false, "triggers_replace", "id,output,triggers_replace"},
		"terraform_data.d": {Delete, false, "", ""},
		"terraform_data.e": {Create, false, "", ""},
		"terraform_data.u": {Update, false, "", "input,output"},
	}
	if len(r.Changes) != len(want) {
		t.Fatalf("changes = %+v", r.Changes)
	}
	for _, c := range r.Changes {
		w, ok := want[c.Address]
		if !ok {
			t.Errorf("unexpected change %+v", c)
			continue
		}
		if c.Action != w.action || c.Moved() != w.moved || strings.Join(c.ReplacePaths, ",") != w.replace || strings.Join(c.Changed, ",") != w.changed {
			t.Errorf("%s = %+v, want %+v", c.Address, c, w)
		}
	}
	if got := r.Summary(); got != "Plan: 2 to add, 1 to change, 2 to destroy (1 replaced); 1 moved" {
		t.Errorf("Summary() = %q", got)
	}
	if c, ok := r.Find("terraform_data.a"); !ok || c.Address != "terraform_data.b" {
		t.Errorf("Find(previous address) = %+v, %v", c, ok)
	}
	if r.Outputs["kept"] != "kept" || len(r.OutputsUnknown) != 1 || r.OutputsUnknown[0] != "later" || r.PriorOutputs["kept"] != "kept" {
		t.Errorf("outputs = %v, unknown %v, prior %v", r.Outputs, r.OutputsUnknown, r.PriorOutputs)
	}
}

func TestFormatPath(t *testing.T) {
	for path, want := range map[string]string{
		`["compute_resources",0,"instance_type"]`: "compute_resources[0].instance_type",
		`["tags","kubernetes.io/role"]`:           `tags["kubernetes.io/role"]`,
		`["name"]`:                                "name",
	} {
		var p any
		if err := json.Unmarshal([]byte(path), &p); err != nil {
			t.Fatal(err)
		}
		if got := formatPath(p); got != want {
			t.Errorf("formatPath(%s) = %q, want %q", path, got, want)
		}
	}
}

func TestStateJSON(t *testing.T) {
	s := NewState()
	aws := "registry.terraform.io/hashicorp/aws"
	for _, a := range []struct {
		address string
		attrs   map[string]any
	}{
		{"module.metaflow.module.metaflow-datastore.aws_db_instance.this[0]", map[string]any{"id": "db"}},
		{"module.metaflow.aws_iam_role.batch_s3_task_role", map[string]any{"id": "role"}},
		{`module.metaflow.module.x["k"].aws_s3_bucket.this`, map[string]any{"id": "b"}},
		{`module.metaflow.aws_iam_role_policy.p["read"]`, map[string]any{"id": "p"}},
	} {
		if err := s.Add(a.address, aws, 1, a.attrs); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Add("module.metaflow.aws_iam_role.batch_s3_task_role", aws, 0, nil); err == nil {
		t.Error("adding an instance twice must fail")
	}
	if err := s.Add("data.aws_region.current", aws, 0, nil); err == nil {
		t.Error("a data source address must be refused")
	}
	s.SetOutput("METAFLOW_BATCH_JOB_QUEUE", "arn:aws:batch:eu-west-1:123456789012:job-queue/metaflow", false)
	out, err := s.JSON()
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Version   int `json:"version"`
		Resources []struct {
			Module, Type, Name, Each, Provider string
			Instances                          []struct {
				IndexKey      any   `json:"index_key"`
				SchemaVersion int64 `json:"schema_version"`
			}
		}
		Outputs map[string]struct{ Value any }
	}
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Version != 4 || len(doc.Resources) != 4 || doc.Outputs["METAFLOW_BATCH_JOB_QUEUE"].Value == nil {
		t.Fatalf("state = %s", out)
	}
	got := map[string]string{}
	for _, r := range doc.Resources {
		got[r.Module+" "+r.Type+"."+r.Name] = r.Each
		if r.Provider != `provider["registry.terraform.io/hashicorp/aws"]` {
			t.Errorf("provider = %s", r.Provider)
		}
	}
	if got["module.metaflow.module.metaflow-datastore aws_db_instance.this"] != "list" || got[`module.metaflow.module.x["k"] aws_s3_bucket.this`] != "" || got["module.metaflow aws_iam_role.batch_s3_task_role"] != "" || got["module.metaflow aws_iam_role_policy.p"] != "map" {
		t.Errorf("resources = %v", got)
	}
}

func TestStateSensitiveAttributes(t *testing.T) {
	s := NewState()
	if err := s.Add("module.m.random_password.this", "registry.terraform.io/hashicorp/random", 3, map[string]any{"result": "x"}, "result", "bcrypt_hash"); err != nil {
		t.Fatal(err)
	}
	out, err := s.JSON()
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Resources []struct {
			Instances []struct {
				Sensitive []any `json:"sensitive_attributes"`
			}
		}
	}
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	got, _ := json.Marshal(doc.Resources[0].Instances[0].Sensitive)
	want := `[[{"type":"get_attr","value":"result"}],[{"type":"get_attr","value":"bcrypt_hash"}]]`
	if string(got) != want {
		t.Errorf("sensitive_attributes = %s, want %s", got, want)
	}
}

func TestErrorPart(t *testing.T) {
	for in, want := range map[string]string{
		"Terraform will perform...\n  + resource\n\nError: Invalid value\n  on main.tf": "Error: Invalid value\n  on main.tf",
		"exit status 1 without a diagnostic":                                            "exit status 1 without a diagnostic",
	} {
		if got := errorPart(in); got != want {
			t.Errorf("errorPart(%q) = %q, want %q", in, got, want)
		}
	}
}
