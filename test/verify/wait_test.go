package verify

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestWaitFor(t *testing.T) {
	permanent := errors.New("broken for good")
	tests := []struct {
		name         string
		results      []error // returned in order; the last repeats
		timeout      time.Duration
		wantErr      string
		wantCalls    int // exact when > 0
		wantDeadline bool
	}{
		{name: "first try passes", results: []error{nil}, timeout: time.Second, wantCalls: 1},
		{name: "passes after not-ready tries", results: []error{notReady("a"), notReady("b"), nil}, timeout: time.Second, wantCalls: 3},
		{name: "permanent error stops at once", results: []error{notReady("a"), permanent}, timeout: time.Second, wantErr: "broken for good", wantCalls: 2},
		{name: "timeout names the last failure", results: []error{notReady("queue is CREATING")}, timeout: 30 * time.Millisecond, wantErr: "queue is CREATING", wantDeadline: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), tc.timeout)
			defer cancel()
			calls := 0
			err := WaitFor(ctx, time.Millisecond, func(context.Context) error {
				r := tc.results[min(calls, len(tc.results)-1)]
				calls++
				return r
			})
			if tc.wantErr == "" && err != nil {
				t.Fatalf("unexpected error: %v", err)
			}
			if tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)) {
				t.Fatalf("error %v, want it to contain %q", err, tc.wantErr)
			}
			if tc.wantCalls > 0 && calls != tc.wantCalls {
				t.Fatalf("check ran %d times, want %d", calls, tc.wantCalls)
			}
			if got := errors.Is(err, context.DeadlineExceeded); got != tc.wantDeadline {
				t.Fatalf("errors.Is(err, DeadlineExceeded) = %t, want %t", got, tc.wantDeadline)
			}
		})
	}
}

func TestWaitForRejectsZeroInterval(t *testing.T) {
	if err := WaitFor(context.Background(), 0, func(context.Context) error { return nil }); err == nil {
		t.Fatal("want an error for a zero interval")
	}
}
