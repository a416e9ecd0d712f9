package deploy

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/apigateway"
	"github.com/aws/aws-sdk-go-v2/service/batch"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	elb "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	"github.com/gruntwork-io/terratest/modules/terraform"

	"github.com/outerbounds/terraform-aws-metaflow/test/verify"
)

// uiOutsideRange is where the outside-the-allow-list check moves
// ui_allow_list: TEST-NET-1 (RFC 5737), documentation only, never routed, so
// the test runner is certainly outside it.
const uiOutsideRange = "192.0.2.0/24"

// roundTripFlow is the flow the metadata round trip registers.
const roundTripFlow = "DeployTestFlow"

// serviceHeaders returns the x-api-key header of the stack: the sensitive
// root output, or the key's value fetched from API Gateway by its id. It is
// kept on the run and never printed.
func serviceHeaders(ctx context.Context, r *run) (map[string]string, error) {
	if r.apiKey == "" {
		r.apiKey = r.secrets.ServiceAuthKey
	}
	if r.apiKey == "" && r.out.APIKeyID != "" {
		key, err := verify.FetchAPIKey(ctx, apigateway.NewFromConfig(r.cfg), r.out.APIKeyID)
		if err != nil {
			return nil, err
		}
		r.apiKey = key
	}
	if r.apiKey == "" {
		return map[string]string{}, nil
	}
	return map[string]string{"x-api-key": r.apiKey}, nil
}

// runnerInVPC: METAFLOW_TEST_RUNNER_IN_VPC=1, the runner reaches what
// answers only inside the stack's VPC.
func runnerInVPC() bool { return os.Getenv(inVPCOptIn) == "1" }

// privateAPIOutside: the metadata API is private and this runner is outside
// the VPC, so nothing here can call METAFLOW_SERVICE_URL; the
// metadata-api-in-vpc check calls it from a Batch job instead.
func privateAPIOutside(r *run) bool { return r.out.PrivateAPI() && !runnerInVPC() }

// privateAPIOutsideVPC says why a check does not call a private API from here.
const privateAPIOutsideVPC = "the metadata API is private (metadata_service_api_endpoint_type = \"PRIVATE\") and answers only inside the VPC; " +
	"the metadata-api-in-vpc check calls it from a Batch job there (" + inVPCOptIn + "=1 on a runner in the VPC or on its VPN calls it from here too)"

// checkMetadataAPI probes the metadata service through METAFLOW_SERVICE_URL,
// the API Gateway stage URL: ping with the key (backing off while ECS, the
// NLB and API Gateway line up), refusal without it, the migration function,
// the schema status and the flow list. METAFLOW_SERVICE_INTERNAL_URL (the
// internal NLB) only answers inside the VPC, so it is only checked for form.
// A private API's URL must be its endpoint-specific name; from outside the
// VPC the check proves what it can there (checkPrivateAPIFromOutside) and
// runs the migration, and leaves the calls to metadata-api-in-vpc.
func checkMetadataAPI(ctx context.Context, r *run) error {
	if r.out.ServiceURL == "" {
		return errors.New("METAFLOW_SERVICE_URL is empty (users report exactly this when API Gateway is off)")
	}
	if !strings.HasPrefix(r.out.ServiceInternalURL, "http://") || !strings.HasSuffix(r.out.ServiceInternalURL, "/") {
		return fmt.Errorf("METAFLOW_SERVICE_INTERNAL_URL %q is not http://HOST/", r.out.ServiceInternalURL)
	}
	headers, err := serviceHeaders(ctx, r)
	if err != nil {
		return err
	}
	if r.out.PrivateAPI() {
		// The example leaves private DNS off: the URL is the endpoint-specific name.
		p, err := verify.ParsePrivateAPIURL(r.out.ServiceURL, r.out.APIVPCEndpointID, false)
		if err != nil {
			return err
		}
		if !runnerInVPC() {
			if err := checkPrivateAPIFromOutside(ctx, p, headers, outsideProbe{resolver: net.DefaultResolver, http: r.http, poll: pollHTTP, note: r.progress.Note}); err != nil {
				return err
			}
			if r.out.MigrationFunction != "" {
				// No ping waited for the service here: the function may
				// find it still starting, so it is invoked until it answers.
				wctx, cancel := context.WithTimeout(ctx, 12*time.Minute)
				defer cancel()
				api := lambda.NewFromConfig(r.cfg)
				if err := verify.WaitFor(wctx, pollHTTP, func(ctx context.Context) error {
					summary, err := verify.InvokeMigration(ctx, api, r.out.MigrationFunction)
					if err != nil {
						return fmt.Errorf("%w: %v", verify.ErrNotReady, err)
					}
					r.progress.Note("migration function answered: %s", summary)
					return nil
				}); err != nil {
					return err
				}
			}
			r.progress.Note("metadata API %s not called from here: %s", r.out.ServiceURL, privateAPIOutsideVPC)
			return nil
		}
		r.progress.Note("metadata API is private; %s=1: calling it from here", inVPCOptIn)
	}
	r.progress.Note("metadata API %s (x-api-key %s)", r.out.ServiceURL, verify.MaskSecret(r.apiKey))
	backoff := verify.Backoff{Initial: 5 * time.Second, Max: time.Minute, Logf: r.progress.Note}
	get := func(path string, timeout time.Duration, v verify.Validator) error {
		wctx, cancel := context.WithTimeout(ctx, timeout)
		defer cancel()
		_, err := verify.GetWithBackoff(wctx, r.http, verify.Request{URL: verify.JoinURL(r.out.ServiceURL, path), SecretHeaders: headers}, backoff, v)
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		return nil
	}
	if err := get("ping", 12*time.Minute, verify.PingOK); err != nil {
		return err
	}
	if len(headers) > 0 {
		wctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
		err := verify.WaitFor(wctx, pollHTTP, func(ctx context.Context) error {
			return verify.RequiresAPIKey(ctx, r.http, verify.JoinURL(r.out.ServiceURL, "ping"))
		})
		cancel()
		if err != nil {
			return err
		}
	}
	// The README's step after apply: run the migration function; then the
	// schema must be current and the API must serve from the database.
	if r.out.MigrationFunction != "" {
		summary, err := verify.InvokeMigration(ctx, lambda.NewFromConfig(r.cfg), r.out.MigrationFunction)
		if err != nil {
			return err
		}
		r.progress.Note("migration function answered: %s", summary)
	}
	if err := get("db_schema_status", 3*time.Minute, verify.SchemaUpToDate); err != nil {
		return err
	}
	return get("flows", 3*time.Minute, verify.FlowsListed)
}

