// Package cdktf turns a prebuilt CDK-for-Terraform provider package
// (@cdktf/provider-*, an npm tarball) into the provider schema that
// `terraform providers schema -json` would print for the provider version the
// package was generated from.
//
// The package's generated JavaScript is the source: synthesizeHclAttributes()
// and the fooToHclTerraform(struct) functions list every argument by its
// Terraform name with isBlock, type (simple/list/set/map/struct) and
// storageClassType; the classes' setters/reset methods tell required from
// optional; getters without setters are computed-only attributes, typed by the
// getXAttribute call they make.
package cdktf

import (
	"archive/tar"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"

	"github.com/outerbounds/terraform-aws-metaflow/internal/tfschema"
	"github.com/zclconf/go-cty/cty"
)

// PackageInfo is what package.json says about the package.
type PackageInfo struct {
	Name            string
	Version         string
	ProviderSource  string // registry.terraform.io/hashicorp/aws
	ProviderVersion string // 6.25.0
}

// Stats counts what an extraction produced and what it could not read.
type Stats struct {
	Resources          int
	DataSources        int
	EphemeralResources int
	Skipped            []string // lib dirs that held no recognisable resource class
	Unresolved         []string // struct functions or classes that were referenced but not found
	Recursive          []string // struct functions met again inside themselves: their blocks are left empty there
}

// Options tune how generated code maps back to a schema.
type Options struct {
	// NestedAttributes: the provider (a plugin-framework one such as helm 3)
	// uses protocol-6 nested attributes, which cdktf generates exactly like
	// blocks except that list/set ones are mapped with listMapperHcl(fn, false).
	// With it, every non-timeouts struct entry becomes a nested attribute;
	// without it those entries are SDKv2 blocks or "attributes as blocks".
	NestedAttributes bool
}

