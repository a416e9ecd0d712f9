package tfworkspace

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/outerbounds/terraform-aws-metaflow/internal/cdktf"
)

// installProviders puts one executable per pinned provider into
// DIR/plugins (a launcher script that re-executes opts.Server in plugin
// mode, or for hashicorp/aws with opts.RealAWS a link to the real binary)
// and writes a CLI config whose dev_overrides point every provider there.
// dev_overrides ignore version constraints, which is what lets a 5.x binary
// stand in for the `>= 6.28` the module requires. It returns the CLI config path.
func installProviders(dir string, opts Options) (string, error) {
	pluginDir := filepath.Join(dir, "plugins")
	if err := os.MkdirAll(pluginDir, 0o755); err != nil {
		return "", fmt.Errorf("plugin dir: %w", err)
	}
	var overrides strings.Builder
	for _, p := range cdktf.Pins {
		exe := filepath.Join(pluginDir, "terraform-provider-"+p.Name)
		switch {
		case p.Name == "aws" && opts.RealAWS != nil:
			if err := os.Symlink(opts.RealAWS.Path, exe); err != nil {
				return "", fmt.Errorf("link the real provider: %w", err)
			}
		default:
			if p.Name == "aws" && opts.AWSSchema != nil {
				p = *opts.AWSSchema
			}
			script := fmt.Sprintf("#!/bin/sh\nexec %q %s %q %q %q \"$@\"\n", opts.Server, ServeFlag, p.Name, p.Source, cdktf.CachePath(opts.CacheDir, p))
			if err := os.WriteFile(exe, []byte(script), 0o755); err != nil {
				return "", fmt.Errorf("write provider launcher: %w", err)
			}
		}
		fmt.Fprintf(&overrides, "    %q = %q\n", strings.TrimPrefix(p.Source, "registry.terraform.io/"), pluginDir)
	}
	cfg := fmt.Sprintf("provider_installation {\n  dev_overrides {\n%s  }\n  direct {}\n}\n", overrides.String())
	path := filepath.Join(dir, "terraformrc")
	if err := os.WriteFile(path, []byte(cfg), 0o644); err != nil {
		return "", fmt.Errorf("write CLI config: %w", err)
	}
	return path, nil
}

// terraformEnv is the environment for terraform child processes: the
// caller's, with our CLI config replacing any TF_CLI_CONFIG_FILE and nothing
// that would make terraform reach out, prompt, or read the caller's
// variables or AWS credentials.
func terraformEnv(cliConfig string) []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		switch k {
		case "TF_CLI_CONFIG_FILE", "TERRAFORM_CONFIG", "TF_PLUGIN_CACHE_DIR", "TF_DATA_DIR", "TF_WORKSPACE", "TF_LOG", "TF_LOG_PATH":
			continue
		}
		if strings.HasPrefix(k, "TF_VAR_") || strings.HasPrefix(k, "AWS_") {
			continue
		}
		env = append(env, kv)
	}
	return append(env, "TF_CLI_CONFIG_FILE="+cliConfig, "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1", "TF_INPUT=0",
		// A real provider must never find credentials or an instance role.
		"AWS_CONFIG_FILE=/dev/null", "AWS_SHARED_CREDENTIALS_FILE=/dev/null", "AWS_EC2_METADATA_DISABLED=true")
}