// outsideProbe is what checkPrivateAPIFromOutside looks with; the offline
// tests give fakes.
type outsideProbe struct {
	resolver verify.Resolver
	http     verify.HTTPDoer
	poll     time.Duration
	note     func(string, ...any)
}

// checkPrivateAPIFromOutside proves from outside the VPC what can be proven
// there of a private API: its endpoint-specific name resolves to private
// addresses only (the VPC endpoint's; the association's record takes a few
// minutes to appear), and API Gateway refuses the API's own name, the
// public one a regional API would answer on, even with the key.
func checkPrivateAPIFromOutside(ctx context.Context, p verify.PrivateAPIURL, headers map[string]string, o outsideProbe) error {
	wctx, cancel := context.WithTimeout(ctx, 10*time.Minute)
	defer cancel()
	var addrs []netip.Addr
	if err := verify.WaitFor(wctx, o.poll, func(ctx context.Context) (err error) {
		addrs, err = verify.ResolvesToPrivate(ctx, o.resolver, p.Host)
		return err
	}); err != nil {
		return err
	}
	o.note("metadata API %s resolves to private addresses %v (its VPC endpoint)", p.Host, addrs)
	own := "https://" + p.OwnName + "/api/ping"
	how, err := verify.RefusedFromOutside(ctx, o.http, own, headers)
	if err != nil {
		return err
	}
	o.note("metadata API's own name from outside the VPC, with the key: %s", how)
	return nil
}

// checkMetadataAPIInVPC calls the metadata API from inside the VPC: a
// Batch job on the stack's queue runs verify's probe (ping with the key,
// refused without it, schema current, flows listed, a run written and read
// back) through METAFLOW_SERVICE_URL, and the check reads the job's log.
// This is how a private API is proven on a runner outside the VPC.
func checkMetadataAPIInVPC(ctx context.Context, r *run) error {
	if r.queue == nil || len(r.queue.ComputeEnvironments) == 0 {
		return errors.New("not run: the batch queue check did not pass")
	}
	if r.out.ServiceURL == "" {
		return errors.New("METAFLOW_SERVICE_URL is empty")
	}
	if _, err := serviceHeaders(ctx, r); err != nil {
		return err
	}
	job, err := smokeJobFor(r, "api", r.out.BatchJobQueue, r.queue.ComputeEnvironments[0])
	if err != nil {
		return err
	}
	r.progress.Note("metadata API from inside the VPC: a Batch job on %s calls %s (x-api-key %s)", r.queue.ComputeEnvironments[0].Name, r.out.ServiceURL, verify.MaskSecret(r.apiKey))
	res, err := verify.RunMetadataAPIJob(ctx, batch.NewFromConfig(r.cfg), cloudwatchlogs.NewFromConfig(r.cfg), verify.MetadataAPIJob{
		SmokeJob:   job,
		ServiceURL: r.out.ServiceURL,
		APIKey:     r.apiKey,
		Flow:       roundTripFlow,
	})
	for _, line := range res.Lines {
		r.progress.Note("[api-job] %s", line)
	}
	if err == nil {
		r.progress.Note("metadata API answered inside the VPC: job %s SUCCEEDED in %s (%s waiting for capacity)", res.JobID, round(res.Duration), round(res.RunnableFor))
	}
	return err
}

