package tfschema

import (
	"path/filepath"
	"testing"

	"github.com/zclconf/go-cty/cty"
)

func TestTypeString(t *testing.T) {
	cases := []struct {
		t    cty.Type
		want string
	}{
		{cty.String, "string"},
		{cty.DynamicPseudoType, "any"},
		{cty.Set(cty.Number), "set(number)"},
		{cty.Map(cty.List(cty.Bool)), "map(list(bool))"},
		{cty.List(cty.Object(map[string]cty.Type{"b": cty.String, "a": cty.Number})), "list(object({ a = number, b = string }))"},
	}
	for _, c := range cases {
		if got := TypeString(c.t); got != c.want {
			t.Errorf("TypeString(%s) = %q, want %q", c.t.GoString(), got, c.want)
		}
	}
}

func TestGzipRoundTrip(t *testing.T) {
	doc := &ProviderSchemas{FormatVersion: FormatVersion, Schemas: map[string]*Provider{
		"registry.terraform.io/hashicorp/x": {
			Provider: &Schema{Block: NewBlock()},
			Resources: map[string]*Schema{"x_a": {Block: &Block{
				Attributes: map[string]*Attribute{"tags": {Type: TypeOf(cty.Map(cty.String)), Optional: true, Computed: true}},
				BlockTypes: map[string]*BlockType{"rule": {NestingMode: NestingList, MaxItems: 1, Block: NewBlock()}},
			}}},
		},
	}}
	path := filepath.Join(t.TempDir(), "x.json.gz")
	if err := WriteGzip(path, doc); err != nil {
		t.Fatal(err)
	}
	back, err := ReadGzip(path)
	if err != nil {
		t.Fatal(err)
	}
	addr, p, err := back.Only()
	if err != nil || addr != "registry.terraform.io/hashicorp/x" {
		t.Fatalf("Only() = %q, %v", addr, err)
	}
	a := p.Resources["x_a"].Block.Attributes["tags"]
	if !a.Type.Equals(cty.Map(cty.String)) || !a.Optional || !a.Computed {
		t.Errorf("tags after round trip = %+v", a)
	}
	if bt := p.Resources["x_a"].Block.BlockTypes["rule"]; bt.MaxItems != 1 || bt.NestingMode != NestingList {
		t.Errorf("rule after round trip = %+v", bt)
	}
	want := cty.Object(map[string]cty.Type{"tags": cty.Map(cty.String), "rule": cty.List(cty.EmptyObject)})
	if got := p.Resources["x_a"].Block.ImpliedType(); !got.Equals(want) {
		t.Errorf("ImpliedType = %s, want %s", got.GoString(), want.GoString())
	}
}
