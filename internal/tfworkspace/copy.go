package tfworkspace

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
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
