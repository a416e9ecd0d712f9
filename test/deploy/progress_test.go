package deploy

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestProgress(t *testing.T) {
	clock := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	now := func() time.Time { return clock }
	var lines []string
	p := NewProgress("minimal mfdt-abc123", func(f string, a ...any) { lines = append(lines, fmt.Sprintf(f, a...)) }, now)

	if err := p.Stage("apply", func() error { clock = clock.Add(18*time.Minute + 3*time.Second); return nil }); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("job stuck in RUNNABLE")
	if err := p.Stage("batch-job", func() error { clock = clock.Add(25 * time.Minute); return boom }); !errors.Is(err, boom) {
		t.Fatalf("Stage returned %v, want the stage's error", err)
	}

	want := []string{
		"[minimal mfdt-abc123] apply          start   (elapsed 0s)",
		"[minimal mfdt-abc123] apply          ok      in 18m3s (elapsed 18m3s)",
		"[minimal mfdt-abc123] batch-job      start   (elapsed 18m3s)",
		"[minimal mfdt-abc123] batch-job      FAILED  after 25m0s (elapsed 43m3s): job stuck in RUNNABLE",
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Fatalf("lines:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
	if got, wantSum := p.Summary(), "[minimal mfdt-abc123] total 43m3s: apply ok 18m3s, batch-job FAILED 25m0s"; got != wantSum {
		t.Fatalf("summary %q, want %q", got, wantSum)
	}
}
