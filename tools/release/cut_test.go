package main

import (
	"bytes"
	"github.com/outerbounds/terraform-aws-metaflow/tools/release/internal/changelog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

const testChangelog = `# Changelog

## [Unreleased]

### Added

- Something new.

## [1.0.0] - 2025-01-01

- First.
`

// The fake Makefile records what ran (and RELEASE_VERSION) in $LOG;
// DOCS_CHANGE makes docs modify a file, FAIL_CHECK makes check fail.
const testMakefile = `docs:
	@echo docs >> "$(LOG)"
	@if [ -n "$(DOCS_CHANGE)" ]; then echo regenerated >> README.md; fi
check:
	@echo "check RELEASE_VERSION=$$RELEASE_VERSION" >> "$(LOG)"
	@if [ -n "$(FAIL_CHECK)" ]; then echo "check failed" >&2; exit 1; fi
test:
	@echo "test RELEASE_VERSION=$$RELEASE_VERSION" >> "$(LOG)"
`

func gitIn(t *testing.T, dir string, args ...string) string {
	t.Helper()
	out, err := exec.Command("git", append([]string{"-C", dir}, args...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
	return strings.TrimSpace(string(out))
}

// repo makes a git repository with a changelog, the fake Makefile and a
// v1.0.0 tag, and returns it with the path of the make log.
func repo(t *testing.T) (string, string) {
	t.Helper()
	if _, err := exec.LookPath("make"); err != nil {
		t.Skip("needs make on PATH")
	}
	dir := t.TempDir()
	log := filepath.Join(t.TempDir(), "make.log")
	t.Setenv("LOG", log)
	t.Setenv("GIT_AUTHOR_NAME", "t")
	t.Setenv("GIT_AUTHOR_EMAIL", "t@example.com")
	t.Setenv("GIT_COMMITTER_NAME", "t")
	t.Setenv("GIT_COMMITTER_EMAIL", "t@example.com")
	t.Setenv("GIT_CONFIG_GLOBAL", "/dev/null")
	gitIn(t, dir, "init", "-q", "-b", "main")
	for name, content := range map[string]string{"CHANGELOG.md": testChangelog, "Makefile": testMakefile, "README.md": "# r\n"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	gitIn(t, dir, "add", ".")
	gitIn(t, dir, "commit", "-q", "-m", "init")
	gitIn(t, dir, "tag", "v1.0.0")
	return dir, log
}

func cutIn(t *testing.T, dir string, args ...string) (int, string) {
	t.Helper()
	var out bytes.Buffer
	code := run(append([]string{"cut", "-C", dir, "-date", "2025-02-03"}, args...), &out, &out)
	return code, out.String()
}

func makeLog(t *testing.T, log string) string {
	data, err := os.ReadFile(log)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	return string(data)
}

func TestCut(t *testing.T) {
	dir, log := repo(t)
	code, out := cutIn(t, dir, "-version", "1.1.0")
	if code != 0 {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	if got, want := makeLog(t, log), "docs\ncheck RELEASE_VERSION=1.1.0\ntest RELEASE_VERSION=1.1.0\n"; got != want {
		t.Errorf("make ran %q, want %q", got, want)
	}
	changelog, _ := os.ReadFile(filepath.Join(dir, "CHANGELOG.md"))
	if !strings.Contains(string(changelog), "## [Unreleased]\n\n## [1.1.0] - 2025-02-03\n\n### Added\n\n- Something new.\n") {
		t.Errorf("changelog not released:\n%s", changelog)
	}
	if msg := gitIn(t, dir, "log", "-1", "--format=%s"); msg != "Release v1.1.0" {
		t.Errorf("HEAD commit %q", msg)
	}
	if gitIn(t, dir, "rev-parse", "v1.1.0^{commit}") != gitIn(t, dir, "rev-parse", "HEAD") {
		t.Error("v1.1.0 does not point at the release commit")
	}
	if body := gitIn(t, dir, "tag", "-l", "--format=%(contents)", "v1.1.0"); !strings.Contains(body, "- Something new.") {
		t.Errorf("tag message lacks the notes: %q", body)
	}
	if st := gitIn(t, dir, "status", "--porcelain"); st != "" {
		t.Errorf("tree dirty after release: %q", st)
	}

	var notes bytes.Buffer
	if code := run([]string{"notes", "-changelog", filepath.Join(dir, "CHANGELOG.md"), "-version", "v1.1.0"}, &notes, &notes); code != 0 ||
		notes.String() != "### Added\n\n- Something new.\n" {
		t.Errorf("notes: exit %d, %q", code, notes.String())
	}
}

func TestCutRefuses(t *testing.T) {
	cases := []struct {
		name    string
		version string
		setup   func(t *testing.T, dir string)
		want    string
		makeLog string // what make ran before the refusal
	}{
		{"no version", "", nil, "VERSION is required", ""},
		{"two parts", "1.2", nil, "not a semantic version", ""},
		{"leading v", "v1.2.0", nil, "without the leading v", ""},
		{"leading zero", "01.2.0", nil, "not a semantic version", ""},
		{"build metadata", "1.2.0+build", nil, "not a semantic version", ""},
		{"dirty tree", "1.1.0", func(t *testing.T, dir string) {
			_ = os.WriteFile(filepath.Join(dir, "new.txt"), []byte("x"), 0o644)
		}, "not clean", ""},
		{"existing tag", "1.0.0", nil, "tag v1.0.0 already exists", ""},
		{"not above the newest tag", "0.9.0", nil, "not above the newest tag v1.0.0", ""},
		{"empty unreleased", "1.1.0", func(t *testing.T, dir string) {
			_ = os.WriteFile(filepath.Join(dir, "CHANGELOG.md"), []byte("# C\n\n## [Unreleased]\n\n## [1.0.0] - 2025-01-01\n- x\n"), 0o644)
			gitIn(t, dir, "commit", "-q", "-am", "empty")
		}, "Unreleased section is empty", ""},
		{"docs changed", "1.1.0", func(t *testing.T, dir string) { t.Setenv("DOCS_CHANGE", "1") },
			"make docs changed the tree", "docs\n"},
		{"checks fail", "1.1.0", func(t *testing.T, dir string) { t.Setenv("FAIL_CHECK", "1") },
			"make check test", "docs\ncheck RELEASE_VERSION=1.1.0\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir, log := repo(t)
			if c.setup != nil {
				c.setup(t, dir)
			}
			head := gitIn(t, dir, "rev-parse", "HEAD")
			changelog, _ := os.ReadFile(filepath.Join(dir, "CHANGELOG.md"))
			code, out := cutIn(t, dir, "-version", c.version)
			if code != 1 || !strings.Contains(out, c.want) {
				t.Errorf("exit %d, output:\n%s\nwant exit 1 and %q", code, out, c.want)
			}
			if got := makeLog(t, log); got != c.makeLog {
				t.Errorf("make ran %q, want %q", got, c.makeLog)
			}
			if gitIn(t, dir, "rev-parse", "HEAD") != head {
				t.Error("a commit was made")
			}
			if tags := gitIn(t, dir, "tag", "--list"); tags != "v1.0.0" {
				t.Errorf("tags: %q", tags)
			}
			if now, _ := os.ReadFile(filepath.Join(dir, "CHANGELOG.md")); !bytes.Equal(now, changelog) {
				t.Error("CHANGELOG.md was modified")
			}
		})
	}
}

// TestRepositoryChangelog: the repository's CHANGELOG.md keeps the layout
// `make release` edits (an Unreleased section on top of the versions).
func TestRepositoryChangelog(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", changelogFile))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := changelog.Parse(string(data)).Unreleased(); err != nil {
		t.Errorf("%s: %v", changelogFile, err)
	}
}
