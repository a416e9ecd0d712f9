package realprovider

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/outerbounds/terraform-aws-metaflow/internal/tfschema"
)

// Schema returns the schema the binary serves, as `terraform providers
// schema -json` prints it, cached in cacheDir (the 5.x aws schema takes a few
// seconds to print and is 13 MB).
func Schema(ctx context.Context, terraform string, b Binary, cacheDir string) (*tfschema.Provider, error) {
	fi, err := os.Stat(b.Path)
	if err != nil {
		return nil, fmt.Errorf("real provider: %w", err)
	}
	// The size and time tell a replaced binary of the same version apart.
	name := strings.ReplaceAll(b.Source, "/", "_")
	cache := filepath.Join(cacheDir, fmt.Sprintf("real-%s-%s-%d-%d.json.gz", name, b.Version, fi.Size(), fi.ModTime().Unix()))
	if doc, err := tfschema.ReadGzip(cache); err == nil {
		if p, ok := doc.Schemas[b.Source]; ok {
			return p, nil
		}
	}
	doc, err := printSchema(ctx, terraform, b)
	if err != nil {
		return nil, err
	}
	p, ok := doc.Schemas[b.Source]
	if !ok {
		return nil, fmt.Errorf("terraform providers schema printed no %s", b.Source)
	}
	if err := tfschema.WriteGzip(cache, &tfschema.ProviderSchemas{FormatVersion: doc.FormatVersion, Schemas: map[string]*tfschema.Provider{b.Source: p}}); err != nil {
		return nil, err
	}
	return p, nil
}

// printSchema runs `terraform providers schema -json` on a configuration
// that needs only this provider, served through dev_overrides.
func printSchema(ctx context.Context, terraform string, b Binary) (*tfschema.ProviderSchemas, error) {
	dir, err := os.MkdirTemp("", "realprovider-schema-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	plugins := filepath.Join(dir, "plugins")
	typ := b.Source[strings.LastIndex(b.Source, "/")+1:]
	short := strings.TrimPrefix(b.Source, "registry.terraform.io/")
	files := map[string]string{
		"terraformrc":    fmt.Sprintf("provider_installation {\n  dev_overrides {\n    %q = %q\n  }\n  direct {}\n}\n", short, plugins),
		"config/main.tf": fmt.Sprintf("terraform {\n  required_providers {\n    %s = {\n      source = %q\n    }\n  }\n}\n", typ, short),
	}
	for rel, content := range files {
		p := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			return nil, err
		}
	}
	if err := os.MkdirAll(plugins, 0o755); err != nil {
		return nil, err
	}
	if err := os.Symlink(b.Path, filepath.Join(plugins, "terraform-provider-"+typ)); err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, terraform, "providers", "schema", "-json")
	cmd.Dir = filepath.Join(dir, "config")
	cmd.Env = append(os.Environ(), "TF_CLI_CONFIG_FILE="+filepath.Join(dir, "terraformrc"), "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("terraform providers schema -json with %s: %w: %s", b.Path, err, strings.TrimSpace(stderr.String()))
	}
	var doc tfschema.ProviderSchemas
	if err := json.Unmarshal(stdout.Bytes(), &doc); err != nil {
		return nil, fmt.Errorf("parse the schema %s printed: %w", b.Path, err)
	}
	return &doc, nil
}
