// Package tfdocs resolves terraform-docs configuration for a module directory
// and renders the module's documentation with the terraform-docs library, the
// same code the v0.24.0 CLI runs, so the bytes match the CLI's.
package tfdocs

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	goversion "github.com/hashicorp/go-version"
	"github.com/spf13/viper"
	inspect "github.com/terraform-docs/terraform-config-inspect/tfconfig"
	"github.com/terraform-docs/terraform-docs/format"
	"github.com/terraform-docs/terraform-docs/print"
	"github.com/terraform-docs/terraform-docs/terraform"
)

// LibraryVersion is the terraform-docs version docgen is built against; a
// config's `version` constraint is checked against it, as the CLI does.
const LibraryVersion = "0.24.0"

// ConfigName is the file looked up in a module directory and its ancestors.
const ConfigName = ".terraform-docs.yml"

// BuiltIn names the embedded default configuration in messages.
const BuiltIn = "(built-in default)"

//go:embed default.terraform-docs.yml
var defaultYAML []byte

// DefaultYAML returns the built-in configuration, byte-identical to the
// repository's root .terraform-docs.yml.
func DefaultYAML() []byte { return bytes.Clone(defaultYAML) }

// Config is one parsed configuration file.
type Config struct {
	Source string // file it was read from, or BuiltIn
	base   print.Config
}

// Load reads a configuration file the way `terraform-docs -c FILE` does:
// defaults first, then the file's keys on top.
func Load(path string) (*Config, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if _, err := os.Stat(abs); err != nil {
		return nil, fmt.Errorf("config %s: %w", path, err)
	}
	v := viper.New()
	v.SetConfigFile(abs)
	if err := v.ReadInConfig(); err != nil {
		return nil, fmt.Errorf("config %s: %w", path, err)
	}
	return decode(v, path)
}

// Default returns the built-in configuration.
func Default() (*Config, error) {
	v := viper.New()
	v.SetConfigType("yaml")
	if err := v.ReadConfig(bytes.NewReader(defaultYAML)); err != nil {
		return nil, fmt.Errorf("%s: %w", BuiltIn, err)
	}
	return decode(v, BuiltIn)
}

func decode(v *viper.Viper, source string) (*Config, error) {
	cfg := print.DefaultConfig()
	cfg.File = source
	if err := v.Unmarshal(cfg); err != nil {
		return nil, fmt.Errorf("config %s: unable to decode: %w", source, err)
	}
	cfg.Parse()
	if err := checkConstraint(cfg.Version, LibraryVersion); err != nil {
		return nil, fmt.Errorf("config %s: %w", source, err)
	}
	return &Config{Source: source, base: *cfg}, nil
}

// checkConstraint mirrors the CLI: a `version` key that the running version
// does not satisfy is an error.
func checkConstraint(versionRange, current string) error {
	if versionRange == "" {
		return nil
	}
	semver, err := goversion.NewSemver(current)
	if err != nil {
		return err
	}
	constraint, err := goversion.NewConstraint(versionRange)
	if err != nil || !constraint.Check(semver) {
		return fmt.Errorf("current version: %s, constraints: '%s'", semver, constraint)
	}
	return nil
}

// ForModule returns the validated print configuration for one module
// directory; the shared base is not modified. The `recursive` keys are
// validated but not acted on: docgen finds the modules itself, and each one
// is rendered exactly as the CLI renders that directory.
func (c *Config) ForModule(dir string) (*print.Config, error) {
	cfg := c.base
	cfg.ModuleRoot = dir
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("config %s: %w", c.Source, err)
	}
	if cfg.Output.File == "" {
		return nil, fmt.Errorf("config %s: output.file is empty; docgen only writes files (set output.file: README.md)", c.Source)
	}
	return &cfg, nil
}

