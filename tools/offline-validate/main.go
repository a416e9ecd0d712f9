// Command offline-validate runs `terraform validate` (default) or
// `terraform test` (-test) on every configuration of the repository with no
// access to the provider or module registries.
//
// Providers: each pinned provider's schema is extracted once from its
// @cdktf/provider-* npm package (internal/cdktf, cached in .cache/tfschema)
// and served by this same binary acting as a provider plugin
// (internal/schemaprovider), installed through a temporary CLI config with
// dev_overrides. Registry modules: replaced by stand-ins generated from their
// published interface (registry-modules/*.json). Everything runs in a temp
// copy of the tree; diagnostics are printed against the real paths.
//
//	go run ./tools/offline-validate                    # every configuration
//	go run ./tools/offline-validate modules/datastore  # only these
//	go run ./tools/offline-validate -test              # terraform test, tests/*.tftest.hcl
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/outerbounds/terraform-aws-metaflow/internal/cdktf"
	"github.com/outerbounds/terraform-aws-metaflow/internal/schemaprovider"
	"github.com/outerbounds/terraform-aws-metaflow/internal/tfschema"
)

// serveFlag makes the binary a provider plugin: <self> -serve-provider NAME SOURCE SCHEMA.gz
const serveFlag = "-serve-provider"

func main() {
	if len(os.Args) > 1 && os.Args[1] == serveFlag {
		if err := servePlugin(os.Args[2:]); err != nil {
			fmt.Fprintln(os.Stderr, "offline-validate provider:", err)
			os.Exit(1)
		}
		return
	}
	code, err := run(context.Background(), os.Args[1:], os.Stdout, os.Stderr)
	if err != nil {
		fmt.Fprintln(os.Stderr, "offline-validate:", err)
		os.Exit(2)
	}
	os.Exit(code)
}

func servePlugin(args []string) error {
	if len(args) < 3 {
		return fmt.Errorf("usage: %s NAME SOURCE SCHEMA.json.gz", serveFlag)
	}
	name, source, path := args[0], args[1], args[2]
	return schemaprovider.Serve(source, schemaprovider.New(name, func() (*tfschema.Provider, error) {
		doc, err := tfschema.ReadGzip(path)
		if err != nil {
			return nil, err
		}
		_, prov, err := doc.Only()
		return prov, err
	}))
}

// options are the command-line settings.
type options struct {
	root     string
	test     bool
	keep     bool
	verbose  bool
	cacheDir string
	jobs     int
	configs  []string
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) (int, error) {
	fs := flag.NewFlagSet("offline-validate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var o options
	fs.StringVar(&o.root, "root", "", "configuration tree (default: the repository root)")
	fs.BoolVar(&o.test, "test", false, "run terraform test on tests/*.tftest.hcl instead of terraform validate")
	fs.BoolVar(&o.keep, "keep", false, "keep the temporary workspace and print its path")
	fs.BoolVar(&o.verbose, "v", false, "print terraform's own output too")
	fs.StringVar(&o.cacheDir, "cache", "", "provider schema cache (default <repo>/.cache/tfschema)")
	fs.IntVar(&o.jobs, "j", min(runtime.NumCPU(), 4), "configurations to run at once")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: offline-validate [-test] [-j N] [-root DIR] [-keep] [-v] [config dir ...]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2, err
	}
	o.configs = fs.Args()
	repo, err := cdktf.RepoRoot()
	if err != nil {
		return 2, err
	}
	if o.root == "" {
		o.root = repo
	}
	if o.cacheDir == "" {
		o.cacheDir = filepath.Join(repo, ".cache", "tfschema")
	}
	r := &runner{opts: o, out: stdout, start: time.Now()}
	return r.run(ctx)
}

type runner struct {
	opts    options
	out     io.Writer
	start   time.Time
	root    string // absolute real tree
	display string // how to print the real tree's root relative to the working dir
	work    string // workspace (temp)
	copy    string // copy of the tree inside work
	env     []string
	seen    map[string]bool // printed diagnostics, to report an error in a shared module once
	tf      string          // terraform binary
	mu      sync.Mutex      // serialises writes to out
}

// terraformBinary is $TF_BINARY (as the Makefile exports it) or terraform.
func terraformBinary() string {
	if b := os.Getenv("TF_BINARY"); b != "" {
		return b
	}
	return "terraform"
}

func (r *runner) logf(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	fmt.Fprintf(r.out, format+"\n", args...)
}