// Extract reads an npm tarball (.tgz) of a @cdktf/provider-* package.
func Extract(tgz io.Reader, opts Options) (*tfschema.ProviderSchemas, PackageInfo, Stats, error) {
	var info PackageInfo
	var stats Stats
	zr, err := gzip.NewReader(tgz)
	if err != nil {
		return nil, info, stats, fmt.Errorf("open package tarball: %w", err)
	}
	tr := tar.NewReader(zr)
	sources := map[string]*strings.Builder{} // lib dir -> concatenated JS
	var pkgJSON []byte
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, info, stats, fmt.Errorf("read package tarball: %w", err)
		}
		name := h.Name
		switch {
		case name == "package/package.json":
			if pkgJSON, err = io.ReadAll(tr); err != nil {
				return nil, info, stats, fmt.Errorf("read package.json: %w", err)
			}
		case strings.HasPrefix(name, "package/lib/") && strings.HasSuffix(name, ".js"):
			rest := strings.TrimPrefix(name, "package/lib/")
			dir, _, ok := strings.Cut(rest, "/")
			if !ok {
				continue // lib/index.js, lib/lazy-index.js: re-exports only
			}
			b := sources[dir]
			if b == nil {
				b = &strings.Builder{}
				sources[dir] = b
			}
			if _, err := io.Copy(b, tr); err != nil {
				return nil, info, stats, fmt.Errorf("read %s: %w", name, err)
			}
			b.WriteString("\n")
		}
	}
	if pkgJSON == nil {
		return nil, info, stats, fmt.Errorf("package tarball has no package/package.json")
	}
	type generatedFrom struct {
		Provider struct {
			Name    string `json:"name"`
			Version string `json:"version"`
		} `json:"provider"`
	}
	var pj struct {
		Name    string        `json:"name"`
		Version string        `json:"version"`
		Cdktf   generatedFrom `json:"cdktf"`
		Cdktn   generatedFrom `json:"cdktn"`
	}
	if err := json.Unmarshal(pkgJSON, &pj); err != nil {
		return nil, info, stats, fmt.Errorf("parse package.json: %w", err)
	}
	from := pj.Cdktf
	if pj.Cdktn.Provider.Name != "" {
		// CDK Terrain (@cdktn/provider-*), the successor of CDKTF: the same
		// generated code, with its runtime module named cdktn.
		from = pj.Cdktn
		for _, b := range sources {
			js := reCdktnRuntime.ReplaceAllString(b.String(), "${1}cdktf.")
			b.Reset()
			b.WriteString(js)
		}
	}
	info = PackageInfo{Name: pj.Name, Version: pj.Version, ProviderSource: from.Provider.Name, ProviderVersion: from.Provider.Version}
	if info.ProviderSource == "" {
		return nil, info, stats, fmt.Errorf("%s@%s: package.json has no cdktf.provider.name (nor cdktn.provider.name)", pj.Name, pj.Version)
	}

	prov := &tfschema.Provider{Resources: map[string]*tfschema.Schema{}, DataSources: map[string]*tfschema.Schema{}, EphemeralResources: map[string]*tfschema.Schema{}}
	dirs := make([]string, 0, len(sources))
	for d := range sources {
		dirs = append(dirs, d)
	}
	sort.Strings(dirs)
	unresolved, recursive := map[string]bool{}, map[string]bool{}
	for _, dir := range dirs {
		u := parseUnit(sources[dir].String())
		b := &builder{u: u, unresolved: unresolved, recursive: recursive, building: map[string]bool{}, nestedAttrs: opts.NestedAttributes}
		found := false
		for clsName, tfType := range u.TypeNames {
			cls := u.Classes[clsName]
			if cls == nil {
				unresolved[clsName] = true
				continue
			}
			block := b.topBlock(cls)
			if cls.Base != "cdktf.TerraformProvider" {
				guessComputed(block)
			}
			switch cls.Base {
			case "cdktf.TerraformResource":
				prov.Resources[tfType] = &tfschema.Schema{Block: block}
				found = true
			case "cdktf.TerraformDataSource":
				prov.DataSources[tfType] = &tfschema.Schema{Block: block}
				found = true
			case "cdktf.TerraformEphemeralResource":
				// CDK Terrain generates these (ephemeral random_password);
				// CDKTF does not.
				prov.EphemeralResources[tfType] = &tfschema.Schema{Block: block}
				found = true
			case "cdktf.TerraformProvider":
				delete(block.Attributes, "alias") // a meta-argument in Terraform, not part of the schema
				prov.Provider = &tfschema.Schema{Block: block}
				found = true
			}
		}
		if !found {
			stats.Skipped = append(stats.Skipped, dir)
		}
	}
	if prov.Provider == nil {
		prov.Provider = &tfschema.Schema{Block: tfschema.NewBlock()}
	}
	for k := range unresolved {
		stats.Unresolved = append(stats.Unresolved, k)
	}
	sort.Strings(stats.Unresolved)
	for k := range recursive {
		stats.Recursive = append(stats.Recursive, k)
	}
	sort.Strings(stats.Recursive)
	stats.Resources, stats.DataSources, stats.EphemeralResources = len(prov.Resources), len(prov.DataSources), len(prov.EphemeralResources)
	doc := &tfschema.ProviderSchemas{
		FormatVersion: tfschema.FormatVersion,
		Schemas:       map[string]*tfschema.Provider{info.ProviderSource: prov},
	}
	return doc, info, stats, nil
}

// reCdktnRuntime matches references to the CDK Terrain runtime module
// (cdktn.TerraformResource, cdktn.stringToHclTerraform, ...), which the
// parser knows by its CDKTF name.
var reCdktnRuntime = regexp.MustCompile(`(^|[^\w.])cdktn\.`)

type builder struct {
	u           *unit
	unresolved  map[string]bool
	recursive   map[string]bool
	building    map[string]bool
	nestedAttrs bool
}

// topBlock builds the block of a resource, data source or provider class.
func (b *builder) topBlock(cls *class) *tfschema.Block {
	return b.block(cls.Entries, cls)
}

