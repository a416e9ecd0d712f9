// Command offline-validate runs `terraform validate` (default) or
// `terraform test` (-test) on every configuration of the repository with no
// access to the provider or module registries.
//
// Providers: each pinned provider's schema is extracted once from its
// @cdktf/provider-* or @cdktn/provider-* npm package (internal/cdktf, cached
// in .cache/tfschema) and served by this same binary acting as a provider
// plugin (internal/schemaprovider); validation runs against the pinned and
// the newest hashicorp/aws schema. With -test -real-aws, hashicorp/aws is the
// real provider binary of a filesystem mirror instead, so its own validators
// and plan logic run. The workspace is a temporary copy of the tree
// (internal/tfworkspace); diagnostics are printed against the real paths.
//
//	go run ./tools/offline-validate                    # every configuration
//	go run ./tools/offline-validate modules/datastore  # only these
//	go run ./tools/offline-validate -test              # terraform test, tests/*.tftest.hcl
//	go run ./tools/offline-validate -test -real-aws    # the same runs planned by the real provider
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
	"github.com/outerbounds/terraform-aws-metaflow/internal/randomplan"
	"github.com/outerbounds/terraform-aws-metaflow/internal/realprovider"
	"github.com/outerbounds/terraform-aws-metaflow/internal/schemaprovider"
	"github.com/outerbounds/terraform-aws-metaflow/internal/tfschema"
	"github.com/outerbounds/terraform-aws-metaflow/internal/tfworkspace"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == tfworkspace.ServeFlag {
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
		return fmt.Errorf("usage: %s NAME SOURCE SCHEMA.json.gz", tfworkspace.ServeFlag)
	}
	name, source, path := args[0], args[1], args[2]
	srv := schemaprovider.New(name, func() (*tfschema.Provider, error) {
		doc, err := tfschema.ReadGzip(path)
		if err != nil {
			return nil, err
		}
		_, prov, err := doc.Only()
		return prov, err
	})
	// random_* resources are planned as hashicorp/random plans them, so a
	// plan against a given state runs with no random provider binary.
	if name == "random" {
		srv.WithPlanner(randomplan.Planner{})
	}
	return schemaprovider.Serve(source, srv)
}

// options are the command-line settings.
type options struct {
	root       string
	test       bool
	realAWS    bool
	awsSchemas string
	keep       bool
	verbose    bool
	cacheDir   string
	jobs       int
	configs    []string
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) (int, error) {
	fs := flag.NewFlagSet("offline-validate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var o options
	fs.StringVar(&o.root, "root", "", "configuration tree (default: the repository root)")
	fs.BoolVar(&o.test, "test", false, "run terraform test on tests/*.tftest.hcl instead of terraform validate")
	fs.BoolVar(&o.realAWS, "real-aws", false, "with -test: plan every run with the real hashicorp/aws provider ("+realprovider.EnvMirror+") instead of its mock")
	fs.StringVar(&o.awsSchemas, "aws-schemas", "both", "validate against the pinned hashicorp/aws schema, the newest one, or both: pinned|newest|both")
	fs.BoolVar(&o.keep, "keep", false, "keep the temporary workspace and print its path")
	fs.BoolVar(&o.verbose, "v", false, "print terraform's own output too")
	fs.StringVar(&o.cacheDir, "cache", "", "provider schema cache (default <repo>/.cache/tfschema)")
	fs.IntVar(&o.jobs, "j", min(runtime.NumCPU(), 4), "configurations to run at once")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: offline-validate [-test [-real-aws]] [-aws-schemas pinned|newest|both] [-j N] [-root DIR] [-keep] [-v] [config dir ...]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2, err
	}
	if o.realAWS && !o.test {
		return 2, fmt.Errorf("-real-aws plans test runs: use it with -test")
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
	r := &runner{opts: o, repo: repo, out: stdout, start: time.Now()}
	return r.run(ctx)
}

type runner struct {
	opts    options
	repo    string
	out     io.Writer
	start   time.Time
	root    string // absolute real tree
	display string // how to print the real tree's root relative to the working dir
	ws      *tfworkspace.Workspace
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
		if configs, err = tfworkspace.DiscoverConfigs(r.root); err != nil {
			return 2, err
		}
		if r.opts.realAWS {
			configs = realProviderConfigs(configs)
		}
	}
	if _, err := cdktf.EnsureAll(ctx, r.opts.cacheDir, r.logf); err != nil {
		return 2, fmt.Errorf("provider schemas: %w", err)
	}
	r.seen = map[string]bool{}
	switch {
	case r.opts.test && r.opts.realAWS:
		bin, err := realprovider.FindAWS(r.repo)
		if err != nil {
			r.logf("offline-validate: real-provider plans skipped: %v", err)
			return 0, nil
		}
		r.logf("offline-validate: test with the real %s %s (%s): %d configurations under %s: %s", bin.Source, bin.Version, bin.Path, len(configs), r.displayPath("."), strings.Join(configs, ", "))
		if err := r.prepare(ctx, configs, tfworkspace.Options{RealAWS: &bin}); err != nil {
			return 2, err
		}
		defer r.ws.Close()
		return r.runRealProviderTests(ctx, configs, bin)
	case r.opts.test:
		r.logf("offline-validate: test: %d configurations under %s: %s", len(configs), r.displayPath("."), strings.Join(configs, ", "))
		if err := r.prepare(ctx, configs, tfworkspace.Options{}); err != nil {
			return 2, err
		}
		defer r.ws.Close()
		return r.runTests(ctx, configs)
	}
	pins, err := awsSchemaPins(r.opts.awsSchemas)
	if err != nil {
		return 2, err
	}
	code := 0
	for _, pin := range pins {
		label := "hashicorp/aws " + pin.ProviderVersion
		r.logf("offline-validate: validate against the %s schema (%s@%s): %d configurations under %s: %s", label, pin.Package, pin.Version, len(configs), r.displayPath("."), strings.Join(configs, ", "))
		if err := r.prepare(ctx, configs, tfworkspace.Options{AWSSchema: &pin}); err != nil {
			return 2, err
		}
		c, err := r.runValidate(ctx, configs, label)
		r.ws.Close()
		if err != nil {
			return 2, err
		}
		code = max(code, c)
	}
	return code, nil
}

