package deploy

import (
	"testing"

	"github.com/outerbounds/terraform-aws-metaflow/internal/inventory"
)

// TestRunTagKeyMatchesInventory: the tag the override writes is the tag the
// leak audit and the janitor search for.
func TestRunTagKeyMatchesInventory(t *testing.T) {
	if RunTagKey != inventory.RunTagKey {
		t.Fatalf("deploy tags %q, inventory searches %q", RunTagKey, inventory.RunTagKey)
	}
}
