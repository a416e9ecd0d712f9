package cdktf

import (
	"regexp"
	"strings"
)

// The generated JavaScript of a @cdktf/provider-* package is regular: every
// resource, data source and nested-block struct is a top-level `class` or
// `function` starting in column 0 and ending at a lone `}` in column 0. This
// file reads that code into plain Go values; extract.go turns them into a
// schema.

// entry is one line of an attrs map in synthesizeHclAttributes() or in a
// fooToHclTerraform(struct) function: one argument or block, by its Terraform name.
type entry struct {
	TFName       string
	Camel        string // the JS property (struct.<camel> or this._<camel>)
	IsBlock      bool
	Kind         string // simple, list, set, map, struct
	StorageClass string // string, number, boolean, any, stringList, ..., or a struct class name
	StructFn     string // fooToHclTerraform for object elements, "" for primitives
	ListMapped   bool   // value goes through cdktf.listMapperHcl(structFn, ...)
	BlockSyntax  bool   // second argument of listMapperHcl for a struct: true for real blocks
}

// class is a top-level JS class.
type class struct {
	Name      string
	Base      string
	Getters   map[string]string // camel -> returned expression
	GetterOrd []string          // getter names in source order
	Setters   map[string]bool
	Puts      map[string]bool // camel (lower-first) of putX methods
	Resets    map[string]bool // camel (lower-first) of resetX methods
	Ctors     map[string]ctor // this._camel = new Cls(this, "tf", wrapsSet)
	Entries   []entry         // from synthesizeHclAttributes
	ElemClass string          // for ComplexList/ComplexMap: class returned by get()
	TypeName  string          // resource type of a class that declares it as a static field
}

type ctor struct {
	Class    string
	TFName   string
	WrapsSet bool
}

// unit is everything parsed from one lib/<dir>: classes, struct functions and
// tfResourceType assignments.
type unit struct {
	Classes   map[string]*class
	Structs   map[string][]entry // fooToHclTerraform -> entries
	TypeNames map[string]string  // class name -> tfResourceType
}

var (
	reClassStart  = regexp.MustCompile(`^class (\w+) extends ([\w.]+) \{`)
	reFuncStart   = regexp.MustCompile(`^function (\w+ToHclTerraform)\(struct\) \{`)
	reTypeName    = regexp.MustCompile(`^(\w+)\.tfResourceType = "([^"]+)";`)
	reStaticType  = regexp.MustCompile(`^    static tfResourceType = "([^"]+)";`) // @cdktn: a class field
	reGetter      = regexp.MustCompile(`^    get (\w+)\(\) \{`)
	reReturn      = regexp.MustCompile(`^\s+return (.*);$`)
	reSetter      = regexp.MustCompile(`^    set (\w+)\(value\) \{`)
	rePut         = regexp.MustCompile(`^    put(\w+)\(value\) \{`)
	reReset       = regexp.MustCompile(`^    reset(\w+)\(\) \{`)
	reCtor        = regexp.MustCompile(`this\._(\w+) = new ([\w.]+)\(this, "([^"]+)"(?:, (true|false))?\);`)
	reFieldCtor   = regexp.MustCompile(`^    _(\w+) = new ([\w.]+)\(this, "([^"]+)"(?:, (true|false))?\);`) // @cdktn: a class field
	reElemNew     = regexp.MustCompile(`return new ([\w.]+)\(this\.terraformResource, this\.terraformAttribute`)
	reEntry       = regexp.MustCompile(`(?m)^\s+(?:"([^"]+)"|(\w+)): \{\n\s+value: (.+),\n\s+isBlock: (true|false),\n\s+type: "(\w+)",\n\s+storageClassType: "(\w+)",\n\s+\},?$`)
	reCamel       = regexp.MustCompile(`(?:struct\.|this\._)(\w+)`)
	reStructFn    = regexp.MustCompile(`(?:(\w+)\.)?(\w+ToHclTerraform)\b`)
	reListMapped  = regexp.MustCompile(`listMapperHcl\((?:\w+\.)?(\w+ToHclTerraform), (true|false)\)`)
	reSynthesize  = regexp.MustCompile(`^    synthesizeHclAttributes\(\) \{`)
	reEndOfMethod = regexp.MustCompile(`^    \}`)
)

