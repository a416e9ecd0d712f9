// Package runner regenerates or checks the documentation of a set of module
// directories in one process: configuration resolution, rendering with the
// terraform-docs library, injection, atomic writes, README example checks.
package runner

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/terraform-docs/terraform-docs/print"

	"github.com/outerbounds/terraform-aws-metaflow/tools/docgen/internal/discover"
	"github.com/outerbounds/terraform-aws-metaflow/tools/docgen/internal/examples"
	"github.com/outerbounds/terraform-aws-metaflow/tools/docgen/internal/inject"
	"github.com/outerbounds/terraform-aws-metaflow/tools/docgen/internal/tfdocs"
	"github.com/outerbounds/terraform-aws-metaflow/tools/docgen/internal/udiff"
)

// Options select what Run does.
type Options struct {
	// Check writes nothing and reports stale files with a diff.
	Check bool
	// Dirs are module directories named on the command line. Empty means
	// discovery: every module under Root whose README already has markers.
	Dirs []string
	// Root is where discovery starts ("." when empty).
	Root string
	// RepoRoot bounds the upward config search and is the directory the
	// registry address stands for in README examples. Empty means the
	// nearest ancestor of Root holding .git, else Root.
	RepoRoot string

	Stdout, Stderr io.Writer
}

// Report is the outcome of a run.
type Report struct {
	Modules  int                // module directories processed
	Changed  []string           // files written, or stale with Check
	Skipped  []string           // discovery: modules whose doc has no markers, with the reason
	Problems []examples.Problem // README example findings
	Errors   []error
}

// ExitCode is 2 on errors, 1 when something is stale or an example is
// wrong, 0 otherwise.
func (r *Report) ExitCode(check bool) int {
	switch {
	case len(r.Errors) > 0:
		return 2
	case len(r.Problems) > 0, check && len(r.Changed) > 0:
		return 1
	}
	return 0
}

type run struct {
	opts     Options
	resolver *tfdocs.Resolver
	checker  *examples.Checker
	report   Report
}

// Run processes every target module and prints what it did.
func Run(opts Options) *Report {
	if opts.Root == "" {
		opts.Root = "."
	}
	if opts.Stdout == nil {
		opts.Stdout = io.Discard
	}
	if opts.Stderr == nil {
		opts.Stderr = io.Discard
	}
	if opts.RepoRoot == "" {
		opts.RepoRoot = opts.Root
		if abs, err := filepath.Abs(opts.Root); err == nil {
			if root := tfdocs.RepoRoot(abs); root != "" {
				opts.RepoRoot = root
			}
		}
	}
	r := &run{
		opts:     opts,
		resolver: &tfdocs.Resolver{Root: opts.RepoRoot},
		checker:  &examples.Checker{RepoRoot: opts.RepoRoot},
	}
	r.all()
	r.summary()
	return &r.report
}

func (r *run) all() {
	var jobs []*job
	if len(r.opts.Dirs) > 0 {
		for _, dir := range r.opts.Dirs {
			info, err := os.Stat(dir)
			if err != nil {
				r.fail(fmt.Errorf("%s: %w", dir, unwrapPathErr(err)))
				continue
			}
			if !info.IsDir() {
				r.fail(fmt.Errorf("%s: not a directory", dir))
				continue
			}
			if j := r.prepare(dir, true); j != nil {
				jobs = append(jobs, j)
			}
		}
	} else {
		dirs, err := discover.Modules(r.opts.Root)
		if err != nil {
			r.fail(err)
			return
		}
		for _, dir := range dirs {
			if j := r.prepare(dir, false); j != nil {
				jobs = append(jobs, j)
			}
		}
	}
	renderAll(jobs)
	for _, j := range jobs {
		r.finish(j)
	}
	if len(r.opts.Dirs) == 0 {
		r.guides()
	}
}

// guides checks the Terraform examples of the root's documents besides its
// README: users copy UPGRADING.md's module blocks above all.
func (r *run) guides() {
	for _, name := range []string{"UPGRADING.md", "CONTRIBUTING.md"} {
		path := filepath.Join(r.opts.Root, name)
		content, err := os.ReadFile(path)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			r.fail(fmt.Errorf("%s: %w", path, unwrapPathErr(err)))
			continue
		}
		r.examples(path, content)
	}
}

func (r *run) fail(err error) {
	r.report.Errors = append(r.report.Errors, err)
	fmt.Fprintf(r.opts.Stderr, "docgen: %v\n", err)
}

// job is one module whose documentation file is (re)generated.
type job struct {
	cfg     *print.Config
	path    string // documentation file
	current []byte
	exists  bool

	content string // rendered by renderAll
	err     error
}

