package deploy

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

type fakeSTS struct {
	arn   string
	err   error
	delay time.Duration
}

func (f fakeSTS) GetCallerIdentity(ctx context.Context, _ *sts.GetCallerIdentityInput, _ ...func(*sts.Options)) (*sts.GetCallerIdentityOutput, error) {
	select {
	case <-time.After(f.delay):
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	if f.err != nil {
		return nil, f.err
	}
	return &sts.GetCallerIdentityOutput{Arn: aws.String(f.arn)}, nil
}

func TestCredentialsProblem(t *testing.T) {
	static := aws.Config{Region: "us-west-2", Credentials: credentials.NewStaticCredentialsProvider("AKIDEXAMPLE", "secret", "")}
	noCreds := aws.Config{Region: "us-west-2", Credentials: aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
		return aws.Credentials{}, errors.New("failed to refresh cached credentials, no EC2 IMDS role found")
	})}
	tests := []struct {
		name      string
		cfg       aws.Config
		loadErr   error
		sts       fakeSTS
		want      string // "" means the gate opens
		mustNotIn string
	}{
		{name: "working credentials", cfg: static, sts: fakeSTS{arn: "arn:aws:iam::123456789012:user/ci"}},
		{name: "config fails to load", loadErr: errors.New("failed to get shared config profile, nosuch"), want: "loading AWS config: failed to get shared config profile, nosuch"},
		{name: "no provider", cfg: aws.Config{Region: "us-west-2"}, want: "no credential provider configured"},
		{name: "no credentials anywhere", cfg: noCreds, want: "retrieving credentials: failed to refresh cached credentials, no EC2 IMDS role found"},
		{name: "expired token, account redacted", cfg: static,
			sts:  fakeSTS{err: errors.New("ExpiredToken: The security token included in the request is expired\n for 123456789012")},
			want: "sts:GetCallerIdentity: ExpiredToken: The security token included in the request is expired for <account-id>", mustNotIn: "123456789012"},
		{name: "sts hangs past the timeout", cfg: static, sts: fakeSTS{delay: time.Minute}, want: "sts:GetCallerIdentity: timed out"},
		{name: "empty identity", cfg: static, sts: fakeSTS{}, want: "sts:GetCallerIdentity returned no identity"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, got := CredentialsProblem(context.Background(), 50*time.Millisecond,
				func(context.Context) (aws.Config, error) { return tc.cfg, tc.loadErr },
				func(aws.Config) IdentityAPI { return tc.sts })
			if tc.want == "" && got != "" {
				t.Fatalf("gate closed: %s", got)
			}
			if tc.want != "" && !strings.HasPrefix(got, tc.want) {
				t.Fatalf("reason %q, want it to start with %q", got, tc.want)
			}
			if strings.Contains(got, "\n") {
				t.Fatalf("reason spans lines: %q", got)
			}
			if tc.mustNotIn != "" && strings.Contains(got, tc.mustNotIn) {
				t.Fatalf("reason %q leaks %q", got, tc.mustNotIn)
			}
		})
	}
}

func TestRegistryProblem(t *testing.T) {
	tests := []struct {
		name    string
		status  int
		body    string
		timeout time.Duration
		delay   time.Duration
		want    string
	}{
		{name: "registry answers", status: 200, body: `{"modules.v1":"/v1/modules/","providers.v1":"/v1/providers/"}`},
		{name: "proxy error page", status: 200, body: `<html>Access denied by policy</html>`, want: "not a registry discovery document"},
		{name: "forbidden", status: 403, body: "", want: "status 403"},
		{name: "too slow", status: 200, delay: 200 * time.Millisecond, timeout: 20 * time.Millisecond, want: "timed out"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				select {
				case <-time.After(tc.delay):
				case <-r.Context().Done():
					return
				}
				w.WriteHeader(tc.status)
				_, _ = w.Write([]byte(tc.body))
			}))
			defer srv.Close()
			timeout := tc.timeout
			if timeout == 0 {
				timeout = 5 * time.Second
			}
			got := RegistryProblem(context.Background(), timeout, srv.Client(), srv.URL+"/.well-known/terraform.json")
			if tc.want == "" && got != "" {
				t.Fatalf("gate closed: %s", got)
			}
			if !strings.Contains(got, tc.want) {
				t.Fatalf("reason %q, want it to contain %q", got, tc.want)
			}
		})
	}
	if got := RegistryProblem(context.Background(), time.Second, srv404{}, "http://127.0.0.1:1/x"); !strings.Contains(got, "connection refused") {
		t.Fatalf("unreachable registry reason %q, want the dial error", got)
	}
}

type srv404 struct{}

func (srv404) Do(*http.Request) (*http.Response, error) {
	return nil, errors.New("dial tcp 127.0.0.1:1: connect: connection refused")
}

