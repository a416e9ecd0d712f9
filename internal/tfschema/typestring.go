package tfschema

import (
	"sort"
	"strings"

	"github.com/zclconf/go-cty/cty"
)

// TypeString writes a cty type the way HCL type constraints spell it:
// string, list(string), map(object({ a = number })), any.
func TypeString(t cty.Type) string {
	switch {
	case t == cty.DynamicPseudoType:
		return "any"
	case t.IsPrimitiveType():
		return t.FriendlyName()
	case t.IsListType():
		return "list(" + TypeString(t.ElementType()) + ")"
	case t.IsSetType():
		return "set(" + TypeString(t.ElementType()) + ")"
	case t.IsMapType():
		return "map(" + TypeString(t.ElementType()) + ")"
	case t.IsObjectType():
		attrs := t.AttributeTypes()
		names := make([]string, 0, len(attrs))
		for n := range attrs {
			names = append(names, n)
		}
		sort.Strings(names)
		parts := make([]string, len(names))
		for i, n := range names {
			parts[i] = n + " = " + TypeString(attrs[n])
		}
		return "object({ " + strings.Join(parts, ", ") + " })"
	case t.IsTupleType():
		elems := t.TupleElementTypes()
		parts := make([]string, len(elems))
		for i, e := range elems {
			parts[i] = TypeString(e)
		}
		return "tuple([" + strings.Join(parts, ", ") + "])"
	}
	return t.FriendlyName()
}