// parseUnit reads the concatenated JS of one lib/<dir>.
func parseUnit(src string) *unit {
	u := &unit{Classes: map[string]*class{}, Structs: map[string][]entry{}, TypeNames: map[string]string{}}
	lines := strings.Split(src, "\n")
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		if line == "" || line[0] == ' ' || line[0] == '}' || line[0] == '/' {
			continue // only top-level statements start in column 0
		}
		if m := reTypeName.FindStringSubmatch(line); m != nil {
			u.TypeNames[m[1]] = m[2]
			continue
		}
		if m := reFuncStart.FindStringSubmatch(line); m != nil {
			end := closing(lines, i)
			u.Structs[m[1]] = parseEntries(strings.Join(lines[i:end], "\n"))
			i = end
			continue
		}
		if m := reClassStart.FindStringSubmatch(line); m != nil {
			end := closing(lines, i)
			c := parseClass(m[1], m[2], lines[i+1:end])
			u.Classes[m[1]] = c
			if c.TypeName != "" {
				u.TypeNames[m[1]] = c.TypeName
			}
			i = end
		}
	}
	return u
}

// closing returns the index of the `}` line closing the top-level item opened at start.
func closing(lines []string, start int) int {
	for j := start + 1; j < len(lines); j++ {
		if lines[j] == "}" {
			return j
		}
	}
	return len(lines) - 1
}

func parseClass(name, base string, body []string) *class {
	c := &class{
		Name: name, Base: base,
		Getters: map[string]string{}, Setters: map[string]bool{},
		Puts: map[string]bool{}, Resets: map[string]bool{}, Ctors: map[string]ctor{},
	}
	for i := 0; i < len(body); i++ {
		line := body[i]
		if !strings.HasPrefix(line, "    ") {
			continue
		}
		if strings.HasPrefix(line, "        ") {
			// method bodies: only constructor assignments and get(index) matter
			if strings.Contains(line, " = new ") {
				if m := reCtor.FindStringSubmatch(line); m != nil {
					c.Ctors[m[1]] = ctor{Class: localName(m[2]), TFName: m[3], WrapsSet: m[4] == "true"}
				}
			} else if c.ElemClass == "" && strings.Contains(line, "return new ") {
				if m := reElemNew.FindStringSubmatch(line); m != nil {
					c.ElemClass = localName(m[1])
				}
			}
			continue
		}
		switch {
		case reFieldCtor.MatchString(line):
			m := reFieldCtor.FindStringSubmatch(line)
			c.Ctors[m[1]] = ctor{Class: localName(m[2]), TFName: m[3], WrapsSet: m[4] == "true"}
		case reStaticType.MatchString(line):
			c.TypeName = reStaticType.FindStringSubmatch(line)[1]
		case reGetter.MatchString(line):
			g := reGetter.FindStringSubmatch(line)[1]
			if i+1 < len(body) {
				if r := reReturn.FindStringSubmatch(body[i+1]); r != nil {
					c.Getters[g] = r[1]
					c.GetterOrd = append(c.GetterOrd, g)
				}
			}
		case reSetter.MatchString(line):
			c.Setters[reSetter.FindStringSubmatch(line)[1]] = true
		case rePut.MatchString(line):
			c.Puts[lowerFirst(rePut.FindStringSubmatch(line)[1])] = true
		case reReset.MatchString(line):
			r := reReset.FindStringSubmatch(line)[1]
			c.Resets[lowerFirst(r)] = true
			// cdktf renames resetX to resetTfX when X collides with a getter
			// (helm_release: values vs reset_values -> resetTfValues).
			if t, ok := strings.CutPrefix(r, "Tf"); ok && t != "" {
				c.Resets[lowerFirst(t)] = true
			}
		case reSynthesize.MatchString(line):
			end := i + 1
			for end < len(body) && !reEndOfMethod.MatchString(body[end]) {
				end++
			}
			c.Entries = parseEntries(strings.Join(body[i:end], "\n"))
			i = end
			continue
		}
	}
	return c
}

func parseEntries(body string) []entry {
	var out []entry
	for _, m := range reEntry.FindAllStringSubmatch(body, -1) {
		e := entry{TFName: m[1], IsBlock: m[4] == "true", Kind: m[5], StorageClass: m[6]}
		if e.TFName == "" {
			e.TFName = m[2]
		}
		value := m[3]
		if cm := reCamel.FindAllStringSubmatch(value, -1); len(cm) > 0 {
			e.Camel = cm[len(cm)-1][1]
		}
		for _, fm := range reStructFn.FindAllStringSubmatch(value, -1) {
			if fm[1] != "cdktf" { // cdktf.stringToHclTerraform & co. are primitives
				e.StructFn = fm[2]
			}
		}
		if lm := reListMapped.FindStringSubmatch(value); lm != nil && lm[1] == e.StructFn {
			e.ListMapped = true
			e.BlockSyntax = lm[2] == "true"
		}
		out = append(out, e)
	}
	return out
}

// localName drops the module qualifier of a class defined in another file of
// the same lib dir (index_structs_1.FooList); cdktf.* runtime classes keep theirs.
func localName(s string) string {
	if strings.HasPrefix(s, "cdktf.") {
		return s
	}
	if i := strings.LastIndex(s, "."); i >= 0 {
		return s[i+1:]
	}
	return s
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
