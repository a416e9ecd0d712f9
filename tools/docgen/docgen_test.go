package main

import (
	"bytes"
	"flag"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/outerbounds/terraform-aws-metaflow/tools/docgen/internal/runner"
	"github.com/outerbounds/terraform-aws-metaflow/tools/docgen/internal/tfdocs"
	"github.com/outerbounds/terraform-aws-metaflow/tools/docgen/internal/udiff"
)

var update = flag.Bool("update", false, "rewrite testdata/golden/**/*.golden with the pinned terraform-docs CLI (needs `make setup`)")

// goldenCase is one module of testdata/golden, documented as a named DIR.
type goldenCase struct {
	dir    string // module directory under testdata/golden
	file   string // output file the config names
	config string // config that applies, relative to testdata/golden; "" is the built-in default
}

var goldenCases = []goldenCase{
	{"defaults", "README.md", ""},
	{"types", "README.md", "types/.terraform-docs.yml"},
	{"settings-off", "README.md", "settings-off/.terraform-docs.yml"},
	{"sort-type", "README.md", "sort-type/.terraform-docs.yml"},
	{"sort-off", "DOCS.md", "sort-off/.terraform-docs.yml"},
	{"inherit/child", "README.md", "inherit/.terraform-docs.yml"},
	{"inherit/child/nested", "README.md", "inherit/.terraform-docs.yml"},
	{"appended", "README.md", ""},
	{"created", "README.md", ""},
	{"replace", "USAGE.md", "replace/.terraform-docs.yml"},
}

const goldenRoot = "testdata/golden"