// prepare resolves the configuration and reads the current file of one
// module; nil means there is nothing to render (skipped, or an error that
// has been reported).
func (r *run) prepare(dir string, named bool) *job {
	conf, err := r.resolver.Resolve(dir)
	if err != nil {
		r.fail(err)
		return nil
	}
	cfg, err := conf.ForModule(dir)
	if err != nil {
		r.fail(err)
		return nil
	}
	path := cfg.Output.File
	if !filepath.IsAbs(path) {
		path = filepath.Join(dir, path)
	}
	current, err := os.ReadFile(path)
	exists := err == nil
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		r.fail(fmt.Errorf("%s: %w", path, unwrapPathErr(err)))
		return nil
	}
	if !named && (!exists || !inject.HasMarker(current, cfg.Output.BeginComment, cfg.Output.EndComment)) {
		// Discovery touches only documents that opted in with markers.
		reason := "no BEGIN_TF_DOCS/END_TF_DOCS markers, not touched"
		if !exists {
			reason = "does not exist, not created (name the directory to create it)"
		}
		r.report.Skipped = append(r.report.Skipped, path+": "+reason)
		if exists {
			r.examples(path, current)
		}
		return nil
	}
	r.report.Modules++
	return &job{cfg: cfg, path: path, current: current, exists: exists}
}

// renderAll renders the jobs on all CPUs: rendering is almost all of the
// run time, and modules are independent. Results stay in job order.
func renderAll(jobs []*job) {
	var (
		wg     sync.WaitGroup
		serial sync.Mutex
		next   = make(chan *job)
	)
	for range min(runtime.GOMAXPROCS(0), len(jobs)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range next {
				if j.cfg.Formatter == "tfvars hcl" {
					// This formatter keeps its column widths in a package
					// variable: one at a time.
					serial.Lock()
					j.content, j.err = tfdocs.Render(j.cfg)
					serial.Unlock()
					continue
				}
				j.content, j.err = tfdocs.Render(j.cfg)
			}
		}()
	}
	for _, j := range jobs {
		next <- j
	}
	close(next)
	wg.Wait()
}

// finish injects, then writes or checks, one rendered job.
func (r *run) finish(j *job) {
	if j.err != nil {
		r.fail(j.err)
		return
	}
	out := inject.Output{
		Mode:     j.cfg.Output.Mode,
		Template: j.cfg.Output.Template,
		Begin:    j.cfg.Output.BeginComment,
		End:      j.cfg.Output.EndComment,
	}
	next, err := inject.Compose(out, j.current, j.exists, j.content)
	if err != nil {
		r.fail(fmt.Errorf("%s: %w", j.path, err))
		return
	}
	if !j.exists || !bytes.Equal(j.current, next) {
		r.report.Changed = append(r.report.Changed, j.path)
		if r.opts.Check {
			fmt.Fprintf(r.opts.Stdout, "%s is out of date (run `make docs`):\n%s", j.path,
				udiff.Diff("a/"+filepath.ToSlash(j.path), "b/"+filepath.ToSlash(j.path), j.current, next, 3))
		} else if err := WriteAtomic(j.path, next); err != nil {
			r.fail(err)
			return
		} else {
			fmt.Fprintf(r.opts.Stdout, "%s updated\n", j.path)
		}
	}
	r.examples(j.path, next)
}

// examples checks the Terraform examples of a Markdown document.
func (r *run) examples(path string, content []byte) {
	if !strings.EqualFold(filepath.Ext(path), ".md") {
		return
	}
	problems, err := r.checker.Check(path, content)
	if err != nil {
		r.fail(fmt.Errorf("%s: checking examples: %w", path, err))
		return
	}
	for _, p := range problems {
		fmt.Fprintln(r.opts.Stderr, p.String())
	}
	r.report.Problems = append(r.report.Problems, problems...)
}

func (r *run) summary() {
	rep := &r.report
	for _, s := range rep.Skipped {
		fmt.Fprintln(r.opts.Stdout, s)
	}
	verb := "updated"
	if r.opts.Check {
		verb = "out of date"
	}
	fmt.Fprintf(r.opts.Stdout, "docgen: %d module(s), %d %s, %d skipped, %d example problem(s), %d error(s)\n",
		rep.Modules, len(rep.Changed), verb, len(rep.Skipped), len(rep.Problems), len(rep.Errors))
}

// WriteAtomic replaces path with data through a temporary file in the same
// directory and a rename, so a reader never sees a half-written file.
func WriteAtomic(path string, data []byte) (err error) {
	if resolved, rerr := filepath.EvalSymlinks(path); rerr == nil {
		path = resolved // keep a symlinked README a symlink
	}
	mode := fs.FileMode(0o644)
	if info, serr := os.Stat(path); serr == nil {
		mode = info.Mode().Perm()
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".docgen-*")
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	defer func() {
		if err != nil {
			_ = os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		_ = tmp.Close()
		return fmt.Errorf("%s: writing: %w", path, err)
	}
	if err = tmp.Chmod(mode); err != nil {
		_ = tmp.Close()
		return fmt.Errorf("%s: %w", path, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// unwrapPathErr drops the path from an *fs.PathError, which callers
// already print.
func unwrapPathErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
