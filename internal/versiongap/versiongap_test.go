package versiongap

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/outerbounds/terraform-aws-metaflow/internal/tfschema"
	"github.com/zclconf/go-cty/cty"
)

func uses(t *testing.T, root string) []Use {
	t.Helper()
	u, err := Collect(root, []string{"."}, "aws")
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func TestCollect(t *testing.T) {
	var got []string
	for _, u := range uses(t, "testdata/tree") {
		kind := "arg"
		if u.Read {
			kind = "read"
		}
		got = append(got, strings.Join([]string{string(u.Kind), u.Type, u.Path, kind}, " "))
	}
	sort.Strings(got)
	want := []string{
		"data aws_region region read",
		"provider aws region arg",
		"resource aws_thing arn read",
		"resource aws_thing arn read",
		"resource aws_thing id read",
		"resource aws_thing name_prefix arg",
		"resource aws_thing name_prefix read",
		"resource aws_thing settings arg",
		"resource aws_thing settings.rule arg",
		"resource aws_thing settings.rule.port arg",
		"resource aws_thing settings.size arg",
		"resource aws_thing settings.size read",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Collect:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// schemas: the newer one is what the tree is written for; the older one
// names name_prefix thing_name_prefix and region name, and types size as a
// string.
func schemas(sizeType cty.Type) (Schema, Schema) {
	str, num := cty.String, cty.Number
	block := func(prefixName, regionName string, size cty.Type) *tfschema.Provider {
		return &tfschema.Provider{
			Provider: &tfschema.Schema{Block: &tfschema.Block{Attributes: map[string]*tfschema.Attribute{"region": {Type: &str, Optional: true}}}},
			Resources: map[string]*tfschema.Schema{"aws_thing": {Block: &tfschema.Block{
				Attributes: map[string]*tfschema.Attribute{prefixName: {Type: &str, Optional: true}, "arn": {Type: &str, Computed: true}, "id": {Type: &str, Computed: true}},
				BlockTypes: map[string]*tfschema.BlockType{"settings": {NestingMode: "list", Block: &tfschema.Block{
					Attributes: map[string]*tfschema.Attribute{"size": {Type: &size, Optional: true}},
					BlockTypes: map[string]*tfschema.BlockType{"rule": {NestingMode: "set", Block: &tfschema.Block{
						Attributes: map[string]*tfschema.Attribute{"port": {Type: &num, Optional: true}},
					}}},
				}}},
			}}},
			DataSources: map[string]*tfschema.Schema{"aws_region": {Block: &tfschema.Block{Attributes: map[string]*tfschema.Attribute{regionName: {Type: &str, Computed: true}}}}},
		}
	}
	return Schema{Name: "new", Provider: block("name_prefix", "region", num)}, Schema{Name: "old", Provider: block("thing_name_prefix", "name", sizeType)}
}

var renames = []Rename{
	{Kind: Data, Type: "aws_region", Path: "region", To: "name"},
	{Kind: Resource, Type: "aws_thing", Path: "name_prefix", To: "thing_name_prefix"},
}

func TestCompareAndRewrite(t *testing.T) {
	newer, older := schemas(cty.Number)
	g := Compare(uses(t, "testdata/tree"), newer, older, renames)
	if !g.OK() || len(g.Unused) != 0 {
		t.Fatalf("gap: problems %v, unused %v", g.Problems, g.Unused)
	}
	if len(g.Apply) != 3 {
		t.Fatalf("apply %d renames, want 3 (region read, name_prefix argument and read)", len(g.Apply))
	}
	dir := t.TempDir()
	src, _ := os.ReadFile("testdata/tree/main.tf")
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), src, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Rewrite(dir, g.Apply); err != nil {
		t.Fatal(err)
	}
	out, _ := os.ReadFile(filepath.Join(dir, "main.tf"))
	for _, want := range []string{"thing_name_prefix = \"x-\"", "data.aws_region.current.name", "prefix = aws_thing.this[0].thing_name_prefix", "region = \"eu-west-1\""} {
		if !strings.Contains(string(out), want) {
			t.Errorf("rewritten file lacks %q:\n%s", want, out)
		}
	}
	// The rewritten copy has nothing left to rewrite.
	if g2 := Compare(uses(t, dir), older, older, nil); !g2.OK() {
		t.Errorf("the rewritten copy still differs from the older schema: %v", g2.Problems)
	}
}

func TestCompareFailsOnWhatIsNotListed(t *testing.T) {
	newer, older := schemas(cty.String)
	g := Compare(uses(t, "testdata/tree"), newer, older, renames[:1])
	var got []string
	got = append(got, g.Problems...)
	sort.Strings(got)
	want := []string{
		"main.tf:10: resource aws_thing: argument name_prefix: not in old",
		"main.tf:13: resource aws_thing: argument settings.size: attribute of type number in new, attribute of type string in old",
		"main.tf:24: resource aws_thing: attribute read settings.size: attribute of type number in new, attribute of type string in old",
		"main.tf:37: resource aws_thing: attribute read name_prefix: not in old",
	}
	if len(got) != len(want) {
		t.Fatalf("problems:\n%s", strings.Join(got, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("problem %d = %q, want prefix %q", i, got[i], want[i])
		}
	}
	if g.OK() {
		t.Error("OK() with problems")
	}
	// A listed rename nothing uses is reported as stale.
	g = Compare(uses(t, "testdata/tree"), newer, older, append(renames, Rename{Kind: Resource, Type: "aws_other", Path: "x", To: "y"}))
	if len(g.Unused) != 1 || !strings.Contains(g.Stale()[0], "aws_other: x -> y") {
		t.Errorf("stale = %v", g.Stale())
	}
}
