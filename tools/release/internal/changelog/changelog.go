// Package changelog edits a Keep a Changelog file: it moves the Unreleased
// section under a new version heading and extracts a version's notes.
package changelog

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
)

var (
	// "## [Unreleased]" or "## Unreleased"
	unreleasedRe = regexp.MustCompile(`(?i)^##\s+\[?unreleased\]?\s*$`)
	// "## [1.2.3] - 2025-01-31", "## 1.2.3"
	versionRe = regexp.MustCompile(`^##\s+\[?([0-9][^\]\s]*)\]?`)
	// link reference definitions at the end: "[1.2.3]: https://..."
	linkRe = regexp.MustCompile(`^\[([^\]]+)\]:\s+(\S+)\s*$`)
	// "[Unreleased]: https://github.com/OWNER/REPO/compare/v1.2.3...HEAD"
	unreleasedLinkRe = regexp.MustCompile(`^(https://github\.com/[^/]+/[^/]+)/(?:compare/(\S+)\.\.\.HEAD|commits/\S+|tree/\S+)$`)
)

// Changelog is a parsed file, kept as lines so untouched text is preserved.
type Changelog struct {
	lines []string
}

// Parse splits content into lines.
func Parse(content string) *Changelog {
	return &Changelog{lines: strings.Split(content, "\n")}
}

func (c *Changelog) String() string { return strings.Join(c.lines, "\n") }

// section returns the line range (heading, end) of the section whose heading
// matches, ending at the next "## " heading or the link references.
func (c *Changelog) section(match func(string) bool) (int, int, bool) {
	for i, l := range c.lines {
		if !match(l) {
			continue
		}
		end := i + 1
		for end < len(c.lines) && !strings.HasPrefix(c.lines[end], "## ") && !linkRe.MatchString(c.lines[end]) {
			end++
		}
		return i, end, true
	}
	return 0, 0, false
}

func isVersion(version string) func(string) bool {
	return func(l string) bool {
		m := versionRe.FindStringSubmatch(l)
		return m != nil && m[1] == version
	}
}

// Latest returns the newest released version (the first version heading),
// or "".
func (c *Changelog) Latest() string {
	for _, l := range c.lines {
		if m := versionRe.FindStringSubmatch(l); m != nil {
			return m[1]
		}
	}
	return ""
}

// Notes returns the body of a version's section, trimmed.
func (c *Changelog) Notes(version string) (string, error) {
	start, end, ok := c.section(isVersion(version))
	if !ok {
		return "", fmt.Errorf("no section for %s (a heading such as \"## [%s] - YYYY-MM-DD\")", version, version)
	}
	body := strings.TrimSpace(strings.Join(c.lines[start+1:end], "\n"))
	if body == "" {
		return "", fmt.Errorf("the section of %s is empty", version)
	}
	return body, nil
}

// Unreleased returns the body of the Unreleased section, trimmed.
func (c *Changelog) Unreleased() (string, error) {
	start, end, ok := c.section(unreleasedRe.MatchString)
	if !ok {
		return "", errors.New(`no "## [Unreleased]" section`)
	}
	return strings.TrimSpace(strings.Join(c.lines[start+1:end], "\n")), nil
}

// Release moves the Unreleased notes under "## [version] - date", leaves an
// empty Unreleased section on top, and updates GitHub compare links when the
// file has them.
func (c *Changelog) Release(version, date string) error {
	if _, _, exists := c.section(isVersion(version)); exists {
		return fmt.Errorf("%s is already released in the changelog", version)
	}
	notes, err := c.Unreleased()
	if err != nil {
		return err
	}
	if notes == "" {
		return errors.New("the Unreleased section is empty: describe the release first")
	}
	start, end, _ := c.section(unreleasedRe.MatchString)
	head := []string{"## [Unreleased]", "", fmt.Sprintf("## [%s] - %s", version, date), ""}
	head = append(head, strings.Split(notes, "\n")...)
	head = append(head, "")
	rest := c.lines[end:]
	lines := append(append(append([]string{}, c.lines[:start]...), head...), rest...)
	c.lines = lines
	c.updateLinks(version)
	return nil
}

// updateLinks rewrites "[Unreleased]: BASE/compare/vPREV...HEAD" into the new
// compare range and adds the link of the released version under it.
func (c *Changelog) updateLinks(version string) {
	for i, l := range c.lines {
		m := linkRe.FindStringSubmatch(l)
		if m == nil || !strings.EqualFold(m[1], "unreleased") {
			continue
		}
		u := unreleasedLinkRe.FindStringSubmatch(m[2])
		if u == nil {
			return
		}
		base, prev := u[1], u[2]
		tag := "v" + version
		link := fmt.Sprintf("[%s]: %s/releases/tag/%s", version, base, tag)
		if prev != "" {
			link = fmt.Sprintf("[%s]: %s/compare/%s...%s", version, base, prev, tag)
		}
		c.lines[i] = fmt.Sprintf("[%s]: %s/compare/%s...HEAD", m[1], base, tag)
		c.lines = append(c.lines[:i+1], append([]string{link}, c.lines[i+1:]...)...)
		return
	}
}
