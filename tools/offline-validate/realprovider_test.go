package main

import (
	"strings"
	"testing"
)

func TestRealProviderTestFile(t *testing.T) {
	src := `mock_provider "aws" {
  mock_data "aws_caller_identity" {
    defaults = {
      account_id = "210987654321"
    }
  }
  mock_data "aws_region" {
    defaults = {
      region = "us-east-2"
    }
  }
}

mock_provider "random" {}

override_resource {
  target = aws_iam_role.this
}

override_resource {
  target = kubernetes_namespace_v1.this
}

run "shape" {
  command = apply

  variables {
    x = 1
  }

  assert {
    condition     = output.x == 1
    error_message = "x"
  }
}

run "rejects_bad_x" {
  command = plan
  variables {
    x = -1
  }
  expect_failures = [var.x]
}
`
	targets := []dataAddress{
		{Type: "aws_caller_identity", Address: "module.a[0].data.aws_caller_identity.current"},
		{Type: "aws_region", Address: "data.aws_region.current"},
		{Type: "aws_availability_zones", Address: "data.aws_availability_zones.available[0]"},
	}
	out, runs, err := realProviderTestFile([]byte(src), "tests/shapes.tftest.hcl", targets)
	if err != nil {
		t.Fatal(err)
	}
	got := string(out)
	if runs != 1 {
		t.Errorf("runs = %d, want 1 (the expect_failures run is left out)", runs)
	}
	for _, want := range []string{
		"provider \"aws\" {\n  region                      = \"us-east-2\"",
		"skip_requesting_account_id  = true",
		"target = module.a[0].data.aws_caller_identity.current\n  values = {\n    account_id = \"210987654321\"",
		"target = data.aws_availability_zones.available[0]\n  values = { names = [",
		`mock_provider "random" {}`,
		"target = kubernetes_namespace_v1.this",
		`run "shape" {` + "\n  command = plan",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("generated file lacks %q:\n%s", want, got)
		}
	}
	for _, unwanted := range []string{`mock_provider "aws"`, "aws_iam_role.this", "assert {", "rejects_bad_x", "target = data.aws_region.current"} {
		if strings.Contains(got, unwanted) {
			t.Errorf("generated file still has %q:\n%s", unwanted, got)
		}
	}

	if _, _, err := realProviderTestFile([]byte(src), "x.tftest.hcl", []dataAddress{{Type: "aws_instance", Address: "data.aws_instance.x"}}); err == nil || !strings.Contains(err.Error(), "data.aws_instance.x would call AWS") {
		t.Errorf("a data source with no values must fail, naming it; got %v", err)
	}
}
