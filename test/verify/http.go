package verify

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
)

// HTTPDoer is the part of *http.Client the probes need.
type HTTPDoer interface {
	Do(req *http.Request) (*http.Response, error)
}

// maxBody bounds what a probe reads from a response.
const maxBody = 1 << 20

// Request is one HTTP request a probe sends (a GET unless Method says
// otherwise).
type Request struct {
	URL string
	// Method defaults to GET.
	Method string
	// Body, when not nil, is sent as JSON (Content-Type: application/json).
	Body []byte
	// SecretHeaders are sent but never appear in errors or logs (e.g. x-api-key).
	SecretHeaders map[string]string
	// AttemptTimeout bounds each try; defaults to 20s.
	AttemptTimeout time.Duration
}

// Response is what a probe saw.
type Response struct {
	Status      int
	Body        []byte
	Location    string
	ContentType string
}

// Get sends one GET and reads the body. Errors and bodies are returned with
// every secret header value masked.
func Get(ctx context.Context, client HTTPDoer, r Request) (Response, error) {
	r.Method = http.MethodGet
	r.Body = nil
	return Send(ctx, client, r)
}

// Send sends one request as r describes and reads the body. Errors and bodies
// are returned with every secret header value masked.
func Send(ctx context.Context, client HTTPDoer, r Request) (Response, error) {
	timeout := r.AttemptTimeout
	if timeout <= 0 {
		timeout = 20 * time.Second
	}
	method := r.Method
	if method == "" {
		method = http.MethodGet
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	var body io.Reader
	if r.Body != nil {
		body = bytes.NewReader(r.Body)
	}
	req, err := http.NewRequestWithContext(ctx, method, r.URL, body)
	if err != nil {
		return Response{}, errors.New(maskAll(fmt.Sprintf("http: building %s request for %s: %v", method, r.URL, err), r.SecretHeaders))
	}
	if r.Body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for k, v := range r.SecretHeaders {
		req.Header.Set(k, v)
	}
	resp, err := client.Do(req)
	if err != nil {
		return Response{}, errors.New(maskAll(fmt.Sprintf("http: %s %s: %v", method, r.URL, err), r.SecretHeaders))
	}
	defer resp.Body.Close()
	got, err := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	if err != nil {
		return Response{}, errors.New(maskAll(fmt.Sprintf("http: reading %s: %v", r.URL, err), r.SecretHeaders))
	}
	return Response{
		Status:      resp.StatusCode,
		Body:        []byte(maskAll(string(got), r.SecretHeaders)),
		Location:    resp.Header.Get("Location"),
		ContentType: resp.Header.Get("Content-Type"),
	}, nil
}

// Validator judges a response; a nil error means it passed.
type Validator func(Response) error

// GetUntil repeats Get every interval until validate passes or ctx ends.
// Transport errors and failed validations are retried (services behind load
// balancers answer 502/503/403 for a while after apply); the final error names
// the last response.
func GetUntil(ctx context.Context, client HTTPDoer, r Request, interval time.Duration, validate Validator) (Response, error) {
	var last Response
	err := WaitFor(ctx, interval, func(ctx context.Context) error {
		resp, err := Get(ctx, client, r)
		if err != nil {
			return notReady("%v", err)
		}
		last = resp
		if verr := validate(resp); verr != nil {
			return notReady("GET %s: %v", r.URL, verr)
		}
		return nil
	})
	return last, err
}

// WantStatus passes responses with the given status code.
func WantStatus(code int) Validator {
	return func(r Response) error {
		if r.Status != code {
			return fmt.Errorf("status %d, want %d; body: %s", r.Status, code, Snippet(r.Body))
		}
		return nil
	}
}

// WantBody passes a 200 whose trimmed body equals want.
func WantBody(want string) Validator {
	return func(r Response) error {
		if err := WantStatus(http.StatusOK)(r); err != nil {
			return err
		}
		if got := strings.TrimSpace(string(r.Body)); got != want {
			return fmt.Errorf("body %q, want %q", Snippet([]byte(got)), want)
		}
		return nil
	}
}

// Snippet returns the start of a body on one line, for error messages.
func Snippet(b []byte) string {
	s := strings.Join(strings.Fields(string(b)), " ")
	if len(s) > 200 {
		s = s[:200] + "..."
	}
	return s
}

// MaskSecret renders a secret for logs: never any of its characters, only
// whether it is set and how long it is.
func MaskSecret(s string) string {
	if s == "" {
		return "(empty)"
	}
	return fmt.Sprintf("(redacted, %d chars)", len(s))
}

func maskAll(s string, secrets map[string]string) string {
	for _, v := range secrets {
		if v != "" {
			s = strings.ReplaceAll(s, v, MaskSecret(v))
		}
	}
	return s
}

// JoinURL appends path to base with exactly one slash between them.
func JoinURL(base, path string) string {
	return strings.TrimRight(base, "/") + "/" + strings.TrimLeft(path, "/")
}
