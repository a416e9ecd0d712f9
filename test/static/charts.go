package static

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"

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
// version the index publishes and does not list as broken. A chart shipped
// inside the module (chart = "${path.module}/DIR") must be a chart directory.
func CheckChartPins(base, dir string, ix *ChartIndex) ([]Finding, error) {
	releases, _, ctx, err := helmReleases(base, dir)
	if err != nil {
		return nil, err
	}
	var out []Finding
	for _, r := range releases {
		b := r.block
		add := func(format string, args ...any) { out = append(out, r.finding("charts", format, args...)) }
		get := func(arg string) string {
			if _, ok := b.Body.Attributes[arg]; !ok {
				add("no %s: pin the chart's repository, name and version", arg)
				return ""
			}
			v := literalAttr(b, arg, ctx)
			if v == "" {
				add("%s is not a literal (or a local that is one), so its pin cannot be checked", arg)
			}
			return v
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

// helmRelease is one helm_release block and its file relative to base.
type helmRelease struct {
	block *hclsyntax.Block
	file  string
}

func (r helmRelease) finding(check, format string, args ...any) Finding {
	return Finding{File: r.file, Line: r.block.TypeRange.Start.Line, Check: check, Message: fmt.Sprintf("helm_release.%s: ", r.block.Labels[1]) + fmt.Sprintf(format, args...)}
}

// helmReleases loads the module in dir and returns its helm_release blocks,
// its locals' expressions, and an evaluation context holding the locals that
// are string literals (what a chart, repository or version may refer to).
func helmReleases(base, dir string) ([]helmRelease, map[string]hclsyntax.Expression, *hcl.EvalContext, error) {
	m, err := Load(dir)
	if err != nil {
		return nil, nil, nil, err
	}
	locals := map[string]hclsyntax.Expression{}
	literals := map[string]cty.Value{}
	for _, b := range m.blocks("locals") {
		for name, a := range b.Body.Attributes {
			locals[name] = a.Expr
			if v, d := a.Expr.Value(nil); !d.HasErrors() && v.Type() == cty.String && v.IsKnown() && !v.IsNull() {
				literals[name] = v
			}
		}
	}
	var out []helmRelease
	for _, b := range m.blocks("resource") {
		if len(b.Labels) != 2 || b.Labels[0] != "helm_release" {
			continue
		}
		rel, err := filepath.Rel(base, b.TypeRange.Filename)
		if err != nil {
			return nil, nil, nil, err
		}
		out = append(out, helmRelease{block: b, file: filepath.ToSlash(rel)})
	}
	return out, locals, &hcl.EvalContext{Variables: map[string]cty.Value{"local": cty.ObjectVal(literals)}}, nil
}
