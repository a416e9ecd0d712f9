package static

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/hashicorp/hcl/v2"
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
// version the index publishes and does not list as broken. A chart shipped
// inside the module (chart = "${path.module}/DIR") must be a chart directory.
func CheckChartPins(base, dir string, ix *ChartIndex) ([]Finding, error) {
	m, err := Load(dir)
	if err != nil {
		return nil, err
	}
	locals := map[string]cty.Value{}
	for _, b := range m.blocks("locals") {
		for name, a := range b.Body.Attributes {
			if v, d := a.Expr.Value(nil); !d.HasErrors() && v.Type() == cty.String && v.IsKnown() && !v.IsNull() {
				locals[name] = v
			}
		}
	}
	ctx := &hcl.EvalContext{Variables: map[string]cty.Value{"local": cty.ObjectVal(locals)}}
	var out []Finding
	for _, b := range m.blocks("resource") {
		if len(b.Labels) != 2 || b.Labels[0] != "helm_release" {
			continue
		}
		rel, err := filepath.Rel(base, b.TypeRange.Filename)
		if err != nil {
			return nil, err
		}
		add := func(format string, args ...any) {
			out = append(out, Finding{File: filepath.ToSlash(rel), Line: b.TypeRange.Start.Line, Check: "charts", Message: fmt.Sprintf("helm_release.%s: ", b.Labels[1]) + fmt.Sprintf(format, args...)})
		}
		get := func(arg string) string {
			a, ok := b.Body.Attributes[arg]
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
		// A chart shipped in the module is pinned by the module's own version.
		if local, ok := localChartDir(b, dir); ok {
			if _, err := os.Stat(filepath.Join(local, "Chart.yaml")); err != nil {
				add("the module's chart %s has no Chart.yaml", filepath.Base(local))
			}
			continue
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
		for _, br := range ix.Broken {
			if br.Repository == repo && br.Chart == chart && br.Version == version {
				add("%s %s is published but broken: %s", chart, version, br.Why)
			}
		}
	}
	return sortFindings(out), nil
}
