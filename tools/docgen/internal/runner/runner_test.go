package runner

import (
	"github.com/outerbounds/terraform-aws-metaflow/tools/docgen/internal/examples"
	"os"
	"path/filepath"
	"testing"
)

func TestWriteAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "README.md")
	if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "LINK.md")
	if err := os.Symlink("README.md", link); err != nil {
		t.Fatal(err)
	}
	if err := WriteAtomic(link, []byte("new")); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(path); string(data) != "new" {
		t.Errorf("content %q, want %q", data, "new")
	}
	if info, _ := os.Lstat(link); info.Mode()&os.ModeSymlink == 0 {
		t.Error("the symlink was replaced by a file")
	}
	if info, _ := os.Stat(path); info.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600 kept", info.Mode().Perm())
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("left behind: %v", entries)
	}

	created := filepath.Join(dir, "NEW.md")
	if err := WriteAtomic(created, []byte("x")); err != nil {
		t.Fatal(err)
	}
	if info, _ := os.Stat(created); info.Mode().Perm() != 0o644 {
		t.Errorf("new file mode %v, want 0644 as the CLI writes", info.Mode().Perm())
	}

	if err := WriteAtomic(filepath.Join(dir, "missing", "README.md"), []byte("x")); err == nil {
		t.Error("writing into a missing directory succeeded")
	}
}

func TestExitCode(t *testing.T) {
	cases := []struct {
		r     Report
		check bool
		want  int
	}{
		{Report{}, true, 0},
		{Report{Changed: []string{"x"}}, false, 0},
		{Report{Changed: []string{"x"}}, true, 1},
		{Report{Problems: make([]examples.Problem, 1)}, false, 1},
		{Report{Errors: []error{os.ErrNotExist}, Changed: []string{"x"}}, true, 2},
	}
	for i, c := range cases {
		if got := c.r.ExitCode(c.check); got != c.want {
			t.Errorf("case %d: exit %d, want %d", i, got, c.want)
		}
	}
}