// Render loads the module in cfg.ModuleRoot and renders its documentation
// (before the output template is applied), as the CLI's generateContent does.
func Render(cfg *print.Config) (content string, err error) {
	defer func() {
		// The library panics on some template errors (e.g. a failing include).
		if r := recover(); r != nil {
			err = fmt.Errorf("%s: rendering: %v", cfg.ModuleRoot, r)
		}
	}()
	module, err := terraform.LoadWithOptions(cfg)
	if err != nil {
		return "", loadError(cfg.ModuleRoot, err)
	}
	formatter, err := format.New(cfg)
	if err != nil {
		return "", fmt.Errorf("config %s: %w (docgen does not run terraform-docs plugins)", cfg.File, err)
	}
	if err := formatter.Generate(module); err != nil {
		return "", fmt.Errorf("%s: generating: %w", cfg.ModuleRoot, err)
	}
	content, err = formatter.Render(cfg.Content)
	if err != nil {
		return "", fmt.Errorf("config %s: rendering content for %s: %w", cfg.File, cfg.ModuleRoot, err)
	}
	return content, nil
}

// loadError names the file and line of the first error the loader reports.
func loadError(dir string, err error) error {
	var diags inspect.Diagnostics
	if errors.As(err, &diags) {
		var msgs []string
		for _, d := range diags {
			if d.Severity != inspect.DiagError {
				continue
			}
			where := dir
			if d.Pos != nil {
				where = fmt.Sprintf("%s:%d", d.Pos.Filename, d.Pos.Line)
			}
			msg := where + ": " + d.Summary
			if d.Detail != "" {
				msg += "; " + d.Detail
			}
			msgs = append(msgs, msg)
		}
		if len(msgs) > 0 {
			return errors.New(strings.Join(msgs, "\n"))
		}
	}
	var pathErr *fs.PathError
	if errors.As(err, &pathErr) {
		return err
	}
	return fmt.Errorf("%s: %w", dir, err)
}

// Resolver finds the configuration of a module directory: its own
// .terraform-docs.yml, else the nearest ancestor's up to the repository
// root, else the built-in default. Each file is parsed once.
type Resolver struct {
	// Root bounds the upward search. Empty means: the nearest ancestor
	// holding .git, or the directory itself when there is none.
	Root string

	cache map[string]*Config
	dflt  *Config
}

// Resolve returns the configuration for dir.
func (r *Resolver) Resolve(dir string) (*Config, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", dir, err)
	}
	path, err := r.Find(abs)
	if err != nil {
		return nil, err
	}
	if path == "" {
		if r.dflt == nil {
			if r.dflt, err = Default(); err != nil {
				return nil, err
			}
		}
		return r.dflt, nil
	}
	if c, ok := r.cache[path]; ok {
		return c, nil
	}
	c, err := Load(path)
	if err != nil {
		return nil, err
	}
	if r.cache == nil {
		r.cache = map[string]*Config{}
	}
	r.cache[path] = c
	return c, nil
}

// Find returns the configuration file that applies to the absolute
// directory dir, or "" for the built-in default.
func (r *Resolver) Find(dir string) (string, error) {
	stop := r.stopFor(dir)
	for d := dir; ; d = filepath.Dir(d) {
		candidate := filepath.Join(d, ConfigName)
		info, err := os.Stat(candidate)
		switch {
		case err == nil && !info.IsDir():
			return candidate, nil
		case err != nil && !errors.Is(err, fs.ErrNotExist):
			return "", fmt.Errorf("config %s: %w", candidate, err)
		}
		if d == stop || filepath.Dir(d) == d {
			return "", nil
		}
	}
}

func (r *Resolver) stopFor(dir string) string {
	if r.Root != "" {
		if root, err := filepath.Abs(r.Root); err == nil && within(root, dir) {
			return root
		}
	}
	if root := RepoRoot(dir); root != "" {
		return root
	}
	return dir
}

// RepoRoot returns the nearest ancestor of dir (inclusive) that holds a .git
// entry, or "".
func RepoRoot(dir string) string {
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, ".git")); err == nil {
			return d
		}
		if filepath.Dir(d) == d {
			return ""
		}
	}
}

// within reports whether path is root or below it.
func within(root, path string) bool {
	rel, err := filepath.Rel(root, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}
