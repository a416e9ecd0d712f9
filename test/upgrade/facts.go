// Package upgrade checks that stacks built by outerbounds/metaflow/aws
// (v0.10.0 to v0.12.1 and its refresh branch) upgrade to this module in
// place: every old resource address leads, through moved blocks, to one of
// ours under the same condition or is listed in UPGRADING.md as replaced or
// removed with its reason (static, no Terraform run), and a real plan
// against a state of the old addresses destroys and replaces nothing that
// holds data or that deployed flows reference (needs a real hashicorp/aws
// provider).
package upgrade

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
)

// addressesJSON is the project's facts about the old module's addresses
// (spec/upstream/addresses.json), kept here so CI needs nothing outside the
// repository; TestFactsMatchTheSpec keeps the copy current.
//
//go:embed testdata/addresses.json
var addressesJSON []byte

// Lines are the two lines of the old module, as the facts name them.
const (
	LineV012    = "v0.12.1"
	LineRefresh = "js/tf-aws-refresh"
)

// UpgradeFrom is the value of our upgrade_from input for a line.
func UpgradeFrom(line string) string {
	if line == LineV012 {
		return "v0.12"
	}
	return "refresh"
}

// Facts are the contents of addresses.json.
type Facts struct {
	Cases map[string]string
	Lines map[string]*Line
}

// Line is one line of the old module.
type Line struct {
	Name             string
	Commit           string            `json:"commit"`
	ModuleConditions map[string]string `json:"module_conditions"`
	Resources        []Resource        `json:"resources"`
}

// Resource is one address the old module creates.
type Resource struct {
	// Address relative to the module root; module calls carry an annotation
	// in the facts ("module.vpc[0] (terraform-aws-modules/vpc ~> 5.0)"),
	// which Address no longer has.
	Address        string            `json:"address"`
	Type           string            `json:"type"`
	Module         string            `json:"module"`
	ExistsWhen     string            `json:"exists_when"`
	DataBearing    string            `json:"data_bearing"`
	IdentityArgs   map[string]string `json:"identity_args"`
	IdentityValues map[string]string `json:"identity_values"`
	Protected      bool              `json:"protected"`
}

// IsModuleCall: the entry is a whole registry module call, not a resource.
func (r Resource) IsModuleCall() bool { return reModuleCall.MatchString(r.Address) }

var reModuleCall = regexp.MustCompile(`^module\.[A-Za-z0-9_-]+(\[\d+\])?$`)

// LoadFacts parses the embedded facts.
func LoadFacts() (*Facts, error) { return ParseFacts(addressesJSON) }

// ParseFacts parses an addresses.json document.
func ParseFacts(b []byte) (*Facts, error) {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return nil, fmt.Errorf("parse addresses.json: %w", err)
	}
	f := &Facts{Lines: map[string]*Line{}}
	if err := json.Unmarshal(raw["_cases"], &f.Cases); err != nil {
		return nil, fmt.Errorf("addresses.json _cases: %w", err)
	}
	for _, name := range []string{LineV012, LineRefresh} {
		var l Line
		if err := json.Unmarshal(raw[name], &l); err != nil {
			return nil, fmt.Errorf("addresses.json %s: %w", name, err)
		}
		for i := range l.Resources {
			l.Resources[i].Address, _, _ = strings.Cut(l.Resources[i].Address, " (")
		}
		if len(l.Resources) == 0 {
			return nil, fmt.Errorf("addresses.json %s lists no resources", name)
		}
		l.Name = name
		f.Lines[name] = &l
	}
	return f, nil
}

// Find returns the resource of a line at an address.
func (l *Line) Find(address string) (Resource, bool) {
	for _, r := range l.Resources {
		if r.Address == address {
			return r, true
		}
	}
	return Resource{}, false
}

var (
	reInstanceKey = regexp.MustCompile(`\[[^\]]*\]`)
	reInModule    = regexp.MustCompile(`^module\.([A-Za-z0-9_-]+)\.(.+)$`)
)

// resourceKey names an old resource whatever its line: its module call and
// address with instance keys dropped ("metaflow-datastore/aws_s3_bucket.this";
// "/aws_iam_role.batch_s3_task_role" in the root).
func resourceKey(address string) string {
	a := reInstanceKey.ReplaceAllString(address, "")
	if m := reInModule.FindStringSubmatch(a); m != nil {
		return m[1] + "/" + m[2]
	}
	return "/" + a
}
