package upgrade

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func repoRoot(t *testing.T) string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// TestFactsMatchTheSpec: the embedded facts are the project spec's, when the
// spec is on the machine.
func TestFactsMatchTheSpec(t *testing.T) {
	spec := filepath.Join(repoRoot(t), "..", "shared", "spec", "upstream", "addresses.json")
	if env := os.Getenv("METAFLOW_UPSTREAM_FACTS"); env != "" {
		spec = env
	}
	want, err := os.ReadFile(spec)
	if err != nil {
		t.Skipf("needs the project spec's upstream/addresses.json (METAFLOW_UPSTREAM_FACTS or ../shared/spec): %v", err)
	}
	if string(want) != string(addressesJSON) {
		t.Fatalf("test/upgrade/testdata/addresses.json differs from %s: copy it again", spec)
	}
}

func loadAll(t *testing.T) (*Module, *Facts, []Listed) {
	t.Helper()
	root := repoRoot(t)
	tree, err := LoadModule(root)
	if err != nil {
		t.Fatal(err)
	}
	facts, err := LoadFacts()
	if err != nil {
		t.Fatal(err)
	}
	listed, err := ReadListed(filepath.Join(root, "UPGRADING.md"))
	if err != nil {
		t.Fatal(err)
	}
	return tree, facts, listed
}

// TestEveryOldAddressHasAPath: every address a stack of either old line
// holds moves to one of ours that exists under the same switch, or
// UPGRADING.md says it is replaced or removed, and why. A refactor that
// renames a resource without a moved block fails here, in seconds.
func TestEveryOldAddressHasAPath(t *testing.T) {
	tree, facts, listed := loadAll(t)
	moved, replaced := 0, 0
	for _, v := range CheckAddresses(tree, facts, listed) {
		switch {
		case v.Problem != "":
			t.Errorf("%s %s: %s", v.Line, v.Address, v.Problem)
		case v.Listed != nil:
			replaced++
		default:
			moved++
		}
	}
	t.Logf("%d old addresses keep their resource (moved or unchanged), %d are listed in UPGRADING.md as replaced or removed", moved, replaced)
	// Every row of the table is about an address of the facts.
	for _, row := range listed {
		found := false
		for _, name := range []string{LineV012, LineRefresh} {
			if _, ok := facts.Lines[name].Find(row.Address); ok && row.Applies(name) {
				found = true
			}
		}
		if !found {
			t.Errorf("UPGRADING.md:%d lists %s (%s), which no old line of the facts has", row.Line, row.Address, row.Lines)
		}
	}
}

// TestAddressCheckCatchesADroppedMove: without one moved block, or with one
// renamed resource, the check names the addresses that lost their path.
func TestAddressCheckCatchesADroppedMove(t *testing.T) {
	cases := []struct {
		name   string
		break_ func(*Module)
		want   string
	}{
		{"datastore module move", func(m *Module) { m.Moves = without(m.Moves, "module.metaflow-datastore[0]") }, "js/tf-aws-refresh module.metaflow-datastore[0].aws_db_instance.this[0]"},
		{"password move", func(m *Module) {
			ds := m.Calls["datastore"].Module
			ds.Moves = without(ds.Moves, "random_password.this")
		}, "v0.12.1 module.metaflow-datastore.random_password.this"},
		{"task role renamed", func(m *Module) {
			m.Resources["aws_iam_role.task_role"] = m.Resources["aws_iam_role.metaflow_task"]
			delete(m.Resources, "aws_iam_role.metaflow_task")
		}, "v0.12.1 aws_iam_role.batch_s3_task_role"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tree, facts, listed := loadAll(t)
			c.break_(tree)
			var problems []string
			for _, v := range CheckAddresses(tree, facts, listed) {
				if v.Problem != "" {
					problems = append(problems, v.Line+" "+v.Address+": "+v.Problem)
				}
			}
			if !strings.Contains(strings.Join(problems, "\n"), c.want+":") {
				t.Fatalf("the check did not report %s; it reported:\n%s", c.want, strings.Join(problems, "\n"))
			}
		})
	}
}

func without(moves []Move, from string) []Move {
	var out []Move
	for _, m := range moves {
		if m.From != from {
			out = append(out, m)
		}
	}
	return out
}