// block builds a block from its entries; cls (may be nil) is the class whose
// setters/resets tell required from optional and whose extra getters are the
// computed-only attributes.
func (b *builder) block(entries []entry, cls *class) *tfschema.Block {
	blk := tfschema.NewBlock()
	configured := map[string]bool{}
	for _, e := range entries {
		configured[e.Camel] = true
		required := isRequired(cls, e.Camel)
		switch {
		case e.StructFn == "":
			blk.Attributes[e.TFName] = &tfschema.Attribute{
				Type:     tfschema.TypeOf(primitiveType(e.Kind, e.StorageClass)),
				Required: required,
				Optional: !required,
			}
		case e.IsBlock && b.nestedAttrs && e.TFName != "timeouts" && !(e.ListMapped && e.BlockSyntax):
			inner := b.structBlock(e.StructFn)
			nt := &tfschema.NestedType{Attributes: inner.Attributes, NestingMode: tfschema.NestingSingle}
			switch {
			case e.Kind == "set":
				nt.NestingMode = tfschema.NestingSet
			case e.Kind == "map":
				nt.NestingMode = tfschema.NestingMap
			case e.Kind == "list":
				nt.NestingMode = tfschema.NestingList
			}
			blk.Attributes[e.TFName] = &tfschema.Attribute{NestedType: nt, Required: required, Optional: !required}
		case e.IsBlock && e.ListMapped && !e.BlockSyntax:
			// SDKv2 "attributes as blocks" (ConfigMode: Attr, e.g. aws_security_group
			// ingress): an attribute of list/set of objects that also accepts block
			// syntax; Terraform core handles both spellings.
			inner := b.structBlock(e.StructFn)
			ty := inner.ImpliedType()
			if e.Kind == "set" {
				ty = cty.Set(ty)
			} else {
				ty = cty.List(ty)
			}
			blk.Attributes[e.TFName] = &tfschema.Attribute{Type: tfschema.TypeOf(ty), Optional: true, Computed: true}
		case e.IsBlock:
			bt := &tfschema.BlockType{Block: b.structBlock(e.StructFn)}
			switch e.Kind {
			case "struct":
				bt.NestingMode = tfschema.NestingSingle
			case "set":
				bt.NestingMode = tfschema.NestingSet
			case "map":
				bt.NestingMode = tfschema.NestingMap
			default:
				bt.NestingMode = tfschema.NestingList
			}
			if bt.NestingMode == tfschema.NestingSet && hasDynamic(bt.Block) {
				// cdktf types very deep nesting (wafv2 rule statements) as "any";
				// Terraform rejects dynamic types inside set blocks, so make it a list.
				bt.NestingMode = tfschema.NestingList
			}
			if bt.NestingMode != tfschema.NestingSingle && bt.NestingMode != tfschema.NestingMap {
				if !e.ListMapped {
					bt.MaxItems = 1
				}
				if required {
					bt.MinItems = 1
				}
			}
			blk.BlockTypes[e.TFName] = bt
		default:
			// A protocol-6 nested attribute.
			inner := b.structBlock(e.StructFn)
			nt := &tfschema.NestedType{Attributes: inner.Attributes, NestingMode: tfschema.NestingSingle}
			switch e.Kind {
			case "list":
				nt.NestingMode = tfschema.NestingList
			case "set":
				nt.NestingMode = tfschema.NestingSet
			case "map":
				nt.NestingMode = tfschema.NestingMap
			}
			blk.Attributes[e.TFName] = &tfschema.Attribute{NestedType: nt, Required: required, Optional: !required}
		}
	}
	if cls == nil {
		return blk
	}
	for _, g := range cls.GetterOrd {
		if configured[g] || strings.HasSuffix(g, "Input") || g == "internalValue" {
			continue
		}
		name, ty, ok := b.getterType(cls, g)
		if !ok {
			continue
		}
		if _, dup := blk.Attributes[name]; dup {
			continue
		}
		if _, dup := blk.BlockTypes[name]; dup {
			continue
		}
		blk.Attributes[name] = &tfschema.Attribute{Type: tfschema.TypeOf(ty), Computed: true}
	}
	return blk
}

// guessComputed marks optional attributes that are probably also computed.
// The generated code does not say which optional attributes the provider
// computes when unset, and with mock_provider that decides between null and
// a generated value. SDKv2 resources and data sources (recognisable by a
// configurable "id") compute most optional attributes (id, names from
// name_prefix, ports, data-source outputs), so all their optional attributes
// are marked computed. Plugin-framework resources (computed-only "id") mark
// computed explicitly and rarely do for optional ones, so only "id" and
// "region" (optional+computed in every AWS 6.x resource) are.
func guessComputed(b *tfschema.Block) {
	id := b.Attributes["id"]
	sdk := id != nil && id.Optional
	markComputed(b, sdk, true)
}

