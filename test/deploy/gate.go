package deploy

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

// Skip messages name exactly what a run needs.
const (
	credentialsSkip = "deploy: needs AWS credentials (AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, SSO, or an instance/web-identity role) and registry access; none found: "
	registrySkip    = "deploy: needs the Terraform registry (registry.terraform.io) for the providers and the vpc/eks modules; unreachable: "
	deadlineSkip    = "deploy: needs go test -timeout of at least %s to apply, check and always destroy (make test-aws passes -timeout 120m); this run has %s left"
)

// RegistryDiscoveryURL is the Terraform registry's service discovery document;
// terraform init fetches it first.
const RegistryDiscoveryURL = "https://registry.terraform.io/.well-known/terraform.json"

// IdentityAPI is the part of the STS client the credential gate needs.
type IdentityAPI interface {
	GetCallerIdentity(ctx context.Context, in *sts.GetCallerIdentityInput, optFns ...func(*sts.Options)) (*sts.GetCallerIdentityOutput, error)
}

// HTTPDoer is the part of *http.Client the registry gate needs.
type HTTPDoer interface {
	Do(req *http.Request) (*http.Response, error)
}

// CredentialsProblem loads the AWS config and asks STS who we are, within
// timeout. It returns "" when the credentials work, else a one-line reason
// (account ids redacted) for the skip message.
func CredentialsProblem(ctx context.Context, timeout time.Duration, load func(context.Context) (aws.Config, error), identity func(aws.Config) IdentityAPI) (aws.Config, string) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	cfg, err := load(ctx)
	if err != nil {
		return aws.Config{}, oneLine("loading AWS config: " + err.Error())
	}
	if cfg.Credentials == nil {
		return aws.Config{}, "no credential provider configured"
	}
	if _, err := cfg.Credentials.Retrieve(ctx); err != nil {
		return aws.Config{}, oneLine(describeTimeout(ctx, "retrieving credentials", err))
	}
	out, err := identity(cfg).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if err != nil {
		return aws.Config{}, oneLine(describeTimeout(ctx, "sts:GetCallerIdentity", err))
	}
	if aws.ToString(out.Arn) == "" {
		return aws.Config{}, "sts:GetCallerIdentity returned no identity"
	}
	return cfg, ""
}

// RegistryProblem fetches the registry's discovery document within timeout and
// returns "" when it is the real thing, else a one-line reason.
func RegistryProblem(ctx context.Context, timeout time.Duration, client HTTPDoer, url string) string {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return oneLine(err.Error())
	}
	resp, err := client.Do(req)
	if err != nil {
		return oneLine(describeTimeout(ctx, "GET "+url, err))
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	if resp.StatusCode != http.StatusOK {
		return fmt.Sprintf("GET %s: status %d", url, resp.StatusCode)
	}
	// A captive portal or proxy error page answers 200 too.
	if !strings.Contains(string(body), `"providers.v1"`) || !strings.Contains(string(body), `"modules.v1"`) {
		return fmt.Sprintf("GET %s: answer is not a registry discovery document", url)
	}
	return ""
}

// DeadlineProblem returns "" when the test has at least need left before the
// go test deadline (or no deadline), else the skip message. The destroy
// budget is carved out of this time, so a too-short -timeout would kill the
// process before the deferred destroy ran.
func DeadlineProblem(deadline time.Time, hasDeadline bool, now time.Time, need time.Duration) string {
	if !hasDeadline {
		return ""
	}
	left := deadline.Sub(now)
	if left >= need {
		return ""
	}
	return fmt.Sprintf(deadlineSkip, need, left.Round(time.Second))
}

// oneLine makes a reason fit a skip line: whitespace collapsed, 12-digit
// account ids redacted, at most 300 characters.
func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	s = Redact(s)
	if len(s) > 300 {
		s = s[:300] + "..."
	}
	return s
}

func describeTimeout(ctx context.Context, what string, err error) string {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return what + ": timed out: " + err.Error()
	}
	return what + ": " + err.Error()
}
