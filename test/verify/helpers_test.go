package verify

import (
	"errors"
	"strings"
	"testing"
)

// checkErr asserts err matches the case: wantErr "" means success; otherwise
// the message must contain wantErr, and wrapping ErrNotReady must equal
// wantNotReady.
func checkErr(t *testing.T, err error, wantErr string, wantNotReady bool) {
	t.Helper()
	if wantErr == "" {
		if err != nil {
			t.Fatalf("unexpected error: %v", err)
		}
		return
	}
	if err == nil {
		t.Fatalf("want error containing %q, got nil", wantErr)
	}
	if !strings.Contains(err.Error(), wantErr) {
		t.Fatalf("error %q does not contain %q", err, wantErr)
	}
	if got := errors.Is(err, ErrNotReady); got != wantNotReady {
		t.Fatalf("errors.Is(err, ErrNotReady) = %t, want %t (err: %v)", got, wantNotReady, err)
	}
}
