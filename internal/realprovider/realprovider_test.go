package realprovider

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// mirrorWith lays out a filesystem mirror with one file per version.
func mirrorWith(t *testing.T, files map[string]os.FileMode) string {
	t.Helper()
	dir := t.TempDir()
	for rel, mode := range files {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("#!/bin/sh\n"), mode); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestFind(t *testing.T) {
	platform := runtime.GOOS + "_" + runtime.GOARCH
	aws := "registry.terraform.io/hashicorp/aws/"
	tests := []struct {
		name        string
		files       map[string]os.FileMode
		wantVersion string
		wantErr     string
	}{
		{
			name: "newest executable version wins",
			files: map[string]os.FileMode{
				aws + "5.9.0/" + platform + "/terraform-provider-aws_v5.9.0_x5":     0o755,
				aws + "5.100.0/" + platform + "/terraform-provider-aws_v5.100.0_x5": 0o755,
			},
			wantVersion: "5.100.0",
		},
		{
			name: "a file that is not executable is not a provider",
			files: map[string]os.FileMode{
				aws + "5.100.0/" + platform + "/terraform-provider-aws_v5.100.0_x5": 0o644,
				aws + "5.9.0/" + platform + "/terraform-provider-aws_v5.9.0_x5":     0o755,
			},
			wantVersion: "5.9.0",
		},
		{
			name:    "other platform only",
			files:   map[string]os.FileMode{aws + "5.100.0/plan9_386/terraform-provider-aws_v5.100.0_x5": 0o755},
			wantErr: "no executable registry.terraform.io/hashicorp/aws for " + platform,
		},
		{
			name:    "mirror without aws",
			files:   map[string]os.FileMode{"registry.terraform.io/hashicorp/random/3.7.2/" + platform + "/terraform-provider-random_v3.7.2_x5": 0o755},
			wantErr: "has no registry.terraform.io/hashicorp/aws",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mirror := mirrorWith(t, tt.files)
			b, err := Find(mirror, "registry.terraform.io/hashicorp/aws", "test")
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !errors.Is(err, ErrNotConfigured) {
					t.Fatalf("Find() error = %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("Find(): %v", err)
			}
			if b.Version != tt.wantVersion || !strings.HasSuffix(b.Path, "_v"+tt.wantVersion+"_x5") || b.Mirror != mirror {
				t.Fatalf("Find() = %+v, want version %s", b, tt.wantVersion)
			}
		})
	}
}

func TestFindAWSSetting(t *testing.T) {
	platform := runtime.GOOS + "_" + runtime.GOARCH
	mirror := mirrorWith(t, map[string]os.FileMode{
		"registry.terraform.io/hashicorp/aws/5.100.0/" + platform + "/terraform-provider-aws_v5.100.0_x5": 0o755,
	})
	repo := t.TempDir()

	t.Setenv(EnvMirror, "")
	if _, err := FindAWS(repo); err == nil || !strings.Contains(err.Error(), EnvMirror+" is not set") {
		t.Fatalf("no setting: error = %v, want one naming %s", err, EnvMirror)
	}

	// What make setup writes is read when the environment is silent.
	if err := os.MkdirAll(filepath.Join(repo, ".bin"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(repo, settingFile), []byte(mirror+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if b, err := FindAWS(repo); err != nil || b.Version != "5.100.0" {
		t.Fatalf("setting file: FindAWS() = %+v, %v", b, err)
	}

	// The environment wins over the file.
	t.Setenv(EnvMirror, t.TempDir())
	if _, err := FindAWS(repo); err == nil || !strings.Contains(err.Error(), "(from "+EnvMirror+")") {
		t.Fatalf("empty mirror in the environment: error = %v", err)
	}
}
