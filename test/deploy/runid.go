package deploy

import (
	"fmt"
	"regexp"
	"strings"
)

// RunNames are the names of one deploy run. The random id makes the prefix,
// the suffix and the run id unique per run, so parallel runs, reruns and
// leftovers of earlier runs never share a name or a run tag.
type RunNames struct {
	// RunID is the value of the run tag (RunTagKey) on every resource.
	RunID string
	// Prefix and Suffix are the example's resource_prefix and
	// resource_suffix: every resource name starts with Prefix and ends with
	// Suffix.
	Prefix, Suffix string
}

// The root module's rules for resource_prefix and resource_suffix
// (variables.tf validations).
var (
	prefixRule = regexp.MustCompile(`^[a-z][a-z0-9-]{0,31}$`)
	suffixRule = regexp.MustCompile(`^[a-z0-9-]{0,16}$`)
)

// NewRunNames builds the names of a run of the example with the short code
// short (min, bam, eks) from a random id (random.UniqueID: 6 base-62
// characters, lowercased here because names must be lowercase).
func NewRunNames(short, id string) (RunNames, error) {
	id = strings.ToLower(id)
	n := RunNames{
		Prefix: "mfdt-" + id,
		Suffix: short + "-" + id,
	}
	// The run id is the prefix: every name the module builds starts with it,
	// so the audit and the janitor also find, by name, the untagged log
	// groups AWS creates after our resources (/aws/lambda/NAME, ...).
	n.RunID = n.Prefix
	if !prefixRule.MatchString(n.Prefix) {
		return n, fmt.Errorf("resource_prefix %q breaks the root's rule %s", n.Prefix, prefixRule)
	}
	if !suffixRule.MatchString(n.Suffix) || strings.HasSuffix(n.Suffix, "s3alias") {
		return n, fmt.Errorf("resource_suffix %q breaks the root's rule %s (and must not end in s3alias)", n.Suffix, suffixRule)
	}
	return n, nil
}
