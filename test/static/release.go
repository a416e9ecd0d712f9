package static

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

var semverRE = regexp.MustCompile(`^v?(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?$`)

// Major returns the major version of a semantic version such as 1.2.3 or v1.2.3.
func Major(version string) (int, error) {
	m := semverRE.FindStringSubmatch(strings.TrimSpace(version))
	if m == nil {
		return 0, fmt.Errorf("%q is not a semantic version X.Y.Z", version)
	}
	return strconv.Atoi(m[1])
}

// CheckRelease classifies a release: a release that keeps the major version
// of the previous tag must not carry a breaking interface change. prevTag is
// empty for the first release, which nothing can break.
func CheckRelease(version, prevTag string, breaking []Change) error {
	major, err := Major(version)
	if err != nil {
		return fmt.Errorf("RELEASE_VERSION: %w", err)
	}
	if prevTag == "" || len(breaking) == 0 {
		return nil
	}
	prevMajor, err := Major(prevTag)
	if err != nil {
		return fmt.Errorf("previous tag: %w", err)
	}
	if major > prevMajor {
		return nil
	}
	lines := make([]string, len(breaking))
	for i, c := range breaking {
		lines[i] = "  " + c.String()
	}
	return fmt.Errorf("release %s keeps major version %d of %s but the interface has %d breaking change(s); release %d.0.0 instead:\n%s",
		version, prevMajor, prevTag, len(breaking), prevMajor+1, strings.Join(lines, "\n"))
}
