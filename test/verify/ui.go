package verify

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptrace"
	"regexp"
	"strings"
	"sync/atomic"
	"time"
)

// UIAPIPath is the UI backend's health route behind the UI load balancer:
// modules/ui forwards /api and /api/* to the backend (ui_backend_service,
// which answers GET /api/ping with "pong") and everything else to the static
// frontend.
const UIAPIPath = "/api/ping"

// uiTitle matches the <title> of the metaflow-ui index page ("Metaflow UI").
var uiTitle = regexp.MustCompile(`(?is)<title>[^<]*metaflow[^<]*</title>`)

// UIServesHTML passes the Metaflow UI's index page: 200, an HTML content
// type, the single-page app's mount point (<div id="root">) and a title
// naming Metaflow. A load balancer's own error page or another app fails.
func UIServesHTML(r Response) error {
	if err := WantStatus(http.StatusOK)(r); err != nil {
		return err
	}
	if !strings.HasPrefix(strings.ToLower(r.ContentType), "text/html") {
		return fmt.Errorf("content type %q, want text/html; body: %s", r.ContentType, Snippet(r.Body))
	}
	body := string(r.Body)
	if !strings.Contains(body, `<div id="root"`) {
		return fmt.Errorf("HTML has no <div id=\"root\">, not the Metaflow UI; body: %s", Snippet(r.Body))
	}
	if !uiTitle.MatchString(body) {
		return fmt.Errorf("HTML title does not name Metaflow, not the Metaflow UI; body: %s", Snippet(r.Body))
	}
	return nil
}

// UIAPIAnswers passes the UI backend's answer on UIAPIPath: 200 "pong". The
// static frontend answers unknown paths with its index page (200 HTML), so a
// missing /api routing rule shows up here as HTML, and is named as such.
func UIAPIAnswers(r Response) error {
	if r.Status == http.StatusOK && (strings.HasPrefix(strings.ToLower(r.ContentType), "text/html") || strings.Contains(string(r.Body), "<html")) {
		return fmt.Errorf("answered with HTML: %s is served by the static frontend, not routed to the UI backend", UIAPIPath)
	}
	return WantBody("pong")(r)
}

// ExpectUnreachable passes when url cannot be used from here within the
// given time: the connection is refused, the TCP handshake times out (a
// security group dropping packets), or the answer is 403 (a WAF or listener
// rule refusing). It fails when anything else answers, above all a 200 (the
// UI open outside ui_allow_list), when a TCP connection opened (even if
// nothing answered on it, or the TLS certificate was not trusted), and when
// the name does not resolve or the URL is malformed, since then nothing about
// reachability was learned. Behind an HTTP proxy the connection traced is the
// proxy's: run it without one.
func ExpectUnreachable(ctx context.Context, client HTTPDoer, url string, within time.Duration) error {
	if within <= 0 {
		return errors.New("unreachable: within must be positive")
	}
	if ctx.Err() != nil {
		return fmt.Errorf("unreachable: %w", ctx.Err())
	}
	attempt, cancel := context.WithTimeout(ctx, within)
	defer cancel()
	// A security group that keeps us out drops the TCP handshake; a
	// connection that opens and then stays silent is a server we reached.
	var connected atomic.Bool
	traced := httptrace.WithClientTrace(attempt, &httptrace.ClientTrace{
		ConnectDone: func(_, _ string, err error) {
			if err == nil {
				connected.Store(true)
			}
		},
	})
	req, err := http.NewRequestWithContext(traced, http.MethodGet, url, nil)
	if err != nil {
		return fmt.Errorf("unreachable: building request for %s: %w", url, err)
	}
	resp, err := client.Do(req)
	if err == nil {
		defer resp.Body.Close()
		if resp.StatusCode == http.StatusForbidden {
			return nil
		}
		return fmt.Errorf("unreachable: GET %s answered %d within %s; want no answer (or 403) from outside the allow list", url, resp.StatusCode, within)
	}
	var dns *net.DNSError
	var cert *tls.CertificateVerificationError
	switch {
	case errors.As(err, &cert):
		return fmt.Errorf("unreachable: GET %s reached the server (its TLS certificate was presented and not trusted: %v); want no answer from outside the allow list", url, err)
	case errors.As(err, &dns):
		return fmt.Errorf("unreachable: GET %s: name does not resolve (%v); cannot judge reachability", url, err)
	case ctx.Err() != nil:
		// The caller's ctx ended, not our window: no verdict.
		return fmt.Errorf("unreachable: GET %s: %w", url, ctx.Err())
	case connected.Load() && (attempt.Err() != nil || isTimeout(err)):
		return fmt.Errorf("unreachable: GET %s: the TCP connection opened but no answer came within %s: the server is reachable from here", url, within)
	case attempt.Err() != nil, isTimeout(err), isRefused(err):
		return nil
	default:
		return fmt.Errorf("unreachable: GET %s failed in a way that proves nothing about reachability: %w", url, err)
	}
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

func isRefused(err error) bool {
	var op *net.OpError
	if !errors.As(err, &op) {
		return false
	}
	msg := op.Err.Error()
	return op.Op == "dial" || op.Op == "read" && (strings.Contains(msg, "reset") || strings.Contains(msg, "refused"))
}
