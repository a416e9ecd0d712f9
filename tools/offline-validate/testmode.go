package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"github.com/outerbounds/terraform-aws-metaflow/internal/tfworkspace"
	"maps"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"
)

// testEvent is one line of `terraform test -json`.
type testEvent struct {
	Type     string `json:"type"`
	TestFile *struct {
		Path     string `json:"path"`
		Progress string `json:"progress"`
		Status   string `json:"status"`
	} `json:"test_file"`
	TestRun *struct {
		Path     string `json:"path"`
		Run      string `json:"run"`
		Progress string `json:"progress"`
		Status   string `json:"status"`
	} `json:"test_run"`
	Diagnostic *diagnostic `json:"diagnostic"`
}

// runTests runs terraform test in every configuration that has tests/*.tftest.hcl.
func (r *runner) runTests(ctx context.Context, configs []string) (int, error) {
	var withTests []string
	for _, dir := range configs {
		if len(tfworkspace.TestFiles(filepath.Join(r.ws.Tree, dir))) > 0 {
			withTests = append(withTests, dir)
		}
	}
	totals := make([]int, len(withTests))
	passes := make([]int, len(withTests))
	err := r.forEach(ctx, withTests, func(ctx context.Context, i int, dir string, p *report) error {
		var err error
		totals[i], passes[i], err = r.testOne(ctx, dir, p)
		return err
	})
	if err != nil {
		return 2, err
	}
	total, passed := 0, 0
	for i := range withTests {
		total += totals[i]
		passed += passes[i]
	}
	r.logf("offline-validate: %d/%d test files passed (%.1fs)", passed, total, time.Since(r.start).Seconds())
	if passed != total {
		return 1, nil
	}
	return 0, nil
}

// testOne runs one configuration's test files and returns (files, passed).
func (r *runner) testOne(ctx context.Context, dir string, p *report) (int, int, error) {
	t0 := time.Now()
	files := tfworkspace.TestFiles(filepath.Join(r.ws.Tree, dir))
	p.logf("== %s: %d test files", r.displayPath(dir), len(files))
	if err := r.get(ctx, dir); err != nil {
		p.logf("%s: error: %v", r.displayPath(dir), err)
		return len(files), 0, nil
	}
	stdout, stderr, _, err := r.terraform(ctx, dir, "test", "-json", "-no-color")
	if err != nil {
		return 0, 0, err
	}
	status := map[string]string{}
	runs := map[string][]string{}
	sc := bufio.NewScanner(strings.NewReader(stdout))
	sc.Buffer(make([]byte, 1024*1024), 64*1024*1024)
	for sc.Scan() {
		var ev testEvent
		if json.Unmarshal(sc.Bytes(), &ev) != nil {
			continue
		}
		switch {
		case ev.Type == "test_file" && ev.TestFile != nil && ev.TestFile.Status != "":
			status[ev.TestFile.Path] = ev.TestFile.Status
		case ev.Type == "test_run" && ev.TestRun != nil && ev.TestRun.Progress == "complete":
			runs[ev.TestRun.Path] = append(runs[ev.TestRun.Path], fmt.Sprintf("%s=%s", ev.TestRun.Run, ev.TestRun.Status))
			if ev.TestRun.Status != "pass" {
				p.logf("%s: run %q: %s", r.displayPath(filepath.Join(dir, ev.TestRun.Path)), ev.TestRun.Run, ev.TestRun.Status)
			}
		case ev.Diagnostic != nil && !ignoredSummaries[ev.Diagnostic.Summary]:
			p.diag(r.formatDiag(dir, *ev.Diagnostic))
		}
	}
	if len(status) == 0 && strings.TrimSpace(stderr) != "" {
		p.logf("%s: error: terraform test: %s", r.displayPath(dir), oneLine(stderr))
	}
	passed := 0
	for _, f := range files {
		st := status[f]
		if st == "" {
			st = "not run"
		}
		if st == "pass" {
			passed++
		}
		p.logf("%s: %s (%s)", r.displayPath(filepath.Join(dir, f)), st, summarizeRuns(runs[f]))
	}
	p.logf("   %s done in %.1fs", r.displayPath(dir), time.Since(t0).Seconds())
	return len(files), passed, nil
}

// summarizeRuns counts runs by status: "4 pass, 1 fail".
func summarizeRuns(runs []string) string {
	counts := map[string]int{}
	for _, r := range runs {
		_, st, _ := strings.Cut(r, "=")
		counts[st]++
	}
	if len(counts) == 0 {
		return "no runs"
	}
	var parts []string
	for _, st := range slices.Sorted(maps.Keys(counts)) {
		parts = append(parts, fmt.Sprintf("%d %s", counts[st], st))
	}
	sort.Strings(parts)
	return strings.Join(parts, ", ")
}
