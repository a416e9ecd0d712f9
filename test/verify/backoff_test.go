package verify

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// fakeClock records the waits asked for and ends ctx once their sum passes
// budget, as a real deadline would, without sleeping.
type fakeClock struct {
	waits  []time.Duration
	budget time.Duration
	cancel context.CancelCauseFunc
}

func (c *fakeClock) sleep(ctx context.Context, d time.Duration) error {
	c.waits = append(c.waits, d)
	var total time.Duration
	for _, w := range c.waits {
		total += w
	}
	if c.budget > 0 && total > c.budget {
		c.cancel(context.DeadlineExceeded)
	}
	return context.Cause(ctx)
}

func TestBackoffWaits(t *testing.T) {
	tests := []struct {
		name string
		b    Backoff
		want []time.Duration
	}{
		{name: "defaults", b: Backoff{}, want: []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second, 16 * time.Second, 30 * time.Second, 30 * time.Second}},
		{name: "capped", b: Backoff{Initial: 10 * time.Millisecond, Max: 50 * time.Millisecond}, want: []time.Duration{10 * time.Millisecond, 20 * time.Millisecond, 40 * time.Millisecond, 50 * time.Millisecond, 50 * time.Millisecond}},
		{name: "factor 3", b: Backoff{Initial: time.Second, Max: time.Minute, Factor: 3}, want: []time.Duration{time.Second, 3 * time.Second, 9 * time.Second, 27 * time.Second, time.Minute}},
		{name: "max below initial", b: Backoff{Initial: 5 * time.Second, Max: time.Second}, want: []time.Duration{5 * time.Second, 5 * time.Second}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.b.Waits(len(tc.want)); !slices.Equal(got, tc.want) {
				t.Fatalf("waits %v, want %v", got, tc.want)
			}
		})
	}
}

func TestGetWithBackoff(t *testing.T) {
	tests := []struct {
		name      string
		warmup    int32 // 503s before "pong"
		key       string
		budget    time.Duration
		wantErr   string
		wantWaits []time.Duration
		wantHits  int32
	}{
		{name: "answers at once", key: testKey, wantWaits: nil, wantHits: 1},
		{name: "warms up after three 503s", warmup: 3, key: testKey, budget: time.Hour,
			wantWaits: []time.Duration{time.Second, 2 * time.Second, 4 * time.Second}, wantHits: 4},
		{name: "never warms up: bounded by the deadline", warmup: 1000, key: testKey, budget: 40 * time.Second,
			wantErr: "gave up after 7 attempts (context deadline exceeded); last: GET", wantWaits: []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second, 10 * time.Second, 10 * time.Second, 10 * time.Second}, wantHits: 7},
		{name: "wrong key keeps failing, masked", key: "not-" + testKey, budget: 2 * time.Second,
			wantErr: "status 403", wantWaits: []time.Duration{time.Second, 2 * time.Second}, wantHits: 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var hits atomic.Int32
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				hits.Add(1)
				if r.Header.Get("x-api-key") != testKey {
					http.Error(w, "Forbidden "+r.Header.Get("x-api-key"), http.StatusForbidden)
					return
				}
				if hits.Load() <= tc.warmup {
					http.Error(w, `{"message": "Service Unavailable"}`, http.StatusServiceUnavailable)
					return
				}
				_, _ = w.Write([]byte("pong"))
			}))
			defer srv.Close()
			ctx, cancel := context.WithCancelCause(context.Background())
			defer cancel(nil)
			ctx, stop := context.WithTimeout(ctx, time.Minute) // a deadline must exist; the fake clock ends ctx first
			defer stop()
			clock := &fakeClock{budget: tc.budget, cancel: cancel}
			var logged int
			b := Backoff{Max: 10 * time.Second, Sleep: clock.sleep, Logf: func(string, ...any) { logged++ }}
			_, err := GetWithBackoff(ctx, srv.Client(), Request{URL: srv.URL + "/ping", SecretHeaders: map[string]string{"x-api-key": tc.key}}, b, PingOK)
			checkErr(t, err, tc.wantErr, false)
			if err != nil && strings.Contains(err.Error(), testKey) {
				t.Fatalf("error leaks the key: %v", err)
			}
			if !slices.Equal(clock.waits, tc.wantWaits) {
				t.Fatalf("waits %v, want %v", clock.waits, tc.wantWaits)
			}
			if got := hits.Load(); got != tc.wantHits {
				t.Fatalf("%d requests, want %d", got, tc.wantHits)
			}
			if logged != len(tc.wantWaits) {
				t.Fatalf("%d log lines, want one per failed attempt (%d)", logged, len(tc.wantWaits))
			}
		})
	}
}

func TestGetWithBackoffRealTimeout(t *testing.T) {
	// A server that never answers within the attempt timeout, a tiny real
	// deadline: the call returns soon after it, naming the timeout.
	block := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-block:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(block)
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := GetWithBackoff(ctx, srv.Client(), Request{URL: srv.URL, AttemptTimeout: 50 * time.Millisecond}, Backoff{Initial: 10 * time.Millisecond, Max: 40 * time.Millisecond}, PingOK)
	if err == nil || !strings.Contains(err.Error(), "deadline exceeded") {
		t.Fatalf("want a timeout error, got %v", err)
	}
	if errors.Is(err, ErrNotReady) {
		t.Fatal("a final timeout must not wrap ErrNotReady")
	}
	if elapsed := time.Since(start); elapsed > 2*time.Second {
		t.Fatalf("returned after %s, want about 300ms", elapsed)
	}
}

func TestGetWithBackoffRefusesUnbounded(t *testing.T) {
	_, err := GetWithBackoff(context.Background(), failingDoer{}, Request{URL: "http://x"}, Backoff{}, PingOK)
	checkErr(t, err, "no deadline", false)
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	_, err = GetWithBackoff(ctx, failingDoer{}, Request{URL: "http://x"}, Backoff{}, nil)
	checkErr(t, err, "no validator", false)
}
