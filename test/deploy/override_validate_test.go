package deploy

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestOverrideValidatesOffline proves with real Terraform, offline, that the
// files a run writes merge into the examples: it prepares a workspace as a
// run does (override and outputs files in every example) and runs
// tools/offline-validate (terraform validate against schema-only providers)
// on it. A copy of examples/minimal whose override sets a KMS window below
// the root's minimum must fail on that line, so a pass means Terraform
// really merged and evaluated the override. (Undeclared arguments are
// caught statically by TestOverrideMatchesRootModule.)
func TestOverrideValidatesOffline(t *testing.T) {
	if _, err := exec.LookPath("terraform"); err != nil {
		t.Skip("needs terraform on PATH (make setup says how to install it)")
	}
	repo, err := filepath.Abs(repoRoot)
	if err != nil {
		t.Fatal(err)
	}
	ws, err := NewWorkspace("override-validate", "", false)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Remove()
	if err := ws.Populate(repo); err != nil {
		t.Fatal(err)
	}
	var dirs []string
	for _, ex := range deployExamples() {
		r := &run{runConfig: runConfig{ex: ex, names: RunNames{RunID: "mfdt-abc123-" + ex.short}, ws: Workspace{Root: ws.Root, Dir: filepath.Join(ws.Root, ex.dir)}, source: repo}}
		if err := prepareWorkspace(r); err != nil {
			t.Fatal(err)
		}
		dirs = append(dirs, ex.dir)
	}
	broken := filepath.Join(ws.Root, "examples", "zz-broken-override")
	if err := os.CopyFS(broken, os.DirFS(filepath.Join(ws.Root, "examples/minimal"))); err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile(filepath.Join(broken, OverrideFile))
	if err != nil {
		t.Fatal(err)
	}
	bad := strings.Replace(string(src), "kms_deletion_window_in_days                = 7", "kms_deletion_window_in_days                = 3", 1)
	if bad == string(src) {
		t.Fatal("could not break the override copy")
	}
	if err := os.WriteFile(filepath.Join(broken, OverrideFile), []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Minute)
	defer cancel()
	args := append([]string{"run", "./tools/offline-validate", "-root", ws.Root}, dirs...)
	args = append(args, "examples/zz-broken-override")
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = repo
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err = cmd.Run()
	t.Logf("offline-validate:\n%s", out.String())
	if err == nil {
		t.Fatal("offline-validate passed the broken override: the override is not being read")
	}
	report := out.String()
	if !strings.Contains(report, "zz-broken-override/"+OverrideFile) || !strings.Contains(report, "kms_deletion_window_in_days must be") {
		t.Error("the broken copy failed, but not on its override's kms_deletion_window_in_days")
	}
	for _, dir := range dirs {
		if !strings.Contains(report, dir+": valid (0 errors") {
			t.Errorf("%s with the override does not validate", dir)
		}
	}
}
