// Package tfschema holds provider schemas in the JSON shape printed by
// `terraform providers schema -json`, and reads/writes them gzipped.
package tfschema

import (
	"compress/gzip"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/zclconf/go-cty/cty"
)

// FormatVersion is the format_version Terraform 1.x prints.
const FormatVersion = "1.0"

// ProviderSchemas is the document `terraform providers schema -json` prints.
type ProviderSchemas struct {
	FormatVersion string               `json:"format_version"`
	Schemas       map[string]*Provider `json:"provider_schemas"`
}

// Provider is one provider's schema: its configuration block, resources and data sources.
type Provider struct {
	Provider           *Schema            `json:"provider"`
	Resources          map[string]*Schema `json:"resource_schemas,omitempty"`
	DataSources        map[string]*Schema `json:"data_source_schemas,omitempty"`
	EphemeralResources map[string]*Schema `json:"ephemeral_resource_schemas,omitempty"`
}

// Schema is a versioned block.
type Schema struct {
	Version int64  `json:"version"`
	Block   *Block `json:"block"`
}

// Block is a configuration block: attributes plus nested block types.
type Block struct {
	Attributes map[string]*Attribute `json:"attributes,omitempty"`
	BlockTypes map[string]*BlockType `json:"block_types,omitempty"`
}

// Attribute is one argument or exported attribute. Exactly one of Type and NestedType is set.
type Attribute struct {
	Type       *cty.Type   `json:"type,omitempty"`
	NestedType *NestedType `json:"nested_type,omitempty"`
	Required   bool        `json:"required,omitempty"`
	Optional   bool        `json:"optional,omitempty"`
	Computed   bool        `json:"computed,omitempty"`
	Sensitive  bool        `json:"sensitive,omitempty"`
	WriteOnly  bool        `json:"write_only,omitempty"`
}

// NestedType is a protocol-6 nested attribute (an attribute whose value is objects with their own schema).
type NestedType struct {
	Attributes  map[string]*Attribute `json:"attributes"`
	NestingMode string                `json:"nesting_mode"`
}

// Nesting modes, as Terraform spells them.
const (
	NestingSingle = "single"
	NestingList   = "list"
	NestingSet    = "set"
	NestingMap    = "map"
)

// BlockType is a nested block.
type BlockType struct {
	NestingMode string `json:"nesting_mode"`
	Block       *Block `json:"block"`
	MinItems    int64  `json:"min_items,omitempty"`
	MaxItems    int64  `json:"max_items,omitempty"`
}

// NewBlock returns an empty block with its maps allocated.
func NewBlock() *Block {
	return &Block{Attributes: map[string]*Attribute{}, BlockTypes: map[string]*BlockType{}}
}

// TypeOf returns a pointer to t, for Attribute.Type.
func TypeOf(t cty.Type) *cty.Type { return &t }

// ImpliedType is the cty type of the value of an attribute.
func (a *Attribute) ImpliedType() cty.Type {
	if a.NestedType == nil {
		if a.Type == nil {
			return cty.DynamicPseudoType
		}
		return *a.Type
	}
	attrs := map[string]cty.Type{}
	for name, at := range a.NestedType.Attributes {
		attrs[name] = at.ImpliedType()
	}
	obj := cty.Object(attrs)
	switch a.NestedType.NestingMode {
	case NestingList:
		return cty.List(obj)
	case NestingSet:
		return cty.Set(obj)
	case NestingMap:
		return cty.Map(obj)
	default:
		return obj
	}
}

// ImpliedType is the cty object type of a block's value.
func (b *Block) ImpliedType() cty.Type {
	attrs := map[string]cty.Type{}
	for name, a := range b.Attributes {
		attrs[name] = a.ImpliedType()
	}
	for name, bt := range b.BlockTypes {
		inner := bt.Block.ImpliedType()
		switch bt.NestingMode {
		case NestingList:
			attrs[name] = cty.List(inner)
		case NestingSet:
			attrs[name] = cty.Set(inner)
		case NestingMap:
			attrs[name] = cty.Map(inner)
		default:
			attrs[name] = inner
		}
	}
	return cty.Object(attrs)
}

// WriteGzip writes doc as gzipped JSON to path, atomically (temp file + rename).
func WriteGzip(path string, doc *ProviderSchemas) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("create schema cache dir: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".schema-*.json.gz")
	if err != nil {
		return fmt.Errorf("create temp schema file: %w", err)
	}
	defer os.Remove(tmp.Name())
	zw := gzip.NewWriter(tmp)
	if err := json.NewEncoder(zw).Encode(doc); err != nil {
		tmp.Close()
		return fmt.Errorf("encode schema %s: %w", path, err)
	}
	if err := zw.Close(); err != nil {
		tmp.Close()
		return fmt.Errorf("compress schema %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write schema %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("install schema %s: %w", path, err)
	}
	return nil
}

// ReadGzip reads a gzipped `providers schema -json` document.
func ReadGzip(path string) (*ProviderSchemas, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open schema: %w", err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("read schema %s: %w", path, err)
	}
	var doc ProviderSchemas
	if err := json.NewDecoder(zr).Decode(&doc); err != nil {
		return nil, fmt.Errorf("decode schema %s: %w", path, err)
	}
	return &doc, nil
}

// Only returns the single provider in doc and its source address.
func (doc *ProviderSchemas) Only() (string, *Provider, error) {
	if len(doc.Schemas) != 1 {
		return "", nil, fmt.Errorf("schema document holds %d providers, want 1", len(doc.Schemas))
	}
	for addr, p := range doc.Schemas {
		return addr, p, nil
	}
	panic("unreachable")
}
