package verify

import (
	"context"
	"errors"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"
)

// The shape of the metaflow-ui build's index.html (public/index.html after
// the build injects its scripts).
const uiIndex = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"/><title>Metaflow UI</title><script defer="defer" src="/static/js/main.js"></script></head><body><noscript>You need to enable JavaScript to run this app.</noscript><div id="root"></div></body></html>`

func TestUIValidators(t *testing.T) {
	html := func(status int, body string) Response {
		return Response{Status: status, Body: []byte(body), ContentType: "text/html; charset=utf-8"}
	}
	tests := []struct {
		name    string
		check   Validator
		resp    Response
		wantErr string
	}{
		{name: "ui index", check: UIServesHTML, resp: html(200, uiIndex)},
		{name: "alb 503 page", check: UIServesHTML, resp: html(503, "<html><body><center><h1>503 Service Temporarily Unavailable</h1></center></body></html>"), wantErr: "status 503"},
		{name: "index as plain text", check: UIServesHTML, resp: Response{Status: 200, Body: []byte(uiIndex), ContentType: "text/plain"}, wantErr: `content type "text/plain"`},
		{name: "another app", check: UIServesHTML, resp: html(200, `<html><head><title>Welcome to nginx!</title></head><body></body></html>`), wantErr: `no <div id="root">`},
		{name: "another react app", check: UIServesHTML, resp: html(200, `<html><head><title>Grafana</title></head><body><div id="root"></div></body></html>`), wantErr: "title does not name Metaflow"},
		{name: "backend pong", check: UIAPIAnswers, resp: Response{Status: 200, Body: []byte("pong"), ContentType: "text/plain; charset=utf-8"}},
		{name: "api path served by the frontend", check: UIAPIAnswers, resp: html(200, uiIndex), wantErr: "served by the static frontend"},
		{name: "backend down", check: UIAPIAnswers, resp: Response{Status: 502, Body: []byte("Bad Gateway")}, wantErr: "status 502"},
		{name: "backend says something else", check: UIAPIAnswers, resp: Response{Status: 200, Body: []byte(`{"status":"ok"}`), ContentType: "application/json"}, wantErr: `want "pong"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			checkErr(t, tc.check(tc.resp), tc.wantErr, false)
		})
	}
}

func TestUIThroughServer(t *testing.T) {
	// The ALB's routing as modules/ui sets it up: /api and /api/* to the
	// backend, the rest to the static frontend.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/api" || strings.HasPrefix(r.URL.Path, "/api/") {
			_, _ = w.Write([]byte("pong"))
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write([]byte(uiIndex))
	}))
	defer srv.Close()
	for path, check := range map[string]Validator{"/": UIServesHTML, UIAPIPath: UIAPIAnswers} {
		resp, err := Get(context.Background(), srv.Client(), Request{URL: srv.URL + path})
		if err != nil {
			t.Fatal(err)
		}
		if err := check(resp); err != nil {
			t.Errorf("%s: %v", path, err)
		}
	}
}

// timeoutError is what a dial that got no SYN-ACK returns.
type timeoutError struct{}

func (timeoutError) Error() string   { return "i/o timeout" }
func (timeoutError) Timeout() bool   { return true }
func (timeoutError) Temporary() bool { return true }

// doerFunc adapts a function to HTTPDoer.
type doerFunc func(*http.Request) (*http.Response, error)

func (f doerFunc) Do(r *http.Request) (*http.Response, error) { return f(r) }

func TestExpectUnreachable(t *testing.T) {
	answering := func(status int) string {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(status)
			_, _ = w.Write([]byte(uiIndex))
		}))
		t.Cleanup(srv.Close)
		return srv.URL
	}
	hanging := func() string {
		done := make(chan struct{})
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			select {
			case <-done:
			case <-r.Context().Done():
			}
		}))
		t.Cleanup(func() { close(done); srv.Close() })
		return srv.URL
	}
	closed := func() string {
		// A port nothing listens on any more: connection refused.
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr := l.Addr().String()
		_ = l.Close()
		return "http://" + addr + "/"
	}
	tlsServer := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte(uiIndex)) }))
	tlsServer.Config.ErrorLog = log.New(io.Discard, "", 0) // the handshake failure is the point
	tlsServer.StartTLS()
	defer tlsServer.Close()

	dnsFail := doerFunc(func(r *http.Request) (*http.Response, error) {
		return nil, &url.Error{Op: "Get", URL: r.URL.String(), Err: &net.OpError{Op: "dial", Net: "tcp", Err: &net.DNSError{Err: "no such host", Name: r.URL.Host, IsNotFound: true}}}
	})
	dialTimeout := doerFunc(func(r *http.Request) (*http.Response, error) {
		return nil, &url.Error{Op: "Get", URL: r.URL.String(), Err: &net.OpError{Op: "dial", Net: "tcp", Err: timeoutError{}}}
	})
	odd := doerFunc(func(r *http.Request) (*http.Response, error) {
		return nil, &url.Error{Op: "Get", URL: r.URL.String(), Err: errors.New("http: server gave HTTP response to HTTPS client")}
	})

	tests := []struct {
		name    string
		client  HTTPDoer
		url     string
		wantErr string
	}{
		{name: "ui answers 200 from outside", client: http.DefaultClient, url: answering(200), wantErr: "answered 200"},
		{name: "alb answers 502: reachable", client: http.DefaultClient, url: answering(502), wantErr: "answered 502"},
		{name: "403 from a rule", client: http.DefaultClient, url: answering(403)},
		{name: "packets dropped: handshake times out", client: dialTimeout, url: "https://ui.example/"},
		{name: "connected but silent is reachable", client: http.DefaultClient, url: hanging(), wantErr: "TCP connection opened"},
		{name: "connection refused", client: http.DefaultClient, url: closed()},
		{name: "untrusted certificate means it was reached", client: http.DefaultClient, url: tlsServer.URL, wantErr: "reached the server"},
		{name: "name does not resolve", client: dnsFail, url: "https://ui.invalid/", wantErr: "name does not resolve"},
		{name: "other failure proves nothing", client: odd, url: "https://ui.example/", wantErr: "proves nothing"},
		{name: "bad URL", client: http.DefaultClient, url: "://", wantErr: "building request"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			// A second, not less: on a loaded 2-core runner a local TLS
			// handshake can take longer than 200ms, and the untrusted
			// certificate case then looked like a silent server.
			err := ExpectUnreachable(context.Background(), tc.client, tc.url, time.Second)
			checkErr(t, err, tc.wantErr, false)
			if time.Since(start) > 5*time.Second {
				t.Fatalf("took %s, want about the 1s window", time.Since(start))
			}
		})
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	checkErr(t, ExpectUnreachable(ctx, http.DefaultClient, answering(200), time.Second), "context canceled", false)
	checkErr(t, ExpectUnreachable(context.Background(), http.DefaultClient, answering(200), 0), "within must be positive", false)
}
