package deploy

import (
	"strings"
	"testing"

	"github.com/gruntwork-io/terratest/modules/random"

	"github.com/outerbounds/terraform-aws-metaflow/internal/inventory"
)

func TestNewRunNames(t *testing.T) {
	n, err := NewRunNames("bam", "Ab12Cd")
	if err != nil {
		t.Fatal(err)
	}
	if n.Prefix != "mfdt-ab12cd" || n.Suffix != "bam-ab12cd" || n.RunID != "mfdt-ab12cd" {
		t.Fatalf("names %+v", n)
	}
	// Names are PREFIX-ROLE-SUFFIX (modules/common); log groups AWS creates
	// after them carry no tag, and the audit finds them by the run id alone.
	for _, group := range []string{
		"/aws/lambda/" + n.Prefix + "-db-migrate-" + n.Suffix,
		"/aws/eks/" + n.Prefix + "-eks-" + n.Suffix + "/cluster",
	} {
		if !strings.Contains(group, n.RunID) {
			t.Errorf("log group %s does not contain run id %s: the audit would miss it", group, n.RunID)
		}
	}
	// The janitor and the audit search names only with ids of this form.
	if !inventory.RunIDPattern.MatchString(n.RunID) {
		t.Errorf("run id %s does not match inventory.RunIDPattern %s: untagged log groups of the run would not be found", n.RunID, inventory.RunIDPattern)
	}
	seen := map[string]bool{}
	for range 200 {
		n, err := NewRunNames("eks", random.UniqueID())
		if err != nil {
			t.Fatal(err)
		}
		if seen[n.RunID] {
			t.Fatalf("run id %s repeated", n.RunID)
		}
		seen[n.RunID] = true
	}
	for _, bad := range []struct{ short, id string }{
		{"min", "x_y"},                         // underscore breaks both rules
		{"min", strings.Repeat("a", 30)},       // prefix over 32 characters
		{"min", "s3alias"},                     // suffix ending in s3alias
		{"a-very-long-example-name", "abcdef"}, // suffix over 16 characters
	} {
		if _, err := NewRunNames(bad.short, bad.id); err == nil {
			t.Errorf("NewRunNames(%q, %q) accepted", bad.short, bad.id)
		}
	}
}
