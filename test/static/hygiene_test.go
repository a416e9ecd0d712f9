package static

import "testing"

func TestPinned(t *testing.T) {
	tests := map[string]bool{
		">= 6.28, < 7.0": true,
		"~> 3.7":         true,
		"6.6.0":          true,
		"= 21.19.0":      true,
		">= 6.28":        false,
		"> 1.0":          false,
		"!= 2.0.0":       false,
		"":               false,
	}
	for constraint, want := range tests {
		if got := Pinned(constraint); got != want {
			t.Errorf("Pinned(%q) = %t, want %t", constraint, got, want)
		}
	}
}

func TestIsRegistrySource(t *testing.T) {
	tests := map[string]bool{
		"terraform-aws-modules/vpc/aws":                     true,
		"terraform-aws-modules/eks/aws//modules/karpenter":  true,
		"app.terraform.io/example-corp/k8s-cluster/azurerm": true,
		"./modules/common":                                  false,
		"../common":                                         false,
		"git::https://example.com/vpc.git?ref=v1.2.0":       false,
		"github.com/hashicorp/example":                      false,
		"https://example.com/vpc-module.zip":                false,
	}
	for src, want := range tests {
		if got := isRegistrySource(src); got != want {
			t.Errorf("isRegistrySource(%q) = %t, want %t", src, got, want)
		}
	}
}
