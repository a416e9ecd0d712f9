package verify

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// ErrNotReady marks a check failure that may go away by itself (a resource
// still CREATING, a service not yet answering). WaitFor retries these.
var ErrNotReady = errors.New("not ready yet")

// notReady wraps ErrNotReady with what was seen.
func notReady(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrNotReady, fmt.Sprintf(format, args...))
}

// WaitFor runs check every interval until it succeeds, fails with an error that
// does not wrap ErrNotReady, or ctx ends. On ctx end the error names the last
// failure, so a timeout still says what was wrong.
func WaitFor(ctx context.Context, interval time.Duration, check func(context.Context) error) error {
	if interval <= 0 {
		return errors.New("WaitFor: interval must be positive")
	}
	start := time.Now()
	var last error
	for attempt := 1; ; attempt++ {
		err := check(ctx)
		if err == nil {
			return nil
		}
		if !errors.Is(err, ErrNotReady) {
			return err
		}
		// An attempt cut short by ctx says nothing about the resource; keep
		// the failure seen before it.
		if ctx.Err() == nil || last == nil {
			last = err
		}
		timer := time.NewTimer(interval)
		select {
		case <-ctx.Done():
			timer.Stop()
			// The last failure is quoted, not wrapped: after a timeout the
			// verdict is final, not "not ready".
			return fmt.Errorf("gave up after %s and %d attempts (%w); last: %v",
				time.Since(start).Round(time.Second), attempt, context.Cause(ctx), last)
		case <-timer.C:
		}
	}
}