// docgen runs the command in-process and returns its exit code and output.
func docgen(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(args, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

// copyTree copies src into a fresh temporary directory and returns it.
func copyTree(t testing.TB, src string, keep func(rel string, d fs.DirEntry) bool) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if rel != "." && keep != nil && !keep(rel, d) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

func readFile(t testing.TB, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func assertSame(t *testing.T, what string, want, got []byte) {
	t.Helper()
	if !bytes.Equal(want, got) {
		t.Errorf("%s differs (-want +got):\n%s", what, udiff.Diff("want", "got", want, got, 3))
	}
}

// repoRoot is the directory holding go.mod.
func repoRoot(t testing.TB) string {
	t.Helper()
	dir, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	for ; ; dir = filepath.Dir(dir) {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		if filepath.Dir(dir) == dir {
			t.Fatal("go.mod not found above the test directory")
		}
	}
}

// terraformDocs returns the pinned CLI, built by `make setup` into .bin, or
// skips the test.
func terraformDocs(t *testing.T) string {
	t.Helper()
	bin := os.Getenv("TERRAFORM_DOCS")
	if bin == "" {
		bin = filepath.Join(repoRoot(t), ".bin", "terraform-docs")
	}
	if _, err := os.Stat(bin); err != nil {
		t.Skipf("needs the terraform-docs v%s CLI at %s: run `make setup`", tfdocs.LibraryVersion, bin)
	}
	out, err := exec.Command(bin, "version").CombinedOutput()
	if err != nil {
		t.Fatalf("%s version: %v\n%s", bin, err, out)
	}
	if !strings.Contains(string(out), "v"+tfdocs.LibraryVersion+" ") {
		t.Fatalf("%s is %q, want v%s (the library version docgen is built with)", bin, strings.TrimSpace(string(out)), tfdocs.LibraryVersion)
	}
	return bin
}

// cliConfig returns the config file to pass to the CLI with -c: the one the
// resolver finds for dir, or the built-in default written to a file.
func cliConfig(t *testing.T, root, dir string) string {
	t.Helper()
	path, err := (&tfdocs.Resolver{Root: root}).Find(dir)
	if err != nil {
		t.Fatal(err)
	}
	if path != "" {
		return path
	}
	path = filepath.Join(t.TempDir(), "builtin.terraform-docs.yml")
	if err := os.WriteFile(path, tfdocs.DefaultYAML(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// runCLI runs `terraform-docs -c CONFIG DIR` in root.
func runCLI(t *testing.T, bin, root, dir string) (string, error) {
	t.Helper()
	cmd := exec.Command(bin, "-c", cliConfig(t, root, dir), dir)
	cmd.Dir = root
	out, err := cmd.CombinedOutput()
	return string(out), err
}

func goldenPath(c goldenCase) string {
	return filepath.Join(goldenRoot, c.dir, c.file+".golden")
}

// TestGoldenMatchesCLI produces every golden with the pinned CLI and checks
// the committed golden is exactly that (with -update, rewrites it).
func TestGoldenMatchesCLI(t *testing.T) {
	bin := terraformDocs(t)
	for _, c := range goldenCases {
		t.Run(c.dir, func(t *testing.T) {
			root := copyTree(t, goldenRoot, nil)
			dir := filepath.Join(root, c.dir)
			if out, err := runCLI(t, bin, root, dir); err != nil {
				t.Fatalf("terraform-docs: %v\n%s", err, out)
			}
			got := readFile(t, filepath.Join(dir, c.file))
			if *update {
				if err := os.WriteFile(goldenPath(c), got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			assertSame(t, goldenPath(c)+" vs terraform-docs CLI", readFile(t, goldenPath(c)), got)
		})
	}
}

// TestGolden documents each golden module with docgen and compares with the
// committed CLI output; a second run changes nothing and -check passes.
func TestGolden(t *testing.T) {
	for _, c := range goldenCases {
		t.Run(c.dir, func(t *testing.T) {
			root := copyTree(t, goldenRoot, nil)
			dir := filepath.Join(root, c.dir)

			wantConfig := ""
			if c.config != "" {
				wantConfig = filepath.Join(root, c.config)
			}
			if got, err := (&tfdocs.Resolver{Root: root}).Find(dir); err != nil || got != wantConfig {
				t.Errorf("config for %s = %q, %v; want %q", c.dir, got, err, wantConfig)
			}

			code, stdout, stderr := docgen(t, "-root", root, dir)
			if code != 0 {
				t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
			}
			path := filepath.Join(dir, c.file)
			first := readFile(t, path)
			assertSame(t, c.file, readFile(t, goldenPath(c)), first)

			code, stdout, _ = docgen(t, "-root", root, dir)
			if code != 0 || strings.Contains(stdout, " updated\n") {
				t.Errorf("second run: exit %d, output %q; want 0 and nothing updated", code, stdout)
			}
			assertSame(t, "after a second run", first, readFile(t, path))

			if code, stdout, stderr := docgen(t, "-check", "-root", root, dir); code != 0 {
				t.Errorf("-check after generation: exit %d\n%s%s", code, stdout, stderr)
			}
		})
	}
}

// TestRootConfigIsBuiltInDefault keeps the repository convention and the
// built-in default the same file.
func TestRootConfigIsBuiltInDefault(t *testing.T) {
	root := readFile(t, filepath.Join(repoRoot(t), tfdocs.ConfigName))
	assertSame(t, "root "+tfdocs.ConfigName+" vs the built-in default", tfdocs.DefaultYAML(), root)
}

// TestCheck: a current tree exits 0; a stale block exits 1 with a diff and
// leaves the file alone.
func TestCheck(t *testing.T) {
	t.Run("clean tree", func(t *testing.T) {
		root := copyTree(t, goldenRoot, nil)
		for _, c := range goldenCases {
			data := readFile(t, goldenPath(c))
			if err := os.WriteFile(filepath.Join(root, c.dir, c.file), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		t.Chdir(root)
		code, stdout, stderr := docgen(t, "-check", "-root", root)
		if code != 0 {
			t.Fatalf("exit %d, want 0\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
		}
		if !strings.Contains(stdout, "docgen: 9 module(s), 0 out of date, 1 skipped") {
			t.Errorf("summary missing or wrong:\n%s", stdout)
		}
	})

	for _, mode := range []string{"named", "discovery"} {
		t.Run("stale block "+mode, func(t *testing.T) {
			root := copyTree(t, goldenRoot, nil)
			t.Chdir(root)
			readme := filepath.Join("types", "README.md")
			before := readFile(t, readme)
			args := []string{"-check", "-root", root}
			if mode == "named" {
				args = append(args, "types")
			}
			code, stdout, _ := docgen(t, args...)
			if code != 1 {
				t.Fatalf("exit %d, want 1\n%s", code, stdout)
			}
			assertSame(t, "stale README after -check", before, readFile(t, readme))
			for _, want := range []string{
				"types/README.md is out of date",
				"--- a/types/README.md\n+++ b/types/README.md\n@@ -1,4 +1,",
				"\n+| <a name=\"input_settings\"></a> [settings](#input\\_settings) |",
			} {
				if !strings.Contains(stdout, want) {
					t.Errorf("output lacks %q:\n%s", want, stdout)
				}
			}
		})
	}
}

// TestDiscovery: without DIR, every module at any depth whose README has
// markers is regenerated; hidden, .terraform and testdata trees are not
// entered; READMEs without markers (or missing) are listed, not touched.
func TestDiscovery(t *testing.T) {
	root := t.TempDir()
	module := "variable \"x\" {\n  type = string\n}\n"
	marked := "# m\n\n<!-- BEGIN_TF_DOCS -->\n<!-- END_TF_DOCS -->\n"
	files := map[string]string{
		"main.tf":                          module,
		"README.md":                        marked,
		"modules/a/main.tf":                module,
		"modules/a/README.md":              marked,
		"examples/deep/er/main.tf":         module,
		"examples/deep/er/README.md":       marked,
		"modules/plain/main.tf":            module,
		"modules/plain/README.md":          "# no markers\n",
		"modules/undocumented/main.tf":     module,
		".terraform/modules/vpc/main.tf":   module,
		".terraform/modules/vpc/README.md": marked,
		".hidden/main.tf":                  module,
		".hidden/README.md":                marked,
		"test/testdata/fixture/main.tf":    module,
		"test/testdata/fixture/README.md":  marked,
		"docs/README.md":                   marked, // markers but no Terraform
		"modules/json/main.tf.json":        `{"variable": {"j": {"type": "string"}}}`,
		"modules/json/README.md":           marked,
	}
	for name, content := range files {
		path := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(root)
	code, stdout, stderr := docgen(t, "-root", root)
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	updated := []string{"README.md", "examples/deep/er/README.md", "modules/a/README.md", "modules/json/README.md"}
	for _, name := range updated {
		if got := string(readFile(t, name)); got == marked || !strings.Contains(got, "input_") {
			t.Errorf("%s not regenerated:\n%s", name, got)
		}
		if !strings.Contains(stdout, name+" updated\n") {
			t.Errorf("stdout does not report %s updated:\n%s", name, stdout)
		}
	}
	for _, name := range []string{".terraform/modules/vpc/README.md", ".hidden/README.md", "test/testdata/fixture/README.md", "docs/README.md", "modules/plain/README.md"} {
		if got := string(readFile(t, name)); got != files[name] {
			t.Errorf("%s was modified:\n%s", name, got)
		}
	}
	if _, err := os.Stat("modules/undocumented/README.md"); err == nil {
		t.Error("discovery created modules/undocumented/README.md")
	}
	for _, want := range []string{
		"modules/plain/README.md: no BEGIN_TF_DOCS/END_TF_DOCS markers, not touched",
		"modules/undocumented/README.md: does not exist, not created",
		"docgen: 4 module(s), 4 updated, 2 skipped",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
}

// emptyBlock is what the built-in default renders for a module without
// variables, outputs or module calls (checked against the CLI below).
const emptyBlock = "<!-- BEGIN_TF_DOCS -->\n## Modules\n\nNo modules.\n\n## Inputs\n\nNo inputs.\n\n## Outputs\n\nNo outputs.\n<!-- END_TF_DOCS -->"

var injectCases = []struct {
	name    string
	readme  *string // nil: no file
	want    string  // file after the run, when no error
	wantErr string
}{
	{"missing file", nil, emptyBlock, ""},
	{"empty file", ptr(""), emptyBlock, ""},
	{"no markers", ptr("# T\n\ntext\n"), "# T\n\ntext\n\n" + emptyBlock, ""},
	{"no markers no final newline", ptr("# T"), "# T\n" + emptyBlock, ""},
	{"markers", ptr("a\n<!-- BEGIN_TF_DOCS -->\nold\n<!-- END_TF_DOCS -->\nb\n"), "a\n" + emptyBlock + "\nb\n", ""},
	{"markers inline", ptr("a <!-- BEGIN_TF_DOCS --> x <!-- END_TF_DOCS --> b"), "a " + emptyBlock + " b", ""},
	{"two pairs", ptr("<!-- BEGIN_TF_DOCS -->1<!-- END_TF_DOCS -->\n<!-- BEGIN_TF_DOCS -->2<!-- END_TF_DOCS -->\n"),
		emptyBlock + "\n<!-- BEGIN_TF_DOCS -->2<!-- END_TF_DOCS -->\n", ""},
	{"crlf", ptr("a\r\n<!-- BEGIN_TF_DOCS -->\r\n<!-- END_TF_DOCS -->\r\n"), "a\r\n" + emptyBlock + "\r\n", ""},
	{"lone begin", ptr("a\n<!-- BEGIN_TF_DOCS -->\n"), "", "end comment is missing"},
	{"lone end", ptr("a\n<!-- END_TF_DOCS -->\n"), "", "begin comment is missing"},
	{"reversed", ptr("<!-- END_TF_DOCS -->\n<!-- BEGIN_TF_DOCS -->\n"), "", "end comment is before begin comment"},
}

func ptr(s string) *string { return &s }

func injectModule(t *testing.T, readme *string) (root, dir string) {
	t.Helper()
	root = t.TempDir()
	dir = filepath.Join(root, "m")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte("locals {}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if readme != nil {
		if err := os.WriteFile(filepath.Join(dir, "README.md"), []byte(*readme), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root, dir
}

// TestInject covers the CLI's injection rules for a named DIR; a broken
// marker layout is an error naming the file, which is left unchanged.
func TestInject(t *testing.T) {
	for _, c := range injectCases {
		t.Run(c.name, func(t *testing.T) {
			root, dir := injectModule(t, c.readme)
			readme := filepath.Join(dir, "README.md")
			code, stdout, stderr := docgen(t, "-root", root, dir)
			if c.wantErr != "" {
				if code != 2 || !strings.Contains(stderr, readme+": "+c.wantErr) {
					t.Errorf("exit %d, stderr %q; want 2 and %q", code, stderr, readme+": "+c.wantErr)
				}
				assertSame(t, "README after the error", []byte(*c.readme), readFile(t, readme))
				leftovers, _ := filepath.Glob(filepath.Join(dir, ".README.md.docgen-*"))
				if len(leftovers) > 0 {
					t.Errorf("temporary files left: %v", leftovers)
				}
				return
			}
			if code != 0 {
				t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
			}
			assertSame(t, "README", []byte(c.want), readFile(t, readme))
		})
	}
}

// TestInjectMatchesCLI runs the same cases through the pinned CLI.
func TestInjectMatchesCLI(t *testing.T) {
	bin := terraformDocs(t)
	for _, c := range injectCases {
		t.Run(c.name, func(t *testing.T) {
			root, dir := injectModule(t, c.readme)
			out, err := runCLI(t, bin, root, dir)
			if c.wantErr != "" {
				if err == nil || !strings.Contains(out, c.wantErr) {
					t.Errorf("CLI: err %v, output %q; want an error with %q", err, out, c.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("CLI: %v\n%s", err, out)
			}
			assertSame(t, "CLI README", []byte(c.want), readFile(t, filepath.Join(dir, "README.md")))
		})
	}
}

// keepSources copies only what documentation depends on: Terraform files,
// Markdown and terraform-docs configs, outside hidden and testdata trees.
func keepSources(rel string, d fs.DirEntry) bool {
	name := d.Name()
	if d.IsDir() {
		return !strings.HasPrefix(name, ".") && name != "testdata"
	}
	return strings.HasSuffix(name, ".tf") || strings.HasSuffix(name, ".tf.json") ||
		strings.HasSuffix(name, ".md") || name == tfdocs.ConfigName
}

// TestRepoMatchesCLI regenerates a copy of this repository with docgen and
// another copy with the CLI, module by module, and compares every file.
func TestRepoMatchesCLI(t *testing.T) {
	bin := terraformDocs(t)
	src := repoRoot(t)
	ours := copyTree(t, src, keepSources)
	theirs := copyTree(t, src, keepSources)

	if code, stdout, stderr := docgen(t, "-root", ours, ours); code == 2 {
		t.Fatalf("docgen on the root: exit %d\n%s%s", code, stdout, stderr)
	}
	t.Chdir(ours)
	if code, stdout, stderr := docgen(t, "-root", ours); code == 2 {
		t.Fatalf("docgen: exit %d\n%s%s", code, stdout, stderr)
	}
	// The CLI on the same set: the root (named, as above) and every module
	// whose README has markers.
	dirs := []string{theirs}
	err := filepath.WalkDir(theirs, func(path string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() || path == theirs {
			return err
		}
		data, rerr := os.ReadFile(filepath.Join(path, "README.md"))
		if rerr == nil && bytes.Contains(data, []byte("<!-- BEGIN_TF_DOCS -->")) {
			matches, _ := filepath.Glob(filepath.Join(path, "*.tf"))
			if len(matches) > 0 {
				dirs = append(dirs, path)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, dir := range dirs {
		if out, err := runCLI(t, bin, theirs, dir); err != nil {
			t.Fatalf("terraform-docs %s: %v\n%s", dir, err, out)
		}
	}
	compared := 0
	_ = filepath.WalkDir(theirs, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(theirs, path)
		assertSame(t, rel, readFile(t, path), readFile(t, filepath.Join(ours, rel)))
		compared++
		return nil
	})
	t.Logf("%d modules documented by both, %d files compared", len(dirs), compared)

	// make docs is idempotent: a second run finds nothing to change.
	if rep := runner.Run(runner.Options{Root: ours, RepoRoot: ours}); len(rep.Changed) > 0 || len(rep.Errors) > 0 {
		t.Errorf("second run changed %v (errors %v)", rep.Changed, rep.Errors)
	}
}

// TestExamples: each `# want: TEXT` comment in the fixture READMEs marks a
// line that must be reported with TEXT, and no other line may be.
func TestExamples(t *testing.T) {
	src, err := filepath.Abs("testdata/examples")
	if err != nil {
		t.Fatal(err)
	}
	root := copyTree(t, src, nil)
	t.Chdir(root)
	code, stdout, stderr := docgen(t, "-check", "-root", root)
	if code != 1 {
		t.Fatalf("exit %d, want 1\n%s%s", code, stdout, stderr)
	}

	wantRe := regexp.MustCompile(`# want: (.*)$`)
	want := map[string]string{} // "file:line" -> text
	for _, readme := range []string{"README.md", "UPGRADING.md", "examples/use/README.md", "modules/sub/README.md"} {
		for i, line := range strings.Split(string(readFile(t, readme)), "\n") {
			if m := wantRe.FindStringSubmatch(line); m != nil {
				want[readme+":"+strconv.Itoa(i+1)] = m[1]
			}
		}
	}
	problemRe := regexp.MustCompile(`^(\S+\.md:\d+): (.*)$`)
	got := map[string]string{}
	for _, line := range strings.Split(stderr, "\n") {
		if m := problemRe.FindStringSubmatch(line); m != nil {
			got[m[1]] = m[2]
		}
	}
	for at, text := range want {
		if msg, ok := got[at]; !ok {
			t.Errorf("%s: not reported, want %q", at, text)
		} else if !strings.Contains(msg, text) {
			t.Errorf("%s: reported %q, want it to contain %q", at, msg, text)
		}
	}
	var extra []string
	for at, msg := range got {
		if _, ok := want[at]; !ok {
			extra = append(extra, at+": "+msg)
		}
	}
	sort.Strings(extra)
	for _, e := range extra {
		t.Errorf("unexpected problem %s", e)
	}
	if len(want) < 9 {
		t.Errorf("fixture has %d want comments; the test lost its cases", len(want))
	}
}

// TestErrors: bad input gives exit 2 and a message naming the culprit.
func TestErrors(t *testing.T) {
	cases := []struct {
		name  string
		files map[string]string
		dir   string // named DIR, relative to the temp root
		want  string // substring of stderr; %s is the temp root
	}{
		{"missing dir", nil, "nope", "%s/nope: no such file or directory"},
		{"not a dir", map[string]string{"file": "x"}, "file", "%s/file: not a directory"},
		{"invalid HCL", map[string]string{"m/main.tf": "variable \"x\" {\n  type = \n"}, "m", "%s/m/main.tf:2"},
		{"invalid YAML", map[string]string{"m/main.tf": "locals {}\n", "m/.terraform-docs.yml": "formatter: [\n"}, "m", "config %s/m/.terraform-docs.yml"},
		{"inherited invalid YAML", map[string]string{"m/main.tf": "locals {}\n", ".terraform-docs.yml": "sections: {show: [\n"}, "m", "config %s/.terraform-docs.yml"},
		{"unknown formatter", map[string]string{"m/main.tf": "locals {}\n", "m/.terraform-docs.yml": "formatter: fancy\noutput:\n  file: README.md\n"}, "m", "config %s/m/.terraform-docs.yml: formatter 'fancy' not found"},
		{"unknown section", map[string]string{"m/main.tf": "locals {}\n", "m/.terraform-docs.yml": "formatter: markdown\nsections:\n  show: [tables]\n"}, "m", "'tables' is not a valid section"},
		{"version constraint", map[string]string{"m/main.tf": "locals {}\n", "m/.terraform-docs.yml": "formatter: markdown\nversion: \">= 0.25.0\"\n"}, "m", "config %s/m/.terraform-docs.yml: current version: 0.24.0"},
		{"no output file", map[string]string{"m/main.tf": "locals {}\n", "m/.terraform-docs.yml": "formatter: markdown\n"}, "m", "output.file is empty"},
		{"failing include", map[string]string{"m/main.tf": "locals {}\n", "m/.terraform-docs.yml": "formatter: markdown\ncontent: '{{ include \"gone.md\" }}'\noutput:\n  file: README.md\n"}, "m", "rendering"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			root := t.TempDir()
			for name, content := range c.files {
				path := filepath.Join(root, name)
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			code, stdout, stderr := docgen(t, "-root", root, filepath.Join(root, c.dir))
			want := strings.ReplaceAll(c.want, "%s", root)
			if code != 2 || !strings.Contains(stderr, want) {
				t.Errorf("exit %d, stderr:\n%s\nwant exit 2 and %q (stdout %q)", code, stderr, want, stdout)
			}
			if _, err := os.Stat(filepath.Join(root, c.dir, "README.md")); err == nil {
				t.Error("a README was written despite the error")
			}
		})
	}
}

// BenchmarkRegenerateRepo regenerates a copy of this repository's tree (all
// modules, one process), as `make docs` does. "write" starts from the stale
// copy each time; "check" is `make docs-check` on a current tree.
func BenchmarkRegenerateRepo(b *testing.B) {
	src := repoRoot(b)
	pristine := copyTree(b, src, keepSources)
	for _, check := range []bool{false, true} {
		name := "write"
		if check {
			name = "check"
		}
		b.Run(name, func(b *testing.B) {
			work := copyTree(b, pristine, nil)
			if check {
				runner.Run(runner.Options{Root: work, RepoRoot: work})
			}
			cpu0 := cpuTime(b)
			for b.Loop() {
				if !check {
					b.StopTimer()
					_ = os.RemoveAll(work)
					work = copyTree(b, pristine, nil)
					b.StartTimer()
				}
				rep := runner.Run(runner.Options{Check: check, Root: work, RepoRoot: work})
				if len(rep.Errors) > 0 {
					b.Fatal(rep.Errors)
				}
			}
			// Wall time depends on what else the machine runs; CPU time
			// (user+sys of the whole process, copies included for "write")
			// is the steadier figure on a shared box.
			b.ReportMetric(float64((cpuTime(b)-cpu0).Milliseconds())/float64(b.N), "cpu-ms/op")
		})
	}
}

// cpuTime is the user+sys CPU time this process has used so far.
func cpuTime(tb testing.TB) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		tb.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// TestRootREADMELayout: regenerated, the root README keeps the contract's
// layout: the block holds exactly the Modules, Inputs and Outputs sections.
func TestRootREADMELayout(t *testing.T) {
	root := copyTree(t, repoRoot(t), keepSources)
	if code, stdout, stderr := docgen(t, "-root", root, root); code == 2 {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	readme := string(readFile(t, filepath.Join(root, "README.md")))
	start := strings.Index(readme, "<!-- BEGIN_TF_DOCS -->")
	end := strings.Index(readme, "<!-- END_TF_DOCS -->")
	if start < 0 || end < start {
		t.Fatalf("README.md has no marker pair:\n%s", readme)
	}
	var headings []string
	for _, line := range strings.Split(readme[start:end], "\n") {
		if strings.HasPrefix(line, "#") {
			headings = append(headings, line)
		}
	}
	if got := strings.Join(headings, "|"); got != "## Modules|## Inputs|## Outputs" {
		t.Errorf("generated sections %q, want ## Modules, ## Inputs, ## Outputs", headings)
	}
}