// checkMetadataRoundTrip writes a flow and a run through the API and reads
// the run back, as a Metaflow run does.
func checkMetadataRoundTrip(ctx context.Context, r *run) error {
	if privateAPIOutside(r) {
		r.progress.Note("metadata round trip not run from here: %s, and that job writes and reads back a run", privateAPIOutsideVPC)
		return nil
	}
	headers, err := serviceHeaders(ctx, r)
	if err != nil {
		return err
	}
	return verify.WaitFor(ctx, pollHTTP, func(ctx context.Context) error {
		runNumber, err := verify.MetadataRoundTrip(ctx, r.http, r.out.ServiceURL, headers, roundTripFlow)
		if err == nil {
			r.progress.Note("metadata API: created and read back run %s/%s", roundTripFlow, runNumber)
		}
		return err
	})
}

// uiClient probes the UI over IPv4 without following redirects and without
// verifying the certificate: it is the run's self-signed one, for a name
// under example.com, not the ALB's DNS name; routing is what is tested.
// Each call makes a new transport, so no pooled connection outlives a
// security group change.
func uiClient() *http.Client {
	c := tcp4Client()
	c.Timeout = 30 * time.Second
	c.Transport.(*http.Transport).TLSClientConfig = &tls.Config{InsecureSkipVerify: true} //nolint:gosec // see above
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return c
}

// checkUI checks the UI load balancer (active, HTTPS with TLS 1.2+, HTTP
// only redirecting) and, from the runner (inside ui_allow_list), that it
// redirects HTTP, serves the UI's HTML and routes /api to the backend.
func checkUI(ctx context.Context, r *run) error {
	api := elb.NewFromConfig(r.cfg)
	var report verify.ALBReport
	if err := verify.WaitFor(ctx, pollAWS, func(ctx context.Context) error {
		var err error
		report, err = verify.CheckUIALB(ctx, api, r.out.UIALBARN, verify.ALBExpectations{})
		return err
	}); err != nil {
		return err
	}
	if report.DNSName != r.out.UIALBDNSName {
		return fmt.Errorf("ui_alb_dns_name %q is not the ALB's DNS name %q", r.out.UIALBDNSName, report.DNSName)
	}
	if !report.Public {
		return fmt.Errorf("the UI ALB is internal although the test sets metaflow_ui_is_public = true")
	}
	r.progress.Note("ui: ALB %s active, HTTPS policy %s, HTTP redirects; probing from %s", report.DNSName, report.TLSPolicy, r.runnerIP)
	redirects := func(resp verify.Response) error {
		if resp.Status != http.StatusMovedPermanently || !strings.HasPrefix(resp.Location, "https://") {
			return fmt.Errorf("status %d to %q, want 301 to https://", resp.Status, resp.Location)
		}
		return nil
	}
	client := uiClient()
	for _, p := range []struct {
		url string
		v   verify.Validator
	}{
		{"http://" + report.DNSName + "/", redirects},
		{"https://" + report.DNSName + "/", verify.UIServesHTML},
		{"https://" + report.DNSName + verify.UIAPIPath, verify.UIAPIAnswers},
	} {
		wctx, cancel := context.WithTimeout(ctx, 10*time.Minute)
		_, err := verify.GetUntil(wctx, client, verify.Request{URL: p.url}, pollHTTP, p.v)
		cancel()
		if err != nil {
			return err
		}
	}
	return nil
}

