package static

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// ChartIndex is what is known of the Helm charts a module may install: the
// versions each repository's index publishes, and published versions known
// not to work.
type ChartIndex struct {
	Charts []struct {
		Repository string   `json:"repository"`
		Chart      string   `json:"chart"`
		Versions   []string `json:"versions"`
	} `json:"charts"`
	Broken []struct {
		Repository string `json:"repository"`
		Chart      string `json:"chart"`
		Version    string `json:"version"`
		Why        string `json:"why"`
	} `json:"broken"`
}

// LoadChartIndex reads a ChartIndex JSON file.
func LoadChartIndex(path string) (*ChartIndex, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var ix ChartIndex
	if err := json.Unmarshal(b, &ix); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &ix, nil
}

// CheckChartPins finds the helm_release resources of the module in dir and
// checks that each pins, as literals or locals that are literals, a chart
// version the index publishes and does not list as broken.
func CheckChartPins(base, dir string, ix *ChartIndex) ([]Finding, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.tf"))
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	locals := map[string]cty.Value{}
	type release struct {
		name, file string
		body       *hclsyntax.Body
		line       int
	}
	var releases []release
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		file, diags := hclsyntax.ParseConfig(src, f, hcl.InitialPos)
		if diags.HasErrors() {
			return nil, fmt.Errorf("%s: %s", f, diags.Error())
		}
		rel, err := filepath.Rel(base, f)
		if err != nil {
			return nil, err
		}
		for _, b := range file.Body.(*hclsyntax.Body).Blocks {
			switch {
			case b.Type == "locals":
				for name, a := range b.Body.Attributes {
					if v, d := a.Expr.Value(nil); !d.HasErrors() && v.Type() == cty.String && v.IsKnown() && !v.IsNull() {
						locals[name] = v
					}
				}
			case b.Type == "resource" && len(b.Labels) == 2 && b.Labels[0] == "helm_release":
				releases = append(releases, release{b.Labels[1], filepath.ToSlash(rel), b.Body, b.TypeRange.Start.Line})
			}
		}
	}
	ctx := &hcl.EvalContext{Variables: map[string]cty.Value{"local": cty.ObjectVal(locals)}}
	var out []Finding
	for _, r := range releases {
		add := func(format string, args ...any) {
			out = append(out, Finding{File: r.file, Line: r.line, Check: "charts", Message: fmt.Sprintf("helm_release.%s: ", r.name) + fmt.Sprintf(format, args...)})
		}
		get := func(arg string) string {
			a, ok := r.body.Attributes[arg]
			if !ok {
				add("no %s: pin the chart's repository, name and version", arg)
				return ""
			}
			v, d := a.Expr.Value(ctx)
			if d.HasErrors() || v.Type() != cty.String || v.IsNull() {
				add("%s is not a literal (or a local that is one), so its pin cannot be checked", arg)
				return ""
			}
			return v.AsString()
		}
		repo, chart, version := get("repository"), get("chart"), get("version")
		if repo == "" || chart == "" || version == "" {
			continue
		}
		known := false
		for _, c := range ix.Charts {
			if c.Repository != repo || c.Chart != chart {
				continue
			}
			known = true
			if !slices.Contains(c.Versions, version) {
				add("%s %s is not published in %s (published: %v)", chart, version, repo, c.Versions)
			}
		}
		if !known {
			add("nothing is known of chart %s in %s: add what its index publishes to the chart index", chart, repo)
		}
		for _, b := range ix.Broken {
			if b.Repository == repo && b.Chart == chart && b.Version == version {
				add("%s %s is published but broken: %s", chart, version, b.Why)
			}
		}
	}
	return sortFindings(out), nil
}
