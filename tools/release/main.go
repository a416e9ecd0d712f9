// Command release cuts a release of this repository, or prints its notes.
//
//	go run ./tools/release cut -version X.Y.Z   # make release VERSION=X.Y.Z
//	go run ./tools/release notes -version X.Y.Z # the CHANGELOG section (release.yml)
//
// cut refuses a non-semver version, a dirty tree, an existing tag or a
// version not above the newest tag; then runs `make docs` and fails if it
// changed anything; runs `make check test` with RELEASE_VERSION=X.Y.Z (the
// interface test classifies the release with it: a breaking change without a
// major bump fails); moves the CHANGELOG.md Unreleased notes under
// "## [X.Y.Z] - today"; commits CHANGELOG.md and tags vX.Y.Z (annotated,
// with the notes). It does not push.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"time"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	usage := func() {
		fmt.Fprintln(stderr, "usage: release cut -version X.Y.Z [-date YYYY-MM-DD] [-make make]\n       release notes -version X.Y.Z [-changelog CHANGELOG.md]")
	}
	if len(args) == 0 {
		usage()
		return 2
	}
	flags := flag.NewFlagSet("release "+args[0], flag.ContinueOnError)
	flags.SetOutput(stderr)
	version := flags.String("version", "", "version to release, X.Y.Z (no leading v)")
	switch args[0] {
	case "cut":
		date := flags.String("date", time.Now().Format(time.DateOnly), "release date written to the changelog")
		makeBin := flags.String("make", "make", "make binary")
		dir := flags.String("C", ".", "repository directory")
		if err := flags.Parse(args[1:]); err != nil {
			return 2
		}
		c := &cutter{dir: *dir, make: *makeBin, date: *date, stdout: stdout, stderr: stderr}
		if err := c.cut(*version); err != nil {
			fmt.Fprintf(stderr, "release: %v\n", err)
			return 1
		}
		return 0
	case "notes":
		path := flags.String("changelog", "CHANGELOG.md", "changelog file")
		if err := flags.Parse(args[1:]); err != nil {
			return 2
		}
		notes, err := releaseNotes(*path, *version)
		if err != nil {
			fmt.Fprintf(stderr, "release: %v\n", err)
			return 1
		}
		fmt.Fprintln(stdout, notes)
		return 0
	default:
		usage()
		return 2
	}
}
