package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/outerbounds/terraform-aws-metaflow/internal/cdktf"
)

// skipDirs are never copied into the workspace: VCS data, build outputs and
// caches, Terraform working dirs, Go tests.
var skipDirs = map[string]bool{".git": true, ".cache": true, ".bin": true, ".terraform": true, "node_modules": true, "test": true}

// copyTree copies the configuration tree src into dst (both directories).
// Only the repository root's test/ (Go tests) is skipped; tests/ dirs are kept.
func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		if d.IsDir() {
			if rel != "." && (skipDirs[d.Name()] && (d.Name() != "test" || filepath.Dir(rel) == ".")) {
				return filepath.SkipDir
			}
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		name := d.Name()
		if strings.HasSuffix(name, ".tfstate") || name == ".terraform.lock.hcl" {
			return nil
		}
		return copyFile(path, filepath.Join(dst, rel))
	})
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return fmt.Errorf("copy %s: %w", src, err)
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return fmt.Errorf("copy to %s: %w", dst, err)
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return fmt.Errorf("copy %s: %w", src, err)
	}
	return out.Close()
}

// installProviders writes one launcher script per pinned provider into
// pluginDir (terraform-provider-<name> re-executes this binary in plugin
// mode) and a CLI config whose dev_overrides point every provider there.
// It returns the CLI config path.
func installProviders(workDir, self, schemaDir string) (string, error) {
	pluginDir := filepath.Join(workDir, "plugins")
	if err := os.MkdirAll(pluginDir, 0o755); err != nil {
		return "", fmt.Errorf("plugin dir: %w", err)
	}
	var overrides strings.Builder
	for _, p := range cdktf.Pins {
		script := fmt.Sprintf("#!/bin/sh\nexec %q %s %q %q %q \"$@\"\n", self, serveFlag, p.Name, p.Source, cdktf.CachePath(schemaDir, p))
		if err := os.WriteFile(filepath.Join(pluginDir, "terraform-provider-"+p.Name), []byte(script), 0o755); err != nil {
			return "", fmt.Errorf("write provider launcher: %w", err)
		}
		fmt.Fprintf(&overrides, "    %q = %q\n", strings.TrimPrefix(p.Source, "registry.terraform.io/"), pluginDir)
	}
	cfg := fmt.Sprintf("provider_installation {\n  dev_overrides {\n%s  }\n  direct {}\n}\n", overrides.String())
	path := filepath.Join(workDir, "terraformrc")
	if err := os.WriteFile(path, []byte(cfg), 0o644); err != nil {
		return "", fmt.Errorf("write CLI config: %w", err)
	}
	return path, nil
}

// terraformEnv is the environment for terraform child processes: the
// caller's, with our CLI config replacing any TF_CLI_CONFIG_FILE and nothing
// that would make terraform reach out or prompt.
func terraformEnv(cliConfig string) []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		switch k {
		case "TF_CLI_CONFIG_FILE", "TERRAFORM_CONFIG", "TF_PLUGIN_CACHE_DIR", "TF_DATA_DIR", "TF_WORKSPACE", "TF_LOG", "TF_LOG_PATH":
			continue
		}
		if strings.HasPrefix(k, "TF_VAR_") {
			continue
		}
		env = append(env, kv)
	}
	return append(env, "TF_CLI_CONFIG_FILE="+cliConfig, "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1", "TF_INPUT=0")
}

// discoverConfigs lists the configurations under root: the root itself,
// modules/*, examples/* — each only if it holds a .tf file.
func discoverConfigs(root string) ([]string, error) {
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

// testFiles lists tests/*.tftest.hcl of a configuration (relative to it).
func testFiles(dir string) []string {
	matches, _ := filepath.Glob(filepath.Join(dir, "tests", "*.tftest.hcl"))
	var out []string
	for _, m := range matches {
		out = append(out, filepath.Join("tests", filepath.Base(m)))
	}
	return out
}
