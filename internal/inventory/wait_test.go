package inventory

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestRetryWhile(t *testing.T) {
	c := quick(&Clients{})
	n := 0
	err := retryWhile(context.Background(), c, "x", func(context.Context) error {
		n++
		if n < 3 {
			return apiErr{"DependencyViolation"}
		}
		return nil
	}, "DependencyViolation")
	if err != nil || n != 3 {
		t.Errorf("err %v after %d calls, want success on the 3rd", err, n)
	}

	n = 0
	err = retryWhile(context.Background(), c, "x", func(context.Context) error {
		n++
		return errors.New("AccessDenied")
	}, "DependencyViolation")
	if n != 1 || err == nil || err.Error() != "AccessDenied" {
		t.Errorf("a non-retryable error was retried (%d calls) or lost: %v", n, err)
	}

	c.Timeout = 5 * time.Millisecond
	err = retryWhile(context.Background(), c, "the VPC to be empty", func(context.Context) error {
		return apiErr{"DependencyViolation"}
	}, "DependencyViolation")
	if err == nil || !strings.Contains(err.Error(), "gave up") || !strings.Contains(err.Error(), "the VPC to be empty") || !strings.Contains(err.Error(), "DependencyViolation") {
		t.Errorf("timeout error %v should say what it waited for and the last error", err)
	}
}

func TestIsGone(t *testing.T) {
	for code, want := range map[string]bool{
		"NoSuchEntity": true, "DBInstanceNotFound": true, "InvalidGroup.NotFound": true,
		"ResourceNotFoundException": true, "NoSuchBucket": true, "NotFoundException": true,
		"DependencyViolation": false, "AccessDenied": false, "InvalidGroup.InUse": false,
	} {
		if got := isGone(apiErr{code}); got != want {
			t.Errorf("isGone(%s) = %v, want %v", code, got, want)
		}
	}
	if isGone(errors.New("NotFound")) {
		t.Error("a plain error counted as a not-found API error")
	}
}
