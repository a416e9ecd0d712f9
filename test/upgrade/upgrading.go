package upgrade

import (
	"bufio"
	"fmt"
	"os"
	"regexp"
	"strings"
)

// Listed is one row of UPGRADING.md's table of old addresses that are
// replaced or removed on upgrade.
type Listed struct {
	Address string
	Lines   string // "v0.12", "refresh" or "both"
	Action  string // "replaced" or "removed"
	Why     string
	Line    int // in UPGRADING.md
}

// Applies reports whether the row is about the line.
func (l Listed) Applies(line string) bool {
	return l.Lines == "both" || l.Lines == UpgradeFrom(line)
}

// listedHeading is the heading of the table in UPGRADING.md.
const listedHeading = "## What is replaced or removed"

var reListedRow = regexp.MustCompile("^\\|\\s*`([^`]+)`\\s*\\|\\s*(v0\\.12|refresh|both)\\s*\\|\\s*(replaced|removed)\\s*\\|\\s*(.*?)\\s*\\|\\s*$")

// ReadListed reads the table under listedHeading: | `address` | lines | replaced or removed | why |.
// A row it cannot read, or one without a reason, is an error.
func ReadListed(path string) ([]Listed, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []Listed
	in := false
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "## "):
			in = line == listedHeading
		case in && strings.HasPrefix(line, "| `"):
			m := reListedRow.FindStringSubmatch(line)
			if m == nil {
				return nil, fmt.Errorf("%s:%d: not a row of | `address` | v0.12, refresh or both | replaced or removed | why |: %s", path, n, line)
			}
			if len(m[4]) < 10 {
				return nil, fmt.Errorf("%s:%d: %s is listed without a reason", path, n, m[1])
			}
			out = append(out, Listed{Address: m[1], Lines: m[2], Action: m[3], Why: m[4], Line: n})
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no table under %q", path, listedHeading)
	}
	return out, nil
}

// FindListed returns the row for an address of a line.
func FindListed(rows []Listed, line, address string) (Listed, bool) {
	for _, r := range rows {
		if r.Address == address && r.Applies(line) {
			return r, true
		}
	}
	return Listed{}, false
}