func (r *runner) run(ctx context.Context) (int, error) {
	var err error
	if r.root, err = filepath.Abs(r.opts.root); err != nil {
		return 2, err
	}
	cwd, _ := os.Getwd()
	if rel, err := filepath.Rel(cwd, r.root); err == nil && !strings.HasPrefix(rel, "..") {
		r.display = rel
	} else {
		r.display = r.root
	}
	if r.tf, err = exec.LookPath(terraformBinary()); err != nil {
		return 2, fmt.Errorf("terraform is not on PATH (or TF_BINARY): %w", err)
	}
	configs := r.opts.configs
	if len(configs) == 0 {
		if configs, err = discoverConfigs(r.root); err != nil {
			return 2, err
		}
	}
	mode := "validate"
	if r.opts.test {
		mode = "test"
	}
	r.logf("offline-validate: %s: %d configurations under %s: %s", mode, len(configs), r.displayPath("."), strings.Join(configs, ", "))

	if _, err := cdktf.EnsureAll(ctx, r.opts.cacheDir, r.logf); err != nil {
		return 2, fmt.Errorf("provider schemas: %w", err)
	}
	self, err := os.Executable()
	if err != nil {
		return 2, fmt.Errorf("find own executable for the provider plugin: %w", err)
	}
	if r.work, err = os.MkdirTemp("", "offline-validate-"); err != nil {
		return 2, err
	}
	if r.opts.keep {
		r.logf("offline-validate: workspace kept at %s", r.work)
	} else {
		defer os.RemoveAll(r.work)
	}
	r.copy = filepath.Join(r.work, "tree")
	if err := copyTree(r.root, r.copy); err != nil {
		return 2, fmt.Errorf("copy tree: %w", err)
	}
	specs, err := loadModuleSpecs()
	if err != nil {
		return 2, err
	}
	if err := writeStandins(r.copy, specs); err != nil {
		return 2, err
	}
	rewrites, err := rewriteSources(r.copy, specs)
	if err != nil {
		return 2, err
	}
	inScope := map[string]bool{}
	for _, c := range configs {
		inScope[filepath.Clean(c)] = true
	}
	for _, rw := range rewrites {
		if !inScope[filepath.Dir(rw.File)] && !inScope[filepath.Dir(filepath.Dir(rw.File))] {
			continue // e.g. golden files of other tools' tests
		}
		note := ""
		if rw.Version != "" && rw.Version != rw.Spec.Version {
			note = fmt.Sprintf(" (caller asks version %q; the stand-in has %s's interface)", rw.Version, rw.Spec.Version)
		}
		r.logf("offline-validate: %s:%d: module %q: %s replaced by its interface stand-in%s", r.displayPath(rw.File), rw.Line, rw.Module, rw.Source, note)
	}
	cliConfig, err := installProviders(r.work, self, r.opts.cacheDir)
	if err != nil {
		return 2, err
	}
	r.env = terraformEnv(cliConfig)
	r.seen = map[string]bool{}
	r.logf("offline-validate: workspace ready (%.1fs)", time.Since(r.start).Seconds())

	if r.opts.test {
		return r.runTests(ctx, configs)
	}
	return r.runValidate(ctx, configs)
}

// displayPath turns a path relative to the tree root into one relative to the working directory.
func (r *runner) displayPath(rel string) string {
	p := filepath.Join(r.display, rel)
	if p == "" {
		return "."
	}
	return p
}

// terraform runs terraform in dir (relative to the copy) and returns stdout, stderr and the exit code.
func (r *runner) terraform(ctx context.Context, dir string, args ...string) (string, string, int, error) {
	cmd := exec.CommandContext(ctx, r.tf, args...)
	cmd.Dir = filepath.Join(r.copy, dir)
	cmd.Env = r.env
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	if err != nil {
		ee, ok := err.(*exec.ExitError)
		if !ok {
			return "", "", -1, fmt.Errorf("terraform %s in %s: %w", strings.Join(args, " "), dir, err)
		}
		code = ee.ExitCode()
	}
	if r.opts.verbose {
		r.logf("--- terraform %s (%s, exit %d)\n%s%s", strings.Join(args, " "), dir, code, stdout.String(), stderr.String())
	}
	return stdout.String(), stderr.String(), code, nil
}

// get installs local modules (terraform init would query the registry).
func (r *runner) get(ctx context.Context, dir string) error {
	_, stderr, code, err := r.terraform(ctx, dir, "get", "-no-color")
	if err != nil {
		return err
	}
	if code != 0 {
		return fmt.Errorf("terraform get failed: %s", oneLine(stderr))
	}
	return nil
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
