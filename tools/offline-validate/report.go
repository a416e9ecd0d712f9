package main

import (
	"context"
	"fmt"
	"sync"
)

// report collects one configuration's output so configurations can run in
// parallel and still print in order, each as one piece.
type report struct {
	lines []reportLine
}

type reportLine struct {
	text string
	diag bool // a diagnostic: printed once per run even if several configurations hit it
}

func (p *report) logf(format string, args ...any) {
	p.lines = append(p.lines, reportLine{text: fmt.Sprintf(format, args...)})
}

func (p *report) diag(line string) {
	p.lines = append(p.lines, reportLine{text: line, diag: true})
}

// flush prints a report, skipping diagnostics already printed.
func (r *runner) flush(p *report) {
	for _, l := range p.lines {
		if l.diag {
			if r.seen[l.text] {
				continue
			}
			r.seen[l.text] = true
		}
		r.logf("%s", l.text)
	}
}

// forEach runs fn for every configuration with up to opts.jobs at a time and
// prints the reports in the configurations' order as soon as each is next.
func (r *runner) forEach(ctx context.Context, configs []string, fn func(ctx context.Context, i int, dir string, p *report) error) error {
	jobs := max(r.opts.jobs, 1)
	reports := make([]*report, len(configs))
	errs := make([]error, len(configs))
	done := make([]chan struct{}, len(configs))
	for i := range done {
		done[i] = make(chan struct{})
	}
	sem := make(chan struct{}, jobs)
	var wg sync.WaitGroup
	for i, dir := range configs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer close(done[i])
			sem <- struct{}{}
			defer func() { <-sem }()
			reports[i] = &report{}
			errs[i] = fn(ctx, i, dir, reports[i])
		}()
	}
	var firstErr error
	for i := range configs {
		<-done[i]
		r.flush(reports[i])
		if errs[i] != nil && firstErr == nil {
			firstErr = errs[i]
		}
	}
	wg.Wait()
	return firstErr
}
