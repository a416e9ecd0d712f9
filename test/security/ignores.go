package security

import (
	"bufio"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// An inline suppression: `#trivy:ignore:AVD-AWS-0104 why` or
// `# tflint-ignore: rule_name # why`. The reason is what follows the ids.
var (
	trivyIgnore  = regexp.MustCompile(`^\s*(?:#|//)\s*trivy:ignore:(\S+)\s*(.*)$`)
	tflintIgnore = regexp.MustCompile(`^\s*(?:#|//)\s*tflint-ignore:\s*([A-Za-z0-9_,\s]+?)(?:\s+(?:#|//|-{1,2})\s*(.*))?$`)
)

// minReasonWords is the shortest reason accepted: "because" alone explains
// nothing; a clause of a few words can.
const minReasonWords = 4

// Unexplained lists the inline scanner suppressions under root (.tf files,
// skipping dot directories and testdata fixtures) that give no reason on
// their line.
func Unexplained(root string) ([]string, error) {
	var bad []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if path != root && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata" || d.Name() == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		if filepath.Ext(path) != ".tf" {
			return nil
		}
		found, err := unexplainedIn(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		for _, f := range found {
			bad = append(bad, rel+":"+f)
		}
		return nil
	})
	return bad, err
}

func unexplainedIn(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var bad []string
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if m := trivyIgnore.FindStringSubmatch(line); m != nil && len(strings.Fields(m[2])) < minReasonWords {
			bad = append(bad, fmt.Sprintf("%d: trivy:ignore:%s gives no reason", n, m[1]))
		}
		if m := tflintIgnore.FindStringSubmatch(line); m != nil && len(strings.Fields(m[2])) < minReasonWords {
			bad = append(bad, fmt.Sprintf("%d: tflint-ignore:%s gives no reason", n, strings.TrimSpace(m[1])))
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	return bad, nil
}