func markComputed(b *tfschema.Block, all, top bool) {
	for name, a := range b.Attributes {
		// Write-only arguments (password_wo, secret_string_wo) take ephemeral
		// values; the package does not flag them, the providers' naming does.
		if strings.HasSuffix(name, "_wo") && !a.Computed {
			a.WriteOnly = true
		}
		if a.Optional && (all || (top && (name == "id" || name == "region"))) {
			a.Computed = true
		}
		if a.NestedType != nil && all {
			markComputed(&tfschema.Block{Attributes: a.NestedType.Attributes}, all, false)
		}
	}
	if !all {
		return
	}
	for _, bt := range b.BlockTypes {
		markComputed(bt.Block, all, false)
	}
}

// hasDynamic reports whether any attribute of b (recursively) has a dynamic type.
func hasDynamic(b *tfschema.Block) bool {
	for _, a := range b.Attributes {
		if a.ImpliedType().HasDynamicTypes() {
			return true
		}
	}
	for _, bt := range b.BlockTypes {
		if bt.NestingMode != tfschema.NestingList && hasDynamic(bt.Block) {
			return true
		}
	}
	return false
}

// structBlock builds the block of a nested struct function, using its
// OutputReference class for required-ness and computed attributes.
func (b *builder) structBlock(fn string) *tfschema.Block {
	// Two generated files of one lib dir may define struct functions of the
	// same name (aws 6.66's wafv2_web_acl_rule), which the unit's flat name
	// table cannot tell apart; a function met again inside itself ends the
	// descent with an empty block instead of recursing for ever.
	if b.building[fn] {
		b.recursive[fn] = true
		return tfschema.NewBlock()
	}
	b.building[fn] = true
	defer delete(b.building, fn)
	entries, ok := b.u.Structs[fn]
	if !ok {
		b.unresolved[fn] = true
		return tfschema.NewBlock()
	}
	base := upperFirst(strings.TrimSuffix(fn, "ToHclTerraform"))
	return b.block(entries, b.u.Classes[base+"OutputReference"])
}

// isRequired: a configurable property with a setter (or put method) and no
// reset method is required. Without a class (provider structs) everything is optional.
func isRequired(cls *class, camel string) bool {
	if cls == nil || camel == "" {
		return false
	}
	if cls.Resets[camel] {
		return false
	}
	return cls.Setters[camel] || cls.Puts[camel]
}

var reGetAttr = regexp.MustCompile(`this\.(get\w+Attribute|interpolationForAttribute)\('([^']+)'\)`)
var reThisField = regexp.MustCompile(`^this\._(\w+)$`)

// getterType reads the Terraform name and type of a computed-only getter.
func (b *builder) getterType(cls *class, g string) (string, cty.Type, bool) {
	expr := cls.Getters[g]
	if m := reGetAttr.FindStringSubmatch(expr); m != nil {
		set := strings.Contains(expr, "Fn.tolist(")
		var ty cty.Type
		switch m[1] {
		case "getStringAttribute":
			ty = cty.String
		case "getNumberAttribute":
			ty = cty.Number
		case "getBooleanAttribute":
			ty = cty.Bool
		case "getListAttribute":
			ty = cty.List(cty.String)
		case "getNumberListAttribute":
			ty = cty.List(cty.Number)
		case "getStringMapAttribute":
			ty = cty.Map(cty.String)
		case "getNumberMapAttribute":
			ty = cty.Map(cty.Number)
		case "getBooleanMapAttribute":
			ty = cty.Map(cty.Bool)
		case "getAnyMapAttribute":
			ty = cty.Map(cty.DynamicPseudoType)
		case "interpolationForAttribute":
			ty = cty.DynamicPseudoType
		default:
			return "", cty.NilType, false
		}
		if set && ty.IsListType() {
			ty = cty.Set(ty.ElementType())
		}
		return m[2], ty, true
	}
	if m := reThisField.FindStringSubmatch(expr); m != nil {
		c, ok := cls.Ctors[m[1]]
		if !ok {
			return "", cty.NilType, false
		}
		ty, ok := b.classType(c.Class, c.WrapsSet, 0)
		return c.TFName, ty, ok
	}
	return "", cty.NilType, false
}