// awsSchemaPins are the hashicorp/aws schemas -aws-schemas selects, oldest first.
func awsSchemaPins(which string) ([]cdktf.Pin, error) {
	pinned, _ := cdktf.PinFor("aws")
	switch which {
	case "pinned":
		return []cdktf.Pin{pinned}, nil
	case "newest":
		return []cdktf.Pin{cdktf.AWSNewest}, nil
	case "both":
		return []cdktf.Pin{pinned, cdktf.AWSNewest}, nil
	}
	return nil, fmt.Errorf("-aws-schemas %q: want pinned, newest or both", which)
}

// prepare makes the workspace the runs use, reporting the stand-ins and,
// with a real provider, the version gap it bridged.
func (r *runner) prepare(ctx context.Context, configs []string, o tfworkspace.Options) error {
	self, err := os.Executable()
	if err != nil {
		return fmt.Errorf("find own executable for the provider plugin: %w", err)
	}
	t0 := time.Now()
	o.Root, o.CacheDir, o.Terraform, o.Server, o.Logf = r.root, r.opts.cacheDir, r.tf, self, r.logf
	ws, err := tfworkspace.Prepare(ctx, o)
	if err != nil {
		return err
	}
	r.ws = ws
	if r.opts.keep {
		r.logf("offline-validate: workspace kept at %s", ws.Dir)
		ws.Dir = "" // Close leaves it
	}
	inScope := map[string]bool{}
	for _, c := range configs {
		inScope[filepath.Clean(c)] = true
	}
	for _, rw := range ws.Sources {
		if !inScope[filepath.Dir(rw.File)] && !inScope[filepath.Dir(filepath.Dir(rw.File))] {
			continue // e.g. golden files of other tools' tests
		}
		note := ""
		if rw.Version != "" && rw.Version != rw.StandinVersion {
			note = fmt.Sprintf(" (caller asks version %q; the stand-in has %s's interface)", rw.Version, rw.StandinVersion)
		}
		r.logf("offline-validate: %s:%d: module %q: %s replaced by its interface stand-in%s", r.displayPath(rw.File), rw.Line, rw.Module, rw.Source, note)
	}
	if ws.Gap != nil {
		for _, a := range ws.Gap.Apply {
			r.logf("offline-validate: %s: rewritten in the copy for %s: %s -> %s (%s)", r.displayPath(a.Use.Name.Filename)+fmt.Sprintf(":%d", a.Use.Name.Start.Line), o.RealAWS.Version, a.Rename.Path, a.Rename.To, a.Rename.Why)
		}
		for _, line := range ws.Gap.Stale() {
			r.logf("offline-validate: version gap: %s", line)
		}
		r.logf("offline-validate: version gap: %d uses of the hashicorp/aws schema compared, %d rewritten, none other differs", ws.Gap.Uses, len(ws.Gap.Apply))
	}
	r.logf("offline-validate: workspace ready (%.1fs)", time.Since(t0).Seconds())
	return nil
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
	res, err := r.ws.Terraform(ctx, filepath.Join("tree", dir), nil, args...)
	if err != nil {
		return "", "", -1, err
	}
	if r.opts.verbose {
		r.logf("--- terraform %s (%s, exit %d)\n%s%s", strings.Join(args, " "), dir, res.Code, res.Stdout, res.Stderr)
	}
	return res.Stdout, res.Stderr, res.Code, nil
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
