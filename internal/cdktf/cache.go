package cdktf

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/outerbounds/terraform-aws-metaflow/internal/tfschema"
)

// ExtractorRevision is part of every cache file name: bump it whenever the
// extraction changes what it produces, so stale caches are never read.
const ExtractorRevision = 5

// CachePath is where the extracted schema of a pin lives under cacheDir.
func CachePath(cacheDir string, p Pin) string {
	return filepath.Join(cacheDir, fmt.Sprintf("%s-%s.r%d.json.gz", p.Name, p.Version, ExtractorRevision))
}

// Logf prints progress.
type Logf func(format string, args ...any)

// Ensure returns the cached schema file of p, running `npm pack` and the
// extraction first when it is missing.
func Ensure(ctx context.Context, cacheDir string, p Pin, logf Logf) (string, error) {
	dst := CachePath(cacheDir, p)
	if _, err := os.Stat(dst); err == nil {
		return dst, nil
	}
	start := time.Now()
	tmp, err := os.MkdirTemp("", "tfschema-npm-")
	if err != nil {
		return "", fmt.Errorf("temp dir for npm pack: %w", err)
	}
	defer os.RemoveAll(tmp)
	spec := p.Package + "@" + p.Version
	logf("tfschema: npm pack %s (once; cached as %s)", spec, dst)
	cmd := exec.CommandContext(ctx, "npm", "pack", "--silent", "--pack-destination", tmp, spec)
	cmd.Dir = tmp
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("npm pack %s: %w: %s", spec, err, strings.TrimSpace(stderr.String()))
	}
	tgz := filepath.Join(tmp, strings.TrimSpace(lastLine(string(out))))
	f, err := os.Open(tgz)
	if err != nil {
		return "", fmt.Errorf("npm pack %s wrote no tarball: %w", spec, err)
	}
	defer f.Close()
	doc, info, stats, err := Extract(f, Options{NestedAttributes: p.NestedAttributes})
	if err != nil {
		return "", fmt.Errorf("extract %s: %w", spec, err)
	}
	if info.ProviderVersion != p.ProviderVersion || info.ProviderSource != p.Source {
		return "", fmt.Errorf("%s was generated from %s %s, pin says %s %s", spec, info.ProviderSource, info.ProviderVersion, p.Source, p.ProviderVersion)
	}
	if len(stats.Unresolved) > 0 {
		logf("tfschema: %s: %d generated names could not be resolved (their attributes are missing): %s", spec, len(stats.Unresolved), strings.Join(first(stats.Unresolved, 5), ", "))
	}
	if len(stats.Recursive) > 0 {
		logf("tfschema: %s: %d struct functions met inside themselves were cut there (their blocks are empty at that depth): %s", spec, len(stats.Recursive), strings.Join(first(stats.Recursive, 5), ", "))
	}
	if err := tfschema.WriteGzip(dst, doc); err != nil {
		return "", err
	}
	logf("tfschema: %s -> %s %s: %d resources, %d data sources, %d ephemeral resources (%.1fs)", spec, p.Source, p.ProviderVersion, stats.Resources, stats.DataSources, stats.EphemeralResources, time.Since(start).Seconds())
	return dst, nil
}

// EnsureAll makes sure every pin's schema (and AWSNewest's) is cached and returns
// "name@providerVersion" -> path.
// Missing ones are fetched concurrently (npm start-up dominates the small ones).
func EnsureAll(ctx context.Context, cacheDir string, logf Logf) (map[string]string, error) {
	var mu sync.Mutex
	safeLogf := func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		logf(format, args...)
	}
	pins := allPins()
	paths := make([]string, len(pins))
	errs := make([]error, len(pins))
	sem := make(chan struct{}, 4)
	var wg sync.WaitGroup
	for i, p := range pins {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			paths[i], errs[i] = Ensure(ctx, cacheDir, p, safeLogf)
		}()
	}
	wg.Wait()
	out := map[string]string{}
	for i, p := range pins {
		if errs[i] != nil {
			return nil, errs[i]
		}
		out[p.Name+"@"+p.ProviderVersion] = paths[i]
	}
	return out, nil
}

// Load returns the cached (fetching if needed) schema of a provider by local name.
func Load(ctx context.Context, cacheDir, name string, logf Logf) (*tfschema.Provider, Pin, error) {
	p, ok := PinFor(name)
	if !ok {
		return nil, Pin{}, fmt.Errorf("no pinned schema for provider %q (pinned: %s)", name, pinNames())
	}
	path, err := Ensure(ctx, cacheDir, p, logf)
	if err != nil {
		return nil, p, err
	}
	doc, err := tfschema.ReadGzip(path)
	if err != nil {
		return nil, p, err
	}
	_, prov, err := doc.Only()
	return prov, p, err
}

func pinNames() string {
	var names []string
	for _, p := range Pins {
		names = append(names, p.Name)
	}
	return strings.Join(names, ", ")
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}

func first(s []string, n int) []string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

// RepoRoot walks up from the working directory to the directory holding go.mod.
func RepoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("working directory: %w", err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no go.mod above the working directory")
		}
		dir = parent
	}
}

// DefaultCacheDir is <repo root>/.cache/tfschema.
func DefaultCacheDir() (string, error) {
	root, err := RepoRoot()
	if err != nil {
		return "", err
	}
	return filepath.Join(root, ".cache", "tfschema"), nil
}
