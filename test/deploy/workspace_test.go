package deploy

import (
	"os"
	"path/filepath"
	"testing"
)

func TestWorkspace(t *testing.T) {
	src := t.TempDir()
	for path, body := range map[string]string{
		"main.tf":                            "# root",
		"examples/x/main.tf":                 "# example",
		"examples/x/terraform.tfstate":       "{}",
		"examples/x/.terraform/providers/p":  "binary",
		".git/HEAD":                          "ref",
		"examples/x/.terraform.lock.hcl":     "# lock",
		"examples/x/terraform.tfvars":        "x = 1",
		"modules/m/README.md":                "# docs",
		"examples/x/.test-data/RunID.json":   `"old"`,
		"examples/x/tests/x.tftest.hcl":      "# test",
		"examples/x/zz_deploy_test_extra.tf": "# generated",
	} {
		p := filepath.Join(src, path)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ws, err := NewWorkspace("x", "examples/x", false)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Remove()
	// State of an earlier run in the workspace must survive a new copy.
	if err := os.MkdirAll(ws.Dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(ws.Dir, "terraform.tfstate"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := ws.Populate(src); err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]bool{
		"main.tf": true, "examples/x/main.tf": true, "modules/m/README.md": true, "examples/x/.terraform.lock.hcl": true,
		"examples/x/tests/x.tftest.hcl": true, ".git/HEAD": false, "examples/x/.terraform/providers/p": false,
		"examples/x/terraform.tfvars": false, "examples/x/.test-data/RunID.json": false,
	} {
		if _, err := os.Stat(filepath.Join(ws.Root, path)); (err == nil) != want {
			t.Errorf("%s copied = %t, want %t", path, err == nil, want)
		}
	}
	if state, _ := os.ReadFile(filepath.Join(ws.Dir, "terraform.tfstate")); string(state) != "mine" {
		t.Errorf("the workspace's own state was overwritten: %q", state)
	}
	if ws.HasSavedRun() {
		t.Error("no run saved yet")
	}

	stable, err := NewWorkspace("x", "examples/x", true)
	if err != nil {
		t.Fatal(err)
	}
	again, _ := NewWorkspace("x", "examples/x", true)
	if stable.Root != again.Root || filepath.Dir(stable.Root) != StableWorkspaceRoot() {
		t.Errorf("stable workspace moves between invocations: %s vs %s", stable.Root, again.Root)
	}
	other, _ := NewWorkspace("x", "examples/x", false)
	defer other.Remove()
	if other.Root == ws.Root {
		t.Error("temporary workspaces must differ per run")
	}
	_ = stable.Remove()
}
