package cdktf

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// fakePackage builds an npm tarball holding package.json and lib/thing/index.js.
func fakePackage(t *testing.T, js []byte) *bytes.Buffer {
	t.Helper()
	return fakePackageJSON(t, js, `{"name":"@cdktf/provider-example","version":"1.2.3","cdktf":{"provider":{"name":"registry.terraform.io/hashicorp/example","version":"0.1.0"}}}`)
}

func fakePackageJSON(t *testing.T, js []byte, packageJSON string) *bytes.Buffer {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	tw := tar.NewWriter(zw)
	files := []struct {
		name string
		body []byte
	}{
		{"package/package.json", []byte(packageJSON)},
		{"package/lib/thing/index.js", js},
	}
	for _, f := range files {
		if err := tw.WriteHeader(&tar.Header{Name: f.name, Mode: 0o644, Size: int64(len(f.body))}); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write(f.body); err != nil {
			t.Fatal(err)
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return &buf
}

// TestExtractSyntheticPackage covers each shape of generated code without npm.
func TestExtractSyntheticPackage(t *testing.T) {
	js, err := os.ReadFile("testdata/thing.js")
	if err != nil {
		t.Fatal(err)
	}
	doc, info, stats, err := Extract(fakePackage(t, js), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if info.ProviderVersion != "0.1.0" || info.ProviderSource != "registry.terraform.io/hashicorp/example" {
		t.Errorf("package info = %+v", info)
	}
	if stats.Resources != 1 {
		t.Fatalf("resources = %d, want 1 (skipped %v, unresolved %v)", stats.Resources, stats.Skipped, stats.Unresolved)
	}
	s := doc.Schemas["registry.terraform.io/hashicorp/example"].Resources["example_thing"]
	for _, c := range [][2]string{
		{"id", "optional string"},           // reset method
		{"name", "required string"},         // setter, no reset
		{"values", "optional list(string)"}, // resetTfValues: renamed reset
		{"tags", "optional map(string)"},    // hashMapperHcl
		{"arn", "computed string"},          // getter only
		{"zones", "computed set(string)"},   // Fn.tolist(getListAttribute)
		{"endpoints", "computed list(object({ address = string, port = number }))"},
		{"rule", "block list min=1 max=1"}, // direct call: max 1; put without reset: required
		{"rule.name", "required string"},
		{"rule.ports", "optional set(number)"},
		{"rule.status", "computed string"},
		{"rules", "block set"},                                 // listMapperHcl(fn, true), module-qualified fn
		{"ingress", "optional set(object({ cidr = string }))"}, // listMapperHcl(fn, false): attribute as blocks
		{"missing", "missing"},
	} {
		if got := describe(s.Block, c[0]); got != c[1] {
			t.Errorf("%s = %q, want %q", c[0], got, c[1])
		}
	}
	// SDKv2 shape (configurable id): optional arguments are served computed too.
	if a := s.Block.Attributes["tags"]; !a.Computed {
		t.Errorf("tags of an SDKv2-shaped resource should be marked computed")
	}

	nested, _, _, err := Extract(fakePackage(t, js), Options{NestedAttributes: true})
	if err != nil {
		t.Fatal(err)
	}
	ns := nested.Schemas["registry.terraform.io/hashicorp/example"].Resources["example_thing"]
	if got := describe(ns.Block, "ingress"); got != "optional nested set" {
		t.Errorf("with NestedAttributes, ingress = %q, want a nested set attribute", got)
	}
	if got := describe(ns.Block, "rules"); got != "block set" {
		t.Errorf("with NestedAttributes, real blocks stay blocks: rules = %q", got)
	}
}

// TestExtractCdktnPackage: the same generated code in CDK Terrain's style
// (runtime cdktn, class fields) gives the same schema as CDKTF's.
func TestExtractCdktnPackage(t *testing.T) {
	cdktfJS, err := os.ReadFile("testdata/thing.js")
	if err != nil {
		t.Fatal(err)
	}
	cdktnJS, err := os.ReadFile("testdata/thing_cdktn.js")
	if err != nil {
		t.Fatal(err)
	}
	want, _, _, err := Extract(fakePackage(t, cdktfJS), Options{})
	if err != nil {
		t.Fatal(err)
	}
	pkg := fakePackageJSON(t, cdktnJS, `{"name":"@cdktn/provider-example","version":"2.0.0","cdktn":{"provider":{"name":"registry.terraform.io/hashicorp/example","version":"0.2.0"}}}`)
	got, info, stats, err := Extract(pkg, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if info.ProviderVersion != "0.2.0" || stats.Resources != 1 {
		t.Fatalf("info %+v, %d resources", info, stats.Resources)
	}
	w, _ := json.Marshal(want.Schemas["registry.terraform.io/hashicorp/example"].Resources["example_thing"])
	g, _ := json.Marshal(got.Schemas["registry.terraform.io/hashicorp/example"].Resources["example_thing"])
	if string(w) != string(g) {
		t.Errorf("cdktn schema differs from cdktf's:\n cdktf %s\n cdktn %s", w, g)
	}
}

// TestExtractStopsAtRecursion: a struct function met again inside itself
// (two generated files defining one name) ends in an empty block instead of
// recursing until the stack overflows.
func TestExtractStopsAtRecursion(t *testing.T) {
	js, err := os.ReadFile("testdata/thing.js")
	if err != nil {
		t.Fatal(err)
	}
	self := strings.Replace(string(js), `        name: {
            value: cdktf.stringToHclTerraform(struct.name),`, `        nested: {
            value: cdktf.listMapperHcl(exampleThingRuleToHclTerraform, true)(struct.nested),
            isBlock: true,
            type: "list",
            storageClassType: "ExampleThingRuleList",
        },
        name: {
            value: cdktf.stringToHclTerraform(struct.name),`, 1)
	if self == string(js) {
		t.Fatal("fixture edit did not apply")
	}
	_, _, stats, err := Extract(fakePackage(t, []byte(self)), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(stats.Recursive) != 1 || stats.Recursive[0] != "exampleThingRuleToHclTerraform" {
		t.Errorf("Recursive = %v, want [exampleThingRuleToHclTerraform]", stats.Recursive)
	}
}