// classType is the cty type of a computed complex attribute held in a class.
func (b *builder) classType(name string, wrapsSet bool, depth int) (cty.Type, bool) {
	switch name {
	case "cdktf.StringMap":
		return cty.Map(cty.String), true
	case "cdktf.NumberMap":
		return cty.Map(cty.Number), true
	case "cdktf.BooleanMap":
		return cty.Map(cty.Bool), true
	case "cdktf.AnyMap":
		return cty.Map(cty.DynamicPseudoType), true
	case "cdktf.StringListMap":
		return cty.Map(cty.List(cty.String)), true
	case "cdktf.NumberListMap":
		return cty.Map(cty.List(cty.Number)), true
	case "cdktf.BooleanListMap":
		return cty.Map(cty.List(cty.Bool)), true
	case "cdktf.StringMapList":
		return cty.List(cty.Map(cty.String)), true
	case "cdktf.NumberMapList":
		return cty.List(cty.Map(cty.Number)), true
	case "cdktf.BooleanMapList":
		return cty.List(cty.Map(cty.Bool)), true
	case "cdktf.AnyMapList":
		return cty.List(cty.Map(cty.DynamicPseudoType)), true
	}
	cls := b.u.Classes[name]
	if cls == nil || depth > 32 {
		b.unresolved[name] = true
		return cty.NilType, false
	}
	switch cls.Base {
	case "cdktf.ComplexList":
		elem, ok := b.objectType(cls.ElemClass, depth+1)
		if !ok {
			return cty.NilType, false
		}
		if wrapsSet {
			return cty.Set(elem), true
		}
		return cty.List(elem), true
	case "cdktf.ComplexMap":
		elem, ok := b.objectType(cls.ElemClass, depth+1)
		if !ok {
			return cty.NilType, false
		}
		return cty.Map(elem), true
	case "cdktf.ComplexObject":
		return b.objectType(name, depth+1)
	}
	b.unresolved[name] = true
	return cty.NilType, false
}

// objectType is the object type described by an OutputReference class's getters.
func (b *builder) objectType(name string, depth int) (cty.Type, bool) {
	cls := b.u.Classes[name]
	if cls == nil {
		b.unresolved[name] = true
		return cty.NilType, false
	}
	attrs := map[string]cty.Type{}
	for _, g := range cls.GetterOrd {
		if strings.HasSuffix(g, "Input") || g == "internalValue" {
			continue
		}
		expr := cls.Getters[g]
		if m := reThisField.FindStringSubmatch(expr); m != nil {
			c, ok := cls.Ctors[m[1]]
			if !ok {
				continue
			}
			ty, ok := b.classType(c.Class, c.WrapsSet, depth+1)
			if ok {
				attrs[c.TFName] = ty
			}
			continue
		}
		if n, ty, ok := b.getterType(cls, g); ok {
			attrs[n] = ty
		}
	}
	return cty.Object(attrs), true
}

// primitiveType maps an entry's kind and storageClassType (string, numberList,
// stringMapList, ...) to a cty type. The outer collection kind comes from the
// entry's type; inner collections can only be lists or maps in cdktf's naming.
func primitiveType(kind, storage string) cty.Type {
	var suffixes []string
	s := storage
	for {
		switch {
		case strings.HasSuffix(s, "List"):
			suffixes = append(suffixes, "list")
			s = strings.TrimSuffix(s, "List")
			continue
		case strings.HasSuffix(s, "Map"):
			suffixes = append(suffixes, "map")
			s = strings.TrimSuffix(s, "Map")
			continue
		}
		break
	}
	var ty cty.Type
	switch s {
	case "string":
		ty = cty.String
	case "number":
		ty = cty.Number
	case "boolean":
		ty = cty.Bool
	default:
		ty = cty.DynamicPseudoType
	}
	// suffixes are outermost-first reversed: stringMapList = list(map(string)).
	for i := len(suffixes) - 1; i >= 0; i-- {
		outer := i == 0
		k := suffixes[i]
		if outer && (kind == "set" || kind == "list" || kind == "map") {
			k = kind
		}
		switch k {
		case "list":
			ty = cty.List(ty)
		case "set":
			ty = cty.Set(ty)
		case "map":
			ty = cty.Map(ty)
		}
	}
	if len(suffixes) == 0 && (kind == "list" || kind == "set" || kind == "map") && ty != cty.DynamicPseudoType {
		// e.g. kind list with storage "string": should not happen, keep it a collection.
		switch kind {
		case "list":
			ty = cty.List(ty)
		case "set":
			ty = cty.Set(ty)
		case "map":
			ty = cty.Map(ty)
		}
	}
	return ty
}
