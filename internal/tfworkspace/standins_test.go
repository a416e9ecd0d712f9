package tfworkspace

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestStandinDeclaresTheSpecInterface(t *testing.T) {
	specs, err := loadModuleSpecs()
	if err != nil {
		t.Fatal(err)
	}
	for _, source := range []string{"terraform-aws-modules/vpc/aws", "terraform-aws-modules/eks/aws"} {
		spec, ok := specs[source]
		if !ok {
			t.Fatalf("no embedded spec for %s", source)
		}
		hcl := spec.standinHCL()
		for _, v := range spec.Variables {
			block := `variable "` + v.Name + `" {`
			i := strings.Index(hcl, block)
			if i < 0 {
				t.Errorf("%s: variable %s missing", source, v.Name)
				continue
			}
			body := hcl[i : i+strings.Index(hcl[i:], "\n}\n")]
			if hasDefault := strings.Contains(body, "default = null"); hasDefault == v.Required {
				t.Errorf("%s: variable %s required=%v but default present=%v", source, v.Name, v.Required, hasDefault)
			}
		}
		for _, o := range spec.Outputs {
			if !strings.Contains(hcl, `output "`+o+`" {`) {
				t.Errorf("%s: output %s missing", source, o)
			}
		}
	}
}

func TestRewriteKeepsLineNumbers(t *testing.T) {
	specs, err := loadModuleSpecs()
	if err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	dir := filepath.Join(root, "examples", "x")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	src := `module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "6.6.0"

  name = "x"
}

module "local" {
  source = "../../modules/common"
}

module "eks" {
  source  = "registry.terraform.io/terraform-aws-modules/eks/aws"
  version = "~> 21.0"
}
`
	path := filepath.Join(dir, "main.tf")
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	rws, err := rewriteSources(root, specs)
	if err != nil {
		t.Fatal(err)
	}
	if len(rws) != 2 {
		t.Fatalf("rewrites = %d, want 2 (vpc, eks; the local module stays)", len(rws))
	}
	if rws[1].Version != "~> 21.0" || rws[1].Line != 13 {
		t.Errorf("eks rewrite = %+v, want version ~> 21.0 at line 13", rws[1])
	}
	got, _ := os.ReadFile(path)
	gotLines, srcLines := strings.Split(string(got), "\n"), strings.Split(src, "\n")
	if len(gotLines) != len(srcLines) {
		t.Fatalf("line count changed: %d -> %d", len(srcLines), len(gotLines))
	}
	for _, c := range []struct {
		line int
		want string
	}{
		{2, `source  = "../../.offline-validate/standins/vpc-6.6.0"`},
		{3, ""},
		{5, `name = "x"`},
		{9, `source = "../../modules/common"`},
		{13, `source  = "../../.offline-validate/standins/eks-21.19.0"`},
		{14, ""},
	} {
		if g := strings.TrimSpace(gotLines[c.line-1]); g != c.want {
			t.Errorf("line %d = %q, want %q", c.line, g, c.want)
		}
	}
}