func TestDeadlineProblem(t *testing.T) {
	now := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name        string
		left        time.Duration
		hasDeadline bool
		want        string
	}{
		{name: "make test-aws budget", left: 120 * time.Minute, hasDeadline: true},
		{name: "no -timeout at all", hasDeadline: false},
		{name: "go test default 10m", left: 10 * time.Minute, hasDeadline: true, want: "this run has 10m0s left"},
		{name: "just short", left: minTestTime - time.Second, hasDeadline: true, want: "at least 1h40m0s"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := DeadlineProblem(now.Add(tc.left), tc.hasDeadline, now, minTestTime)
			if tc.want == "" && got != "" {
				t.Fatalf("gate closed: %s", got)
			}
			if !strings.Contains(got, tc.want) {
				t.Fatalf("reason %q, want it to contain %q", got, tc.want)
			}
		})
	}
}

func TestBudgetLeavesDestroyTime(t *testing.T) {
	// make test-aws passes 120m; the tests need minTestTime; teardown gets destroyReserve of it.
	if minTestTime > 120*time.Minute {
		t.Fatalf("minTestTime %s exceeds the 120m make test-aws gives", minTestTime)
	}
	if minTestTime-destroyReserve < 60*time.Minute {
		t.Fatalf("only %s left for apply and checks", minTestTime-destroyReserve)
	}
}

func TestOneLine(t *testing.T) {
	long := strings.Repeat("x", 500)
	if got := oneLine(long); len(got) > 303 {
		t.Fatalf("not truncated: %d chars", len(got))
	}
	if got := oneLine("a\n\tb  c arn:aws:iam::000011112222:role/x"); got != "a b c arn:aws:iam::<account-id>:role/x" {
		t.Fatalf("got %q", got)
	}
}

// TestCredentialsProblemThroughTheSDK runs the gate with the real STS client
// against a fake endpoint speaking the STS query protocol.
func TestCredentialsProblemThroughTheSDK(t *testing.T) {
	tests := []struct {
		name   string
		status int
		body   string
		want   string
	}{
		{name: "identity", status: 200, body: `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/ci</Arn><UserId>AIDAEXAMPLE</UserId><Account>123456789012</Account></GetCallerIdentityResult>
  <ResponseMetadata><RequestId>1</RequestId></ResponseMetadata>
</GetCallerIdentityResponse>`},
		{name: "expired token", status: 403, body: `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <Error><Type>Sender</Type><Code>ExpiredToken</Code><Message>The security token included in the request is expired</Message></Error>
  <RequestId>2</RequestId>
</ErrorResponse>`, want: "ExpiredToken"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var action string
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				_ = r.ParseForm()
				action = r.Form.Get("Action")
				w.Header().Set("Content-Type", "text/xml")
				w.WriteHeader(tc.status)
				_, _ = w.Write([]byte(tc.body))
			}))
			defer srv.Close()
			cfg := aws.Config{
				Region:       "us-west-2",
				Credentials:  credentials.NewStaticCredentialsProvider("AKIDEXAMPLE", "not-a-secret", ""),
				BaseEndpoint: aws.String(srv.URL),
				HTTPClient:   srv.Client(),
			}
			_, got := CredentialsProblem(context.Background(), 5*time.Second,
				func(context.Context) (aws.Config, error) { return cfg, nil },
				func(c aws.Config) IdentityAPI { return sts.NewFromConfig(c) })
			if action != "GetCallerIdentity" {
				t.Fatalf("STS saw action %q", action)
			}
			if tc.want == "" && got != "" {
				t.Fatalf("gate closed: %s", got)
			}
			if !strings.Contains(got, tc.want) || strings.Contains(got, "123456789012") {
				t.Fatalf("reason %q, want it to contain %q and no account id", got, tc.want)
			}
		})
	}
}

func TestOptInProblem(t *testing.T) {
	env := map[string]string{}
	getenv := func(k string) string { return env[k] }
	eks := basicEKSExample()
	got := optInProblem(eks, getenv)
	if !strings.HasPrefix(got, "deploy: basic-eks runs only with METAFLOW_TEST_EKS=1") || strings.Contains(got, "\n") {
		t.Fatalf("skip line %q", got)
	}
	env[eksOptIn] = "yes"
	if optInProblem(eks, getenv) == "" {
		t.Fatal("only the value 1 switches it on")
	}
	env[eksOptIn] = "1"
	if got := optInProblem(eks, getenv); got != "" {
		t.Fatalf("switched on, still skipped: %s", got)
	}
	if got := optInProblem(minimalExample(), func(string) string { return "" }); got != "" {
		t.Fatalf("minimal needs no opt-in: %s", got)
	}
}
