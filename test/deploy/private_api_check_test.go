package deploy

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/outerbounds/terraform-aws-metaflow/test/verify"
)

// The private metadata API's checks that need no AWS client, on canned
// outputs and fakes.

const (
	privateVPCE = "vpce-0123456789abcdef0"
	privateURL  = "https://abcde12345-" + privateVPCE + ".execute-api.us-west-2.amazonaws.com/api/"
)

type fakeResolver struct {
	addrs []string
	err   error
	calls int
}

func (f *fakeResolver) LookupNetIP(context.Context, string, string) ([]netip.Addr, error) {
	f.calls++
	if f.err != nil && f.calls == 1 {
		return nil, f.err // the association's record is not there yet
	}
	var out []netip.Addr
	for _, a := range f.addrs {
		out = append(out, netip.MustParseAddr(a))
	}
	return out, nil
}

// fakeDoer answers every request with status and records what was asked.
type fakeDoer struct {
	status int
	err    error
	asked  []*http.Request
}

func (f *fakeDoer) Do(req *http.Request) (*http.Response, error) {
	f.asked = append(f.asked, req)
	if f.err != nil {
		return nil, f.err
	}
	return &http.Response{StatusCode: f.status, Body: io.NopCloser(strings.NewReader(`{"message":"Forbidden"}`)), Header: http.Header{}}, nil
}

func TestCheckPrivateAPIFromOutside(t *testing.T) {
	p, err := verify.ParsePrivateAPIURL(privateURL, privateVPCE, false)
	if err != nil {
		t.Fatal(err)
	}
	headers := map[string]string{"x-api-key": testAPIKey}
	tests := []struct {
		name    string
		res     fakeResolver
		doer    fakeDoer
		wantErr string
	}{
		{name: "private addresses, own name refused", res: fakeResolver{addrs: []string{"10.10.1.5", "10.10.17.8"}, err: errors.New("no such host")}, doer: fakeDoer{status: http.StatusForbidden}},
		{name: "own name unreachable is a refusal too", res: fakeResolver{addrs: []string{"10.10.1.5"}}, doer: fakeDoer{err: errors.New("connection refused")}},
		{name: "the name leads to a public address", res: fakeResolver{addrs: []string{"54.1.2.3"}}, doer: fakeDoer{status: http.StatusForbidden}, wantErr: "a public address"},
		{name: "the API answers on the internet", res: fakeResolver{addrs: []string{"10.10.1.5"}}, doer: fakeDoer{status: http.StatusOK}, wantErr: "must not be served there"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var notes []string
			res, doer := tc.res, tc.doer
			err := checkPrivateAPIFromOutside(context.Background(), p, headers, outsideProbe{
				resolver: &res, http: &doer, poll: time.Millisecond,
				note: func(f string, a ...any) { notes = append(notes, f) },
			})
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("want error containing %q, got %v", tc.wantErr, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(doer.asked) != 1 || doer.asked[0].URL.String() != "https://abcde12345.execute-api.us-west-2.amazonaws.com/api/ping" || doer.asked[0].Header.Get("x-api-key") != testAPIKey {
				t.Fatalf("asked %v, want one GET of the API's own name with the key", doer.asked)
			}
			if len(notes) != 2 {
				t.Fatalf("notes %q, want the addresses and the refusal", notes)
			}
		})
	}
}

func TestPrivateAPIOutside(t *testing.T) {
	private := &run{runResults: runResults{out: StackOutputs{ServiceURL: privateURL, APIVPCEndpointID: privateVPCE}}}
	regional := &run{runResults: runResults{out: StackOutputs{ServiceURL: "https://abcde12345.execute-api.us-west-2.amazonaws.com/api/"}}}
	t.Setenv(inVPCOptIn, "")
	if !privateAPIOutside(private) || privateAPIOutside(regional) {
		t.Fatal("outside the VPC only the private API is out of reach")
	}
	t.Setenv(inVPCOptIn, "1")
	if privateAPIOutside(private) {
		t.Fatalf("with %s=1 the runner reaches the private API", inVPCOptIn)
	}
}

// TestPrivateAPIChecksOutsideVPC: outside the VPC the round trip and the
// e2e flow do not call a private API (they would only time out), and say
// why; the in-VPC check needs the queue check's result.
func TestPrivateAPIChecksOutsideVPC(t *testing.T) {
	t.Setenv(inVPCOptIn, "")
	var lines []string
	r := &run{
		runConfig:  runConfig{ex: minimalExample()},
		runResults: runResults{out: StackOutputs{ServiceURL: privateURL, APIVPCEndpointID: privateVPCE, ProfileJSON: `{"METAFLOW_SERVICE_URL":"` + privateURL + `"}`}},
		http:       &http.Client{Transport: failingTransport{t}},
	}
	r.progress = NewProgress("minimal", func(f string, a ...any) { lines = append(lines, fmt.Sprintf(f, a...)) }, nil)
	if err := checkMetadataRoundTrip(context.Background(), r); err != nil {
		t.Fatalf("round trip outside the VPC: %v", err)
	}
	if err := batchE2E(context.Background(), r); err != nil {
		t.Fatalf("e2e outside the VPC: %v", err)
	}
	joined := strings.Join(lines, "\n")
	for _, want := range []string{"metadata round trip not run from here", "e2e: flow not run"} {
		if !strings.Contains(joined, want) {
			t.Errorf("progress lacks %q:\n%s", want, joined)
		}
	}
	if err := checkMetadataAPIInVPC(context.Background(), r); err == nil || !strings.Contains(err.Error(), "the batch queue check did not pass") {
		t.Fatalf("in-VPC check without the queue report: %v", err)
	}
	for _, c := range minimalExample().checks {
		if c.name == privateAPICheck.name {
			return
		}
	}
	t.Fatalf("minimal runs no %s check", privateAPICheck.name)
}

// failingTransport fails the test on any request: nothing may call the API.
type failingTransport struct{ t *testing.T }

func (f failingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	f.t.Errorf("unexpected request %s %s", req.Method, req.URL)
	return nil, errors.New("no requests here")
}

// TestMinimalRunsThePrivateAPI: the deploy suite's private example is
// minimal, through its override (the example's code stays as users copy
// it); basic-aws-managed keeps the regional API.
func TestMinimalRunsThePrivateAPI(t *testing.T) {
	for _, ex := range deployExamples() {
		private := false
		for _, in := range ex.inputs {
			if in.Name == "metadata_service_api_endpoint_type" && in.Value.AsString() == "PRIVATE" {
				private = true
			}
		}
		if want := ex.name == "minimal"; private != want {
			t.Errorf("%s: private API %t, want %t", ex.name, private, want)
		}
	}
}
