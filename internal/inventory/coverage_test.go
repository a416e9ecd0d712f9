package inventory

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"testing"
)

// TestCoverageListsEveryResourceTypeOfTheModule reads the repository's HCL:
// a resource type added there without deciding how the janitor finds and
// removes it fails here.
func TestCoverageListsEveryResourceTypeOfTheModule(t *testing.T) {
	root := filepath.Join("..", "..")
	var files []string
	for _, pat := range []string{"*.tf", "modules/*/*.tf", "examples/*/*.tf"} {
		m, err := filepath.Glob(filepath.Join(root, pat))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	if len(files) < 20 {
		t.Fatalf("found only %d .tf files under %s; wrong root?", len(files), root)
	}
	re := regexp.MustCompile(`(?m)^resource\s+"([a-z0-9_]+)"`)
	cov := Coverage()
	seen := map[string]bool{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range re.FindAllStringSubmatch(string(b), -1) {
			if _, ok := cov[m[1]]; !ok && !seen[m[1]] {
				t.Errorf("%s (in %s) is not in Coverage(): say how the janitor finds and deletes it, or why it need not", m[1], f)
			}
			seen[m[1]] = true
		}
	}
	if !seen["aws_db_instance"] || !seen["aws_security_group"] {
		t.Errorf("HCL scan missed known types; saw %d types", len(seen))
	}
}

func TestCoverageKeysAreHandled(t *testing.T) {
	handled := map[string]bool{}
	for _, s := range steps() {
		handled[s.Type] = true
	}
	for k := range leftToAWS() {
		handled[k] = true
	}
	var types []string
	for tf := range Coverage() {
		types = append(types, tf)
	}
	sort.Strings(types)
	for _, tf := range types {
		c := Coverage()[tf]
		if len(c.Keys) == 0 && c.Note == "" {
			t.Errorf("%s: neither keys nor a note", tf)
		}
		for _, k := range c.Keys {
			if !handled[k] {
				t.Errorf("%s maps to %s, which has no deletion step and is not left to AWS", tf, k)
			}
		}
	}
}