// checkUIOutsideAllowList proves ui_allow_list is what admits the runner:
// it re-applies with the list moved to uiOutsideRange and requires the
// same URL that just answered to be unreachable, then restores the list (so
// a SKIP_deploy rerun of validate finds the stack as deployed).
func checkUIOutsideAllowList(ctx context.Context, r *run) (err error) {
	if r.out.UIALBDNSName == "" {
		return errors.New("ui_alb_dns_name is empty")
	}
	outside, cerr := r.tf.Clone()
	if cerr != nil {
		return cerr
	}
	outside.EnvVars["TF_VAR_ui_allow_list"] = hclStringList(uiOutsideRange)
	if _, err := terraform.ApplyContextE(r.t, ctx, outside); err != nil {
		return fmt.Errorf("re-apply with ui_allow_list = [%q]: %w", uiOutsideRange, err)
	}
	defer func() {
		if _, rerr := terraform.ApplyContextE(r.t, ctx, r.tf); rerr != nil && err == nil {
			err = fmt.Errorf("restoring ui_allow_list: %w", rerr)
		}
	}()
	url := "https://" + r.out.UIALBDNSName + "/"
	// A removed security-group rule can take a little while to stop new
	// connections: the UI must become unreachable within r.uiRevokeGrace.
	deadline := time.Now().Add(r.uiRevokeGrace)
	for {
		err := verify.ExpectUnreachable(ctx, uiClient(), url, 20*time.Second)
		if err == nil {
			break
		}
		if time.Now().After(deadline) || ctx.Err() != nil {
			return fmt.Errorf("with ui_allow_list = [%q] (runner %s outside it), still reachable after %s: %w", uiOutsideRange, r.runnerIP, r.uiRevokeGrace, err)
		}
		r.progress.Note("ui: still reachable after the allow list changed (%v); probing again", err)
		select {
		case <-ctx.Done():
		case <-time.After(r.uiRevokePoll):
		}
	}
	r.progress.Note("ui: unreachable from %s once ui_allow_list = [%q]", r.runnerIP, uiOutsideRange)
	return nil
}

// checkEKSMetadataAPI checks the metadata service the EKS example exposes:
// METAFLOW_SERVICE_URL is an internal load balancer's (its public DNS name
// resolves only to private addresses) and the in-cluster URL stays the
// internal one; from inside the VPC (METAFLOW_TEST_RUNNER_IN_VPC=1) it also
// pings the service and lists flows through it.
func checkEKSMetadataAPI(ctx context.Context, r *run) error {
	u, err := url.Parse(r.out.ServiceURL)
	if err != nil || u.Scheme != "http" || !strings.Contains(u.Hostname(), ".elb.") || !strings.HasSuffix(u.Hostname(), ".amazonaws.com") || u.Port() != "8080" {
		return fmt.Errorf("METAFLOW_SERVICE_URL %q is not http://NLB_DNS_NAME:8080/ (expose_metaflow_services_in_eks is on in the example)", r.out.ServiceURL)
	}
	if !strings.HasSuffix(r.out.ServiceInternalURL, ".svc.cluster.local:8080/") {
		return fmt.Errorf("METAFLOW_SERVICE_INTERNAL_URL %q is not the in-cluster service", r.out.ServiceInternalURL)
	}
	err = verify.WaitFor(ctx, pollAWS, func(ctx context.Context) error {
		addrs, err := net.DefaultResolver.LookupNetIP(ctx, "ip4", u.Hostname())
		if err != nil {
			return fmt.Errorf("resolving %s: %w", u.Hostname(), err)
		}
		for _, a := range addrs {
			if !a.IsPrivate() {
				return fmt.Errorf("%s resolves to %s, a public address: the load balancer must be internal", u.Hostname(), a)
			}
		}
		r.progress.Note("metadata service load balancer %s resolves to private addresses %v", u.Hostname(), addrs)
		return nil
	})
	if err != nil {
		return err
	}
	if !runnerInVPC() {
		r.progress.Note("metadata API not probed: the load balancer is internal; set %s=1 on a runner in the VPC or on its VPN", inVPCOptIn)
		return nil
	}
	backoff := verify.Backoff{Initial: 5 * time.Second, Max: time.Minute, Logf: r.progress.Note}
	for _, step := range []struct {
		path    string
		timeout time.Duration
		v       verify.Validator
	}{{"ping", 12 * time.Minute, verify.PingOK}, {"flows", 3 * time.Minute, verify.FlowsListed}} {
		wctx, cancel := context.WithTimeout(ctx, step.timeout)
		_, err := verify.GetWithBackoff(wctx, r.http, verify.Request{URL: verify.JoinURL(r.out.ServiceURL, step.path)}, backoff, step.v)
		cancel()
		if err != nil {
			return fmt.Errorf("%s: %w", step.path, err)
		}
	}
	return nil
}
