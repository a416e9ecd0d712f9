// Package tfworkspace prepares a temporary copy of the repository's
// Terraform tree that terraform can validate, test and plan with no access
// to the provider or module registries: registry modules are replaced by
// stand-ins generated from their published interfaces, and providers are
// served from their extracted schemas (internal/schemaprovider) or, for
// hashicorp/aws, optionally by a real provider binary from a filesystem
// mirror, with the copy rewritten across the version gap (internal/versiongap).
//
// The real tree is never written to.
package tfworkspace

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/outerbounds/terraform-aws-metaflow/internal/cdktf"
	"github.com/outerbounds/terraform-aws-metaflow/internal/realprovider"
	"github.com/outerbounds/terraform-aws-metaflow/internal/versiongap"
)

// ServeFlag makes the Server executable a provider plugin:
// SERVER -serve-provider NAME SOURCE SCHEMA.json.gz
const ServeFlag = "-serve-provider"

// Options say what to copy and which providers to install.
type Options struct {
	Root      string // the real tree (repository root)
	CacheDir  string // provider schema cache
	Terraform string // terraform binary
	// Server is an executable that serves a schema as a provider plugin when
	// run with ServeFlag (tools/offline-validate is one).
	Server string
	// AWSSchema overrides the pinned hashicorp/aws schema (for example
	// cdktf.AWSNewest); nil: the one in cdktf.Pins.
	AWSSchema *cdktf.Pin
	// RealAWS, when set, serves hashicorp/aws with this binary instead of a
	// schema, and rewrites the copy across the schema differences listed in
	// versiongap.AWS5 (any other difference fails Prepare).
	RealAWS *realprovider.Binary
	Logf    func(format string, args ...any)
}

// Workspace is a prepared copy. Close removes it.
type Workspace struct {
	Dir       string          // the temporary directory
	Tree      string          // the copy of the tree inside Dir
	Env       []string        // environment for terraform
	Sources   []SourceRewrite // registry module calls pointed at stand-ins
	Gap       *versiongap.Gap // with RealAWS: what was compared and rewritten
	terraform string
}

// Prepare copies opts.Root and installs the providers and stand-ins.
func Prepare(ctx context.Context, opts Options) (w *Workspace, err error) {
	if opts.Logf == nil {
		opts.Logf = func(string, ...any) {}
	}
	dir, err := os.MkdirTemp("", "tfworkspace-")
	if err != nil {
		return nil, err
	}
	w = &Workspace{Dir: dir, Tree: filepath.Join(dir, "tree"), terraform: opts.Terraform}
	defer func() {
		if err != nil {
			w.Close()
			w = nil
		}
	}()
	if err := copyTree(opts.Root, w.Tree); err != nil {
		return w, fmt.Errorf("copy tree: %w", err)
	}
	specs, err := loadModuleSpecs()
	if err != nil {
		return w, err
	}
	if err := writeStandins(w.Tree, specs); err != nil {
		return w, err
	}
	if w.Sources, err = rewriteSources(w.Tree, specs); err != nil {
		return w, err
	}
	if opts.RealAWS != nil {
		if w.Gap, err = bridgeVersionGap(ctx, opts, w.Tree); err != nil {
			return w, err
		}
	}
	cliConfig, err := installProviders(w.Dir, opts)
	if err != nil {
		return w, err
	}
	w.Env = terraformEnv(cliConfig)
	return w, nil
}

// Close removes the workspace.
func (w *Workspace) Close() {
	if w != nil && w.Dir != "" {
		os.RemoveAll(w.Dir)
	}
}

// Result is what one terraform command printed and how it exited.
type Result struct {
	Stdout, Stderr string
	Code           int
}

// Terraform runs terraform in dir (relative to the workspace's Dir; the
// tree's configurations are under "tree/") with the workspace's environment
// plus extra. A non-zero exit is a Result, not an error.
func (w *Workspace) Terraform(ctx context.Context, dir string, extra []string, args ...string) (Result, error) {
	cmd := exec.CommandContext(ctx, w.terraform, args...)
	cmd.Dir = filepath.Join(w.Dir, dir)
	cmd.Env = append(append([]string{}, w.Env...), extra...)
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	res := Result{Stdout: stdout.String(), Stderr: stderr.String()}
	if err != nil {
		ee, ok := err.(*exec.ExitError)
		if !ok {
			return res, fmt.Errorf("terraform %s in %s: %w", strings.Join(args, " "), dir, err)
		}
		res.Code = ee.ExitCode()
	}
	return res, nil
}

// bridgeVersionGap compares what the copy's configurations use of the 6.x
// schema with the real binary's schema and rewrites the copy across the
// listed differences.
func bridgeVersionGap(ctx context.Context, opts Options, tree string) (*versiongap.Gap, error) {
	pin, _ := cdktf.PinFor("aws")
	newer, _, err := cdktf.Load(ctx, opts.CacheDir, "aws", opts.Logf)
	if err != nil {
		return nil, err
	}
	older, err := realprovider.Schema(ctx, opts.Terraform, *opts.RealAWS, opts.CacheDir)
	if err != nil {
		return nil, err
	}
	configs, err := DiscoverConfigs(tree)
	if err != nil {
		return nil, err
	}
	uses, err := versiongap.Collect(tree, configs, "aws")
	if err != nil {
		return nil, err
	}
	gap := versiongap.Compare(uses,
		versiongap.Schema{Name: "hashicorp/aws " + pin.ProviderVersion, Provider: newer},
		versiongap.Schema{Name: "hashicorp/aws " + opts.RealAWS.Version, Provider: older},
		versiongap.AWS5)
	if !gap.OK() {
		return &gap, fmt.Errorf("the real provider %s cannot plan a copy of this tree: its schema differs from %s where versiongap.AWS5 lists nothing:\n%s",
			opts.RealAWS.Version, pin.ProviderVersion, gap.Error())
	}
	if err := versiongap.Rewrite(tree, gap.Apply); err != nil {
		return &gap, err
	}
	return &gap, nil
}

// DiscoverConfigs lists the configurations under root: the root itself,
// modules/*, examples/*, each only if it holds a .tf file.
func DiscoverConfigs(root string) ([]string, error) {
	var out []string
	if hasTF(root) {
		out = append(out, ".")
	}
	for _, parent := range []string{"modules", "examples"} {
		entries, err := os.ReadDir(filepath.Join(root, parent))
		if os.IsNotExist(err) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("list %s: %w", parent, err)
		}
		for _, e := range entries {
			dir := filepath.Join(parent, e.Name())
			if e.IsDir() && hasTF(filepath.Join(root, dir)) {
				out = append(out, dir)
			}
		}
	}
	return out, nil
}

func hasTF(dir string) bool {
	matches, _ := filepath.Glob(filepath.Join(dir, "*.tf"))
	return len(matches) > 0
}

// TestFiles lists the tests/*.tftest.hcl of a configuration (relative to it).
func TestFiles(dir string) []string {
	matches, _ := filepath.Glob(filepath.Join(dir, "tests", "*.tftest.hcl"))
	var out []string
	for _, m := range matches {
		out = append(out, filepath.Join("tests", filepath.Base(m)))
	}
	return out
}
