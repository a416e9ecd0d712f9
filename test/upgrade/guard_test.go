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

// TestStacksHoldWhatTheyRan: the old stacks the plans start from hold the
// resources their switches made, the protected ones above all; a wrong
// reading of a condition would quietly leave one out of every plan.
func TestStacksHoldWhatTheyRan(t *testing.T) {
	facts, err := LoadFacts()
	if err != nil {
		t.Fatal(err)
	}
	always := []string{"aws_db_instance.this", "aws_s3_bucket.this", "aws_kms_key.s3", "aws_kms_key.rds", "random_password.this",
		"aws_db_subnet_group.this", "aws_batch_job_queue.this", "aws_batch_compute_environment.this", "aws_iam_role.batch_s3_task_role",
		"aws_api_gateway_rest_api.this", "aws_api_gateway_stage.this", "aws_api_gateway_api_key.this", "aws_lb.this"}
	for _, s := range Stacks() {
		has := map[string]bool{}
		for _, r := range facts.Lines[s.Line].Resources {
			ok, err := s.Exists(r)
			if err != nil {
				t.Fatal(err)
			}
			if ok {
				has[strings.SplitN(resourceKey(r.Address), "/", 2)[1]] = true
				if strings.Contains(r.Address, "aurora") || strings.HasPrefix(r.Address, "module.eks") || strings.HasPrefix(r.Address, "module.vpc") {
					t.Errorf("%s holds %s, which the root never made", s.Name, r.Address)
				}
			}
		}
		want := append([]string{}, always...)
		if s.StepFunctions {
			want = append(want, "aws_dynamodb_table.step_functions_state_table", "aws_iam_role.step_functions_role", "aws_iam_role.eventbridge_role")
		}
		if s.ECR {
			want = append(want, "aws_ecr_repository.metaflow_batch_image")
		}
		if s.UI {
			want = append(want, "aws_cloudwatch_log_group.this", "aws_ecs_service.ui_backend")
		}
		for _, w := range want {
			if !has[w] {
				t.Errorf("%s does not hold %s", s.Name, w)
			}
		}
		for _, absent := range []string{"aws_rds_cluster.this", "aws_rds_cluster_instance.cluster_instances"} {
			if has[absent] {
				t.Errorf("%s holds %s, which the root never made (db_engine is not passed)", s.Name, absent)
			}
		}
	}
}
