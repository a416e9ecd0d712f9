// Package realprovider finds a real provider binary in a Terraform
// filesystem mirror, the one place a machine without registry access can
// get one from. The mirror is a setting: TF_AWS_PROVIDER_MIRROR, which
// `make setup` finds and writes to .bin/aws-provider-mirror.
package realprovider

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"

	"github.com/hashicorp/go-version"
)

// EnvMirror names the setting: a filesystem mirror directory.
const EnvMirror = "TF_AWS_PROVIDER_MIRROR"

// settingFile is where `make setup` records the mirror it found, relative to
// the repository root; read when the environment does not say.
const settingFile = ".bin/aws-provider-mirror"

// Binary is one provider executable in a mirror.
type Binary struct {
	Source  string // registry.terraform.io/hashicorp/aws
	Version string // 5.100.0
	Path    string // the executable
	Mirror  string // the mirror directory it was found in
}

// ErrNotConfigured is returned (wrapped, with what to do) when no mirror is set.
var ErrNotConfigured = errors.New("no real hashicorp/aws provider")

// FindAWS returns the newest hashicorp/aws binary for this platform in the
// mirror named by TF_AWS_PROVIDER_MIRROR, or else by .bin/aws-provider-mirror
// under repoRoot. The error says what is missing in one line, fit for a skip
// message.
func FindAWS(repoRoot string) (Binary, error) {
	mirror, from := os.Getenv(EnvMirror), EnvMirror
	if mirror == "" {
		b, err := os.ReadFile(filepath.Join(repoRoot, settingFile))
		if err != nil {
			return Binary{}, fmt.Errorf("%w: %s is not set and `make setup` found none (%s is absent); point %s at a Terraform filesystem mirror holding registry.terraform.io/hashicorp/aws",
				ErrNotConfigured, EnvMirror, settingFile, EnvMirror)
		}
		mirror, from = strings.TrimSpace(string(b)), settingFile
	}
	return Find(mirror, "registry.terraform.io/hashicorp/aws", from)
}

// Find returns the newest version of source (hostname/namespace/type) for
// this platform in mirror; from names the setting the mirror came from.
func Find(mirror, source, from string) (Binary, error) {
	dir := filepath.Join(mirror, filepath.FromSlash(source))
	entries, err := os.ReadDir(dir)
	if err != nil {
		return Binary{}, fmt.Errorf("%w: the mirror %s (from %s) has no %s: %v", ErrNotConfigured, mirror, from, source, err)
	}
	var versions []*version.Version
	for _, e := range entries {
		if v, err := version.NewVersion(e.Name()); err == nil && e.IsDir() {
			versions = append(versions, v)
		}
	}
	sort.Sort(sort.Reverse(version.Collection(versions)))
	platform := runtime.GOOS + "_" + runtime.GOARCH
	typ := source[strings.LastIndex(source, "/")+1:]
	for _, v := range versions {
		matches, _ := filepath.Glob(filepath.Join(dir, v.Original(), platform, "terraform-provider-"+typ+"_v*"))
		for _, m := range matches {
			if fi, err := os.Stat(m); err == nil && fi.Mode().IsRegular() && fi.Mode()&0o111 != 0 {
				return Binary{Source: source, Version: v.Original(), Path: m, Mirror: mirror}, nil
			}
		}
	}
	return Binary{}, fmt.Errorf("%w: the mirror %s (from %s) has no executable %s for %s", ErrNotConfigured, mirror, from, source, platform)
}
