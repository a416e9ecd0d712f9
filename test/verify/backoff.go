package verify

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Backoff bounds the retries of GetWithBackoff. The overall bound is the
// caller's ctx deadline; these only shape the waits between attempts.
type Backoff struct {
	// Initial is the first wait; defaults to 1s.
	Initial time.Duration
	// Max caps every wait; defaults to 30s.
	Max time.Duration
	// Factor multiplies the wait after each failure; defaults to 2.
	Factor float64
	// Sleep waits d or until ctx ends (returning its error); nil uses a
	// timer. Tests pass a fake clock.
	Sleep func(ctx context.Context, d time.Duration) error
	// Logf, when set, receives one line per failed attempt.
	Logf func(format string, args ...any)
}

// Waits returns the first n waits b produces, for logs and tests.
func (b Backoff) Waits(n int) []time.Duration {
	b = b.withDefaults()
	waits := make([]time.Duration, 0, n)
	for d := b.Initial; len(waits) < n; d = b.next(d) {
		waits = append(waits, d)
	}
	return waits
}

func (b Backoff) withDefaults() Backoff {
	if b.Initial <= 0 {
		b.Initial = time.Second
	}
	if b.Max <= 0 {
		b.Max = 30 * time.Second
	}
	if b.Max < b.Initial {
		b.Max = b.Initial
	}
	if b.Factor < 1 {
		b.Factor = 2
	}
	if b.Sleep == nil {
		b.Sleep = sleepCtx
	}
	return b
}

func (b Backoff) next(d time.Duration) time.Duration {
	n := time.Duration(float64(d) * b.Factor)
	if n > b.Max || n <= 0 {
		return b.Max
	}
	return n
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return context.Cause(ctx)
	case <-t.C:
		return nil
	}
}

// GetWithBackoff is GetUntil with exponentially growing waits (Initial,
// Initial*Factor, ... capped at Max) until validate passes or ctx ends: the
// shape for a service still warming up (API Gateway 5xx, ECS tasks starting),
// which answers soon or not for minutes. A ctx without a deadline is refused,
// so the retries are always bounded. The final error names the attempts and
// the last failure (secrets masked) and does not wrap ErrNotReady.
func GetWithBackoff(ctx context.Context, client HTTPDoer, r Request, b Backoff, validate Validator) (Response, error) {
	if _, ok := ctx.Deadline(); !ok {
		return Response{}, errors.New("GetWithBackoff: ctx has no deadline; retries must be bounded")
	}
	if validate == nil {
		return Response{}, errors.New("GetWithBackoff: no validator")
	}
	b = b.withDefaults()
	var last Response
	var lastErr error
	wait := b.Initial
	for attempt := 1; ; attempt++ {
		resp, err := Get(ctx, client, r)
		if err == nil {
			last = resp
			if err = validate(resp); err == nil {
				return resp, nil
			}
			err = fmt.Errorf("GET %s: %w", r.URL, err)
		}
		// An attempt cut short by ctx says nothing about the service; keep
		// the failure seen before it.
		if ctx.Err() == nil || lastErr == nil {
			lastErr = err
		}
		if b.Logf != nil {
			b.Logf("attempt %d: %v; next in %s", attempt, lastErr, wait)
		}
		if serr := b.Sleep(ctx, wait); serr != nil || ctx.Err() != nil {
			cause := context.Cause(ctx)
			if cause == nil {
				cause = serr
			}
			return last, fmt.Errorf("gave up after %d attempts (%w); last: %v", attempt, cause, lastErr)
		}
		wait = b.next(wait)
	}
}
