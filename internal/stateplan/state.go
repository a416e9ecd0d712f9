package stateplan

import (
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// State builds a Terraform state (format version 4) from resource instance
// addresses and their attributes.
type State struct {
	resources map[string]*stateResource
	order     []string
	outputs   map[string]stateOutput
}

type stateResource struct {
	Module    string          `json:"module,omitempty"`
	Mode      string          `json:"mode"`
	Type      string          `json:"type"`
	Name      string          `json:"name"`
	Provider  string          `json:"provider"`
	EachMode  string          `json:"each,omitempty"`
	Instances []stateInstance `json:"instances"`
}

type stateInstance struct {
	IndexKey      any            `json:"index_key,omitempty"`
	SchemaVersion int64          `json:"schema_version"`
	Attributes    map[string]any `json:"attributes"`
	Sensitive     []any          `json:"sensitive_attributes"`
}

type stateOutput struct {
	Value     any  `json:"value"`
	Type      any  `json:"type"`
	Sensitive bool `json:"sensitive,omitempty"`
}

// NewState returns an empty state.
func NewState() *State {
	return &State{resources: map[string]*stateResource{}, outputs: map[string]stateOutput{}}
}

var reAddress = regexp.MustCompile(`^((?:module\.[A-Za-z0-9_-]+(?:\[(?:\d+|"[^"]*")\])?\.)*)([a-z0-9_]+)\.([A-Za-z0-9_-]+)(?:\[(\d+|"[^"]*")\])?$`)

// Add records one managed resource instance at address (module path
// included, e.g. module.a.module.b[0].aws_s3_bucket.this) from provider
// (a source address such as registry.terraform.io/hashicorp/aws); sensitive
// names its top-level attributes the provider's schema marks sensitive, as
// Terraform records them.
func (s *State) Add(address, provider string, schemaVersion int64, attributes map[string]any, sensitive ...string) error {
	m := reAddress.FindStringSubmatch(address)
	if m == nil {
		return fmt.Errorf("not a managed resource instance address: %q", address)
	}
	module, typ, name, key := strings.TrimSuffix(m[1], "."), m[2], m[3], m[4]
	id := module + "|" + typ + "." + name
	r, ok := s.resources[id]
	if !ok {
		r = &stateResource{Module: module, Mode: "managed", Type: typ, Name: name, Provider: fmt.Sprintf("provider[%q]", provider)}
		s.resources[id] = r
		s.order = append(s.order, id)
	}
	inst := stateInstance{SchemaVersion: schemaVersion, Attributes: attributes, Sensitive: []any{}}
	for _, name := range sensitive {
		inst.Sensitive = append(inst.Sensitive, []any{map[string]any{"type": "get_attr", "value": name}})
	}
	switch {
	case key == "":
		if len(r.Instances) > 0 {
			return fmt.Errorf("%s: a resource without an instance key has one instance", address)
		}
	case strings.HasPrefix(key, `"`):
		k, _ := strconv.Unquote(key)
		inst.IndexKey, r.EachMode = k, "map"
	default:
		n, _ := strconv.Atoi(key)
		inst.IndexKey, r.EachMode = n, "list"
	}
	for _, existing := range r.Instances {
		if existing.IndexKey == inst.IndexKey {
			return fmt.Errorf("%s added twice", address)
		}
	}
	r.Instances = append(r.Instances, inst)
	return nil
}

// SetOutput records a root module output of the state.
func (s *State) SetOutput(name string, value any, sensitive bool) {
	typ := any("string")
	switch value.(type) {
	case bool:
		typ = "bool"
	case float64, int:
		typ = "number"
	}
	s.outputs[name] = stateOutput{Value: value, Type: typ, Sensitive: sensitive}
}

// JSON renders the state as terraform writes it.
func (s *State) JSON() ([]byte, error) {
	order := append([]string{}, s.order...)
	sort.Strings(order)
	resources := make([]*stateResource, 0, len(order))
	for _, id := range order {
		resources = append(resources, s.resources[id])
	}
	doc := map[string]any{
		"version":           4,
		"terraform_version": "1.9.8",
		"serial":            1,
		"lineage":           "5f6d1c1e-0000-4000-8000-000000000001",
		"outputs":           s.outputs,
		"resources":         resources,
		"check_results":     nil,
	}
	return json.MarshalIndent(doc, "", "  ")
}
