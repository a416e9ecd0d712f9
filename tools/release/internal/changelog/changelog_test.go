package changelog

import (
	"strings"
	"testing"
)

const before = `# Changelog

Intro.

## [Unreleased]

### Added

- A thing.

## [1.0.0] - 2025-01-01

### Added

- First.

[Unreleased]: https://github.com/o/r/compare/v1.0.0...HEAD
[1.0.0]: https://github.com/o/r/releases/tag/v1.0.0
`

const after = `# Changelog

Intro.

## [Unreleased]

## [1.1.0] - 2025-02-03

### Added

- A thing.

## [1.0.0] - 2025-01-01

### Added

- First.

[Unreleased]: https://github.com/o/r/compare/v1.1.0...HEAD
[1.1.0]: https://github.com/o/r/compare/v1.0.0...v1.1.0
[1.0.0]: https://github.com/o/r/releases/tag/v1.0.0
`

func TestRelease(t *testing.T) {
	c := Parse(before)
	if got := c.Latest(); got != "1.0.0" {
		t.Errorf("Latest = %q", got)
	}
	if err := c.Release("1.1.0", "2025-02-03"); err != nil {
		t.Fatal(err)
	}
	if got := c.String(); got != after {
		t.Errorf("got:\n%s\nwant:\n%s", got, after)
	}
	notes, err := c.Notes("1.1.0")
	if err != nil || notes != "### Added\n\n- A thing." {
		t.Errorf("Notes = %q, %v", notes, err)
	}
	if u, _ := c.Unreleased(); u != "" {
		t.Errorf("Unreleased after release = %q", u)
	}
	if err := c.Release("1.1.0", "2025-02-04"); err == nil || !strings.Contains(err.Error(), "already released") {
		t.Errorf("second release of 1.1.0: %v", err)
	}
}

func TestFirstRelease(t *testing.T) {
	c := Parse("# Changelog\n\n## [Unreleased]\n\n- Everything.\n\n[Unreleased]: https://github.com/o/r/commits/HEAD\n")
	if err := c.Release("0.1.0", "2025-03-01"); err != nil {
		t.Fatal(err)
	}
	want := "# Changelog\n\n## [Unreleased]\n\n## [0.1.0] - 2025-03-01\n\n- Everything.\n\n" +
		"[Unreleased]: https://github.com/o/r/compare/v0.1.0...HEAD\n[0.1.0]: https://github.com/o/r/releases/tag/v0.1.0\n"
	if got := c.String(); got != want {
		t.Errorf("got:\n%q\nwant:\n%q", got, want)
	}
}

func TestReleaseErrors(t *testing.T) {
	cases := map[string]string{
		"# Changelog\n\n## [1.0.0] - 2025-01-01\n- x\n":  "no \"## [Unreleased]\" section",
		"# Changelog\n\n## [Unreleased]\n\n## [1.0.0]\n": "Unreleased section is empty",
	}
	for content, want := range cases {
		if err := Parse(content).Release("1.1.0", "2025-01-02"); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Release on %q: %v, want %q", content, err, want)
		}
	}
	if _, err := Parse(before).Notes("9.9.9"); err == nil {
		t.Error("Notes of a missing version succeeded")
	}
}
