package deploy

import (
	"fmt"
	"strings"
	"time"
)

// Progress prints one line when a stage starts and one when it ends, with the
// stage's duration and the time since the run began, so a person watching an
// hour-long `go test -v` knows where it is. It also keeps the durations for a
// closing summary (what the run measured).
type Progress struct {
	name   string
	logf   func(format string, args ...any)
	now    func() time.Time
	start  time.Time
	stages []stageRecord
}

type stageRecord struct {
	name string
	took time.Duration
	err  error
}

// NewProgress starts the clock. now may be nil (time.Now).
func NewProgress(name string, logf func(format string, args ...any), now func() time.Time) *Progress {
	if now == nil {
		now = time.Now
	}
	return &Progress{name: name, logf: logf, now: now, start: now()}
}

// Stage runs fn as the named stage and returns its error.
func (p *Progress) Stage(stage string, fn func() error) error {
	begin := p.now()
	p.logf("[%s] %-14s start   (elapsed %s)", p.name, stage, p.elapsed(begin))
	err := fn()
	end := p.now()
	took := end.Sub(begin)
	p.stages = append(p.stages, stageRecord{name: stage, took: took, err: err})
	if err != nil {
		p.logf("[%s] %-14s FAILED  after %s (elapsed %s): %v", p.name, stage, round(took), p.elapsed(end), err)
	} else {
		p.logf("[%s] %-14s ok      in %s (elapsed %s)", p.name, stage, round(took), p.elapsed(end))
	}
	return err
}

// Note logs a line between stages.
func (p *Progress) Note(format string, args ...any) {
	p.logf("[%s] %s", p.name, fmt.Sprintf(format, args...))
}

// Summary is one line with every stage's outcome and duration.
func (p *Progress) Summary() string {
	parts := make([]string, 0, len(p.stages))
	for _, s := range p.stages {
		verdict := "ok"
		if s.err != nil {
			verdict = "FAILED"
		}
		parts = append(parts, fmt.Sprintf("%s %s %s", s.name, verdict, round(s.took)))
	}
	return fmt.Sprintf("[%s] total %s: %s", p.name, p.elapsed(p.now()), strings.Join(parts, ", "))
}

func (p *Progress) elapsed(at time.Time) time.Duration { return round(at.Sub(p.start)) }

func round(d time.Duration) time.Duration { return d.Round(time.Second) }
