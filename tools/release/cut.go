package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"

	"golang.org/x/mod/semver"

	"github.com/outerbounds/terraform-aws-metaflow/tools/release/internal/changelog"
)

// semverRe is MAJOR.MINOR.PATCH with an optional pre-release, no leading v
// (the tag adds it); build metadata is refused, tags carry none.
var semverRe = regexp.MustCompile(`^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$`)

// ValidVersion explains why version is not acceptable, or returns nil.
func ValidVersion(version string) error {
	if version == "" {
		return errors.New("VERSION is required: make release VERSION=X.Y.Z")
	}
	if semverRe.MatchString(version) {
		return nil
	}
	if semverRe.MatchString(strings.TrimPrefix(version, "v")) {
		return fmt.Errorf("version %q: give X.Y.Z without the leading v (the tag is v%s)", version, strings.TrimPrefix(version, "v"))
	}
	return fmt.Errorf("version %q is not a semantic version X.Y.Z (optionally -prerelease)", version)
}

const changelogFile = "CHANGELOG.md"

type cutter struct {
	dir, make, date string
	stdout, stderr  io.Writer
}

// git runs git in the repository and returns its trimmed stdout.
func (c *cutter) git(args ...string) (string, error) {
	cmd := exec.Command("git", append([]string{"-C", c.dir}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("git %s: %w: %s", strings.Join(args, " "), err, strings.TrimSpace(stderr.String()))
	}
	return strings.TrimRight(string(out), "\r\n"), nil
}

// dirty lists uncommitted or untracked (not ignored) paths.
func (c *cutter) dirty() (string, error) {
	return c.git("status", "--porcelain", "--untracked-files=all")
}

func (c *cutter) runMake(env []string, targets ...string) error {
	fmt.Fprintf(c.stdout, "release: %s %s\n", c.make, strings.Join(targets, " "))
	cmd := exec.Command(c.make, targets...)
	cmd.Dir = c.dir
	cmd.Env = append(os.Environ(), env...)
	cmd.Stdout, cmd.Stderr = c.stdout, c.stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s %s: %w", c.make, strings.Join(targets, " "), err)
	}
	return nil
}

// newestTag returns the highest vX.Y.Z tag, or "".
func (c *cutter) newestTag() (string, error) {
	out, err := c.git("tag", "--list", "v[0-9]*")
	if err != nil {
		return "", err
	}
	newest := ""
	for _, tag := range strings.Fields(out) {
		if ValidVersion(strings.TrimPrefix(tag, "v")) == nil && (newest == "" || semver.Compare(tag, newest) > 0) {
			newest = tag
		}
	}
	return newest, nil
}

func (c *cutter) cut(version string) error {
	if err := ValidVersion(version); err != nil {
		return err
	}
	tag := "v" + version
	top, err := c.git("rev-parse", "--show-toplevel")
	if err != nil {
		return err
	}
	c.dir = top
	if d, err := c.dirty(); err != nil {
		return err
	} else if d != "" {
		return fmt.Errorf("the working tree is not clean; commit or stash first:\n%s", d)
	}
	if _, err := c.git("rev-parse", "-q", "--verify", "refs/tags/"+tag); err == nil {
		return fmt.Errorf("tag %s already exists", tag)
	}
	prev, err := c.newestTag()
	if err != nil {
		return err
	}
	if prev != "" && semver.Compare(tag, prev) <= 0 {
		return fmt.Errorf("%s is not above the newest tag %s", tag, prev)
	}
	path := filepath.Join(c.dir, changelogFile)
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("%s: %w", changelogFile, err)
	}
	log := changelog.Parse(string(data))
	// Fail on the changelog before the long checks, not after them.
	if err := changelog.Parse(string(data)).Release(version, c.date); err != nil {
		return fmt.Errorf("%s: %w", changelogFile, err)
	}

	if err := c.runMake(nil, "docs"); err != nil {
		return err
	}
	if d, err := c.dirty(); err != nil {
		return err
	} else if d != "" {
		return fmt.Errorf("make docs changed the tree; review and commit the regenerated docs, then release again:\n%s", d)
	}
	if err := c.runMake([]string{"RELEASE_VERSION=" + version}, "check", "test"); err != nil {
		return err
	}
	if d, err := c.dirty(); err != nil {
		return err
	} else if d != "" {
		return fmt.Errorf("make check test left changes in the tree:\n%s", d)
	}

	if err := log.Release(version, c.date); err != nil {
		return fmt.Errorf("%s: %w", changelogFile, err)
	}
	notes, err := log.Notes(version)
	if err != nil {
		return fmt.Errorf("%s: %w", changelogFile, err)
	}
	if err := os.WriteFile(path, []byte(log.String()), 0o644); err != nil {
		return fmt.Errorf("%s: %w", changelogFile, err)
	}
	if _, err := c.git("commit", "-m", "Release "+tag, "--", changelogFile); err != nil {
		return err
	}
	if _, err := c.git("tag", "-a", tag, "-m", tag+"\n\n"+notes); err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "release: committed %s and tagged %s; publish with: git push origin HEAD %s\n", changelogFile, tag, tag)
	return nil
}

// releaseNotes returns the changelog section of version.
func releaseNotes(path, version string) (string, error) {
	version = strings.TrimPrefix(version, "v") // the workflow passes the tag
	if err := ValidVersion(version); err != nil {
		return "", err
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	notes, err := changelog.Parse(string(data)).Notes(version)
	if err != nil {
		return "", fmt.Errorf("%s: %w", path, err)
	}
	return notes, nil
}
