package main

import (
	"context"
	"encoding/json"
	"fmt"
	"github.com/outerbounds/terraform-aws-metaflow/internal/tfworkspace"
	"path/filepath"
	"strings"
	"time"
)

// diagnostic is Terraform's JSON diagnostic (validate -json, test -json).
type diagnostic struct {
	Severity string `json:"severity"`
	Summary  string `json:"summary"`
	Detail   string `json:"detail"`
	Range    *struct {
		Filename string `json:"filename"`
		Start    struct {
			Line   int `json:"line"`
			Column int `json:"column"`
		} `json:"start"`
	} `json:"range"`
}

type validateOutput struct {
	Valid        bool         `json:"valid"`
	ErrorCount   int          `json:"error_count"`
	WarningCount int          `json:"warning_count"`
	Diagnostics  []diagnostic `json:"diagnostics"`
}

// ignoredSummaries are warnings our own setup causes.
var ignoredSummaries = map[string]bool{
	"Provider development overrides are in effect": true,
}

func (r *runner) runValidate(ctx context.Context, configs []string, schema string) (int, error) {
	valid := make([]bool, len(configs))
	err := r.forEach(ctx, configs, func(ctx context.Context, i int, dir string, p *report) error {
		t0 := time.Now()
		ok, errs, warns, err := r.validateOne(ctx, dir, p)
		if err != nil {
			return err
		}
		status := "valid"
		if !ok {
			status = "INVALID"
		}
		valid[i] = ok
		p.logf("[%d/%d] %s: %s (%d errors, %d warnings, %.1fs)", i+1, len(configs), r.displayPath(dir), status, errs, warns, time.Since(t0).Seconds())
		return nil
	})
	if err != nil {
		return 2, err
	}
	n := 0
	for _, ok := range valid {
		if ok {
			n++
		}
	}
	r.logf("offline-validate: %d/%d configurations valid against the %s schema (%.1fs)", n, len(configs), schema, time.Since(r.start).Seconds())
	if n != len(configs) {
		return 1, nil
	}
	return 0, nil
}

func (r *runner) validateOne(ctx context.Context, dir string, p *report) (bool, int, int, error) {
	if err := r.get(ctx, dir); err != nil {
		p.logf("%s: error: %v", r.displayPath(dir), err)
		return false, 1, 0, nil
	}
	stdout, stderr, _, err := r.terraform(ctx, dir, "validate", "-json", "-no-color")
	if err != nil {
		return false, 0, 0, err
	}
	var out validateOutput
	if err := json.Unmarshal([]byte(stdout), &out); err != nil {
		p.logf("%s: error: terraform validate gave no JSON: %s %s", r.displayPath(dir), oneLine(stdout), oneLine(stderr))
		return false, 1, 0, nil
	}
	errs, warns := 0, 0
	for _, d := range out.Diagnostics {
		if ignoredSummaries[d.Summary] {
			continue
		}
		if d.Severity == "error" {
			errs++
		} else {
			warns++
		}
		p.diag(r.formatDiag(dir, d))
	}
	return out.Valid, errs, warns, nil
}

// formatDiag renders path:line:col: severity: summary: detail with the path
// in the real tree.
func (r *runner) formatDiag(dir string, d diagnostic) string {
	loc := r.displayPath(dir)
	if d.Range != nil && d.Range.Filename != "" {
		loc = fmt.Sprintf("%s:%d:%d", r.realPath(dir, d.Range.Filename), d.Range.Start.Line, d.Range.Start.Column)
	}
	line := fmt.Sprintf("%s: %s: %s", loc, d.Severity, d.Summary)
	if detail := oneLine(d.Detail); detail != "" {
		line += ": " + detail
	}
	return line
}

// realPath maps a file name terraform printed (relative to the configuration
// it ran in, inside the copy) to a path in the real tree; files of stand-ins
// are shown as <stand-in vpc-6.6.0>/main.tf.
func (r *runner) realPath(dir, name string) string {
	abs := name
	if !filepath.IsAbs(abs) {
		abs = filepath.Join(r.ws.Tree, dir, name)
	}
	rel, err := filepath.Rel(r.ws.Tree, abs)
	if err != nil || strings.HasPrefix(rel, "..") {
		return name
	}
	if s, ok := strings.CutPrefix(filepath.ToSlash(rel), tfworkspace.StandinDir+"/"); ok {
		return "<stand-in " + s + ">"
	}
	return r.displayPath(rel)
}
