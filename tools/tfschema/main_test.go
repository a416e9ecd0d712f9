package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/outerbounds/terraform-aws-metaflow/internal/cdktf"
)

func TestShow(t *testing.T) {
	dir, err := cdktf.DefaultCacheDir()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cdktf.EnsureAll(context.Background(), dir, t.Logf); err != nil {
		t.Skipf("needs the npm registry once to fetch the @cdktf/provider-* packages: %v", err)
	}
	cases := []struct {
		args    []string
		want    []string
		wantErr string
	}{
		{[]string{"show", "aws_batch_compute_environment"}, []string{
			"resource aws_batch_compute_environment  (hashicorp/aws 6.25.0",
			"  type ", "required  string",
			"  compute_resources {}  block, list, optional, max 1",
			"      subnets              required  set(string)",
		}, ""},
		{[]string{"show", "data.aws_iam_policy_document"}, []string{
			"data source aws_iam_policy_document",
			"  statement {}  block, list, optional",
			"      principals {}  block, set, optional",
		}, ""},
		{[]string{"show", "provider.aws"}, []string{"provider aws", "  region "}, ""},
		{[]string{"show", "aws_iam_policy_document"}, nil, "is a data source, not a resource: show data.aws_iam_policy_document"},
		{[]string{"show", "aws_no_such_thing"}, nil, `resource "aws_no_such_thing" not in`},
		{[]string{"list", "aws", "batch_compute"}, []string{"aws_batch_compute_environment\n", "data.aws_batch_compute_environment\n"}, ""},
	}
	for _, c := range cases {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			var out, errOut bytes.Buffer
			err := run(context.Background(), c.args, &out, &errOut)
			if c.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), c.wantErr) {
					t.Fatalf("err = %v, want it to contain %q", err, c.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("%v\n%s", err, errOut.String())
			}
			for _, w := range c.want {
				if !strings.Contains(out.String(), w) {
					t.Errorf("output lacks %q:\n%s", w, out.String())
				}
			}
		})
	}
}
