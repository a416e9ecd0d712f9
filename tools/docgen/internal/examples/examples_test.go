package examples

import (
	"strings"
	"testing"
)

func TestCodeBlocks(t *testing.T) {
	src := strings.Join([]string{
		"# title",                  // 1
		"```hcl",                   // 2
		"a = 1",                    // 3
		"```",                      // 4
		"```python",                // 5
		"x = 1",                    // 6
		"```",                      // 7
		"   ~~~~ terraform",        // 8
		"b = 2",                    // 9
		"```",                      // 10: not the closing fence
		"~~~~",                     // 11
		"```Terraform {.numbered}", // 12
		"c = 3",                    // 13
		"````",                     // 14: longer closing fence is fine
		"- item:",                  // 15
		"    ```hcl\r",             // 16: in a list item, CRLF
		"    e = 5\r",              // 17
		"      f = 6",              // 18
		"    ```\r",                // 19
		"```tf",                    // 20
		"d = 4",                    // 21 (unclosed: dropped)
	}, "\n")
	got := codeBlocks([]byte(src))
	want := []block{{[]byte("a = 1\n"), 3}, {[]byte("b = 2\n```\n"), 9}, {[]byte("c = 3\n"), 13}, {[]byte("e = 5\n  f = 6\n"), 17}}
	if len(got) != len(want) {
		t.Fatalf("got %d blocks, want %d: %v", len(got), len(want), got)
	}
	for i := range want {
		if string(got[i].src) != string(want[i].src) || got[i].line != want[i].line {
			t.Errorf("block %d = %q at %d, want %q at %d", i, got[i].src, got[i].line, want[i].src, want[i].line)
		}
	}
}

func TestResolve(t *testing.T) {
	c := &Checker{RepoRoot: "/repo"}
	cases := []struct {
		source string
		dir    string
		ours   bool
	}{
		{"outerbounds/metaflow/aws", "/repo", true},
		{"Outerbounds/Metaflow/AWS", "/repo", true},
		{"registry.terraform.io/outerbounds/metaflow/aws//modules/ui", "/repo/modules/ui", true},
		{"outerbounds/metaflow/aws//modules/datastore", "/repo/modules/datastore", true},
		{"terraform-aws-modules/vpc/aws", "", false},
		{"outerbounds/metaflow/google", "", false},
		{"./does-not-exist", "", false},
	}
	for _, tc := range cases {
		dir, ours := c.resolve("/repo/examples/x", tc.source)
		if dir != tc.dir || ours != tc.ours {
			t.Errorf("resolve(%q) = %q, %v; want %q, %v", tc.source, dir, ours, tc.dir, tc.ours)
		}
	}
}

func TestSuggest(t *testing.T) {
	known := map[string]bool{"tags": true, "vpc_id": true, "resource_prefix": true}
	for name, want := range map[string]string{
		"tag":            "tags",
		"vpc_ids":        "vpc_id",
		"resource_prefx": "resource_prefix",
		"subnet1_id":     "",
		"id":             "",
	} {
		if got := suggest(name, known); got != want {
			t.Errorf("suggest(%q) = %q, want %q", name, got, want)
		}
	}
}
