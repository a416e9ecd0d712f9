package tfdocs

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/mod/modfile"
)

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestFind(t *testing.T) {
	root := t.TempDir()
	write(t, filepath.Join(root, "a", ConfigName), "formatter: markdown\n")
	write(t, filepath.Join(root, "a", "b", "c", "main.tf"), "")
	write(t, filepath.Join(root, "d", ConfigName, "not-a-file"), "") // a directory named like the config
	cases := []struct {
		dir, want string
	}{
		{"a", "a/" + ConfigName},
		{"a/b", "a/" + ConfigName},
		{"a/b/c", "a/" + ConfigName},
		{"d", ""},
		{".", ""},
	}
	r := &Resolver{Root: root}
	for _, c := range cases {
		got, err := r.Find(filepath.Join(root, c.dir))
		if err != nil {
			t.Fatal(err)
		}
		want := ""
		if c.want != "" {
			want = filepath.Join(root, c.want)
		}
		if got != want {
			t.Errorf("Find(%s) = %q, want %q", c.dir, got, want)
		}
	}
}

// TestFindStopsAtRoot: a config above the repository root is not read.
func TestFindStopsAtRoot(t *testing.T) {
	top := t.TempDir()
	write(t, filepath.Join(top, ConfigName), "formatter: markdown\n")
	repo := filepath.Join(top, "repo")
	write(t, filepath.Join(repo, ".git", "HEAD"), "ref: refs/heads/main\n")
	write(t, filepath.Join(repo, "m", "main.tf"), "")
	for _, r := range []*Resolver{{Root: repo}, {}} { // explicit root, and found through .git
		got, err := r.Find(filepath.Join(repo, "m"))
		if err != nil || got != "" {
			t.Errorf("Resolver{Root: %q}.Find = %q, %v; want the built-in default", r.Root, got, err)
		}
	}
}

func TestResolveCachesAndDefaults(t *testing.T) {
	root := t.TempDir()
	write(t, filepath.Join(root, "a", ConfigName), "formatter: markdown document\noutput:\n  file: README.md\n")
	r := &Resolver{Root: root}
	c1, err := r.Resolve(filepath.Join(root, "a"))
	if err != nil {
		t.Fatal(err)
	}
	c2, _ := r.Resolve(filepath.Join(root, "a", "x"))
	if c1 != c2 || c1.base.Formatter != "markdown document" {
		t.Errorf("resolve: %p %p %q", c1, c2, c1.base.Formatter)
	}
	d, err := r.Resolve(root)
	if err != nil {
		t.Fatal(err)
	}
	if d.Source != BuiltIn || d.base.Formatter != "markdown table" || d.base.Settings.LockFile ||
		strings.Join(d.base.Sections.Show, ",") != "modules,inputs,outputs" || d.base.Output.File != "README.md" {
		t.Errorf("built-in default is not the repository convention: %+v", d.base)
	}
}

// TestForModuleKeepsBase: each module gets its own validated copy.
func TestForModuleKeepsBase(t *testing.T) {
	c, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	a, err := c.ForModule("a")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := c.ForModule("b")
	if a.ModuleRoot != "a" || b.ModuleRoot != "b" || c.base.ModuleRoot != "" {
		t.Errorf("module roots: %q %q base %q", a.ModuleRoot, b.ModuleRoot, c.base.ModuleRoot)
	}
	if a.Output.BeginComment != "<!-- BEGIN_TF_DOCS -->" || a.Output.EndComment != "<!-- END_TF_DOCS -->" {
		t.Errorf("markers: %q %q", a.Output.BeginComment, a.Output.EndComment)
	}
}

// TestLibraryVersion keeps the constant (used for `version` constraints and
// in messages) equal to the terraform-docs version go.mod pins.
func TestLibraryVersion(t *testing.T) {
	gomod, err := os.ReadFile(filepath.Join("..", "..", "..", "..", "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	// Read the requirement as go.mod states it, whether or not it is marked
	// indirect, so formatting changes (go mod tidy) cannot fail this test.
	mf, err := modfile.ParseLax("go.mod", gomod, nil)
	if err != nil {
		t.Fatalf("parse go.mod: %v", err)
	}
	const path = "github.com/terraform-docs/terraform-docs"
	got := ""
	for _, r := range mf.Require {
		if r.Mod.Path == path {
			got = r.Mod.Version
		}
	}
	if want := "v" + LibraryVersion; got != want {
		t.Errorf("go.mod requires %s %q, want %q; update LibraryVersion with the pin (and regenerate the goldens)", path, got, want)
	}
}

func TestLoadErrorsNameTheFile(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, ConfigName)
	write(t, bad, "sections: [\n")
	if _, err := Load(bad); err == nil || !strings.Contains(err.Error(), bad) {
		t.Errorf("Load(invalid YAML) = %v; want an error naming %s", err, bad)
	}
	missing := filepath.Join(dir, "nope.yml")
	if _, err := Load(missing); err == nil || !strings.Contains(err.Error(), missing) {
		t.Errorf("Load(missing) = %v; want an error naming %s", err, missing)
	}
}
