package verify

import (
	"context"
	"errors"
	"fmt"
	"net/netip"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
)

// A private metadata API (metadata_service_api_endpoint_type = "PRIVATE")
// answers only through its execute-api VPC endpoint, so a test runner
// outside the VPC cannot probe it. What the runner can check is its URL's
// form, that the name resolves to private addresses only, and that API
// Gateway refuses the API's own name from outside; the API itself is proven
// from inside the VPC by a Batch job on the stack's queue
// (RunMetadataAPIJob), which calls it with the key as a Metaflow client
// does and prints what it got.

// PrivateAPIURL is what a private API's METAFLOW_SERVICE_URL names.
type PrivateAPIURL struct {
	APIID string
	// VPCEndpointID is the endpoint in the host name; "" for the API's own
	// name (the endpoint has private DNS on).
	VPCEndpointID string
	Region        string
	// Host is the URL's host; OwnName the API's regional name
	// {api-id}.execute-api.{region}.{suffix}, which outside the VPC reaches
	// API Gateway's public endpoint.
	Host    string
	OwnName string
}

var privateAPIHostRE = regexp.MustCompile(`^([a-z0-9]{10})(?:-(vpce-[0-9a-f]{8,17}))?\.execute-api\.([a-z0-9-]+)\.(amazonaws\.com(?:\.cn)?)$`)

// ParsePrivateAPIURL checks that serviceURL is a private API's stage URL
// reached through vpceID: https://{api-id}-{vpce-id}.execute-api.{region}.amazonaws.com/api/
// (the endpoint-specific name the association creates) or, when
// privateDNS, https://{api-id}.execute-api.{region}.amazonaws.com/api/.
func ParsePrivateAPIURL(serviceURL, vpceID string, privateDNS bool) (PrivateAPIURL, error) {
	u, err := url.Parse(serviceURL)
	if err != nil || u.Scheme != "https" || u.Path != "/api/" || u.RawQuery != "" || u.Port() != "" {
		return PrivateAPIURL{}, fmt.Errorf("private API URL %q is not https://HOST/api/", serviceURL)
	}
	m := privateAPIHostRE.FindStringSubmatch(u.Hostname())
	if m == nil {
		return PrivateAPIURL{}, fmt.Errorf("private API URL %q: host %q is not {api-id}[-{vpce-id}].execute-api.{region}.amazonaws.com", serviceURL, u.Hostname())
	}
	p := PrivateAPIURL{APIID: m[1], VPCEndpointID: m[2], Region: m[3], Host: u.Hostname(), OwnName: m[1] + ".execute-api." + m[3] + "." + m[4]}
	switch {
	case privateDNS && p.VPCEndpointID != "":
		return p, fmt.Errorf("private API URL %q names endpoint %s; with private DNS on it should be the API's own name %s", serviceURL, p.VPCEndpointID, p.OwnName)
	case !privateDNS && p.VPCEndpointID == "":
		return p, fmt.Errorf("private API URL %q is the API's own name, which resolves to the endpoint only with private DNS on; want the endpoint-specific %s-%s.execute-api.%s...", serviceURL, p.APIID, vpceID, p.Region)
	case !privateDNS && p.VPCEndpointID != vpceID:
		return p, fmt.Errorf("private API URL %q names endpoint %s, but the stack's is %s", serviceURL, p.VPCEndpointID, vpceID)
	}
	return p, nil
}

// Resolver is the part of net.Resolver ResolvesToPrivate needs.
type Resolver interface {
	LookupNetIP(ctx context.Context, network, host string) ([]netip.Addr, error)
}

// ResolvesToPrivate requires host to resolve, in public DNS as the runner
// sees it, to private addresses only: the endpoint-specific name of a
// private API points at the endpoint's network interfaces. A lookup error
// is ErrNotReady (the association's record takes minutes to appear).
func ResolvesToPrivate(ctx context.Context, r Resolver, host string) ([]netip.Addr, error) {
	addrs, err := r.LookupNetIP(ctx, "ip4", host)
	if err != nil {
		return nil, notReady("resolving %s: %v", host, err)
	}
	if len(addrs) == 0 {
		return nil, notReady("%s resolves to no address yet", host)
	}
	for _, a := range addrs {
		if !a.IsPrivate() {
			return addrs, fmt.Errorf("%s resolves to %s, a public address: the name must lead to the VPC endpoint only", host, a)
		}
	}
	return addrs, nil
}

// RefusedFromOutside requires target, reached from outside the VPC, not to
// be served: a transport failure or a 4xx (API Gateway answers 403 for a
// private API called through its public endpoint) passes; a 2xx or 3xx
// means the API answers on the internet, and a 5xx means the request got
// past API Gateway's refusal.
func RefusedFromOutside(ctx context.Context, client HTTPDoer, target string, headers map[string]string) (string, error) {
	resp, err := Get(ctx, client, Request{URL: target, SecretHeaders: headers})
	if err != nil {
		return "not reachable: " + oneLineErr(err), nil
	}
	switch {
	case resp.Status >= 400 && resp.Status < 500:
		return fmt.Sprintf("refused with %d", resp.Status), nil
	case resp.Status < 400:
		return "", fmt.Errorf("GET %s from outside the VPC answered %d: a private API must not be served there; body: %s", target, resp.Status, Snippet(resp.Body))
	default:
		return "", fmt.Errorf("GET %s from outside the VPC answered %d, want a refusal (4xx) or no connection; body: %s", target, resp.Status, Snippet(resp.Body))
	}
}

func oneLineErr(err error) string { return strings.Join(strings.Fields(err.Error()), " ") }

// MetadataAPIJobImage runs the probe: Python's standard library has the
// HTTPS client, and the slim image its CA certificates.
const MetadataAPIJobImage = "public.ecr.aws/docker/library/python:3.12-slim"

// metadataAPIProbeOK starts the line the probe prints when everything passed.
const metadataAPIProbeOK = "metaflow deploy test: OK"

// metadataAPIProbe is what the job runs (python3 -c). From inside the VPC,
// through METAFLOW_SERVICE_URL with the key as Metaflow's client sends it
// (x-api-key): ping until it answers pong (the association's DNS and the
// VPC link may still be settling), the same without the key must be 403,
// the schema must be current, the flow list a JSON list, and a run written
// under PROBE_FLOW must read back. Each answer is printed (never the key);
// the last line starts with metadataAPIProbeOK, or the job exits 1.
const metadataAPIProbe = `
import json, os, sys, time, urllib.error, urllib.request
base = os.environ["METAFLOW_SERVICE_URL"].rstrip("/") + "/"
key = os.environ.get("METAFLOW_SERVICE_AUTH_KEY", "")
flow = os.environ["PROBE_FLOW"]
user = os.environ.get("PROBE_USER", "terraform-aws-metaflow-verify")
deadline = time.time() + float(os.environ.get("PROBE_WAIT_SECONDS", "420"))
pause = float(os.environ.get("PROBE_PAUSE_SECONDS", "15"))

def say(msg):
    print("metaflow deploy test: " + msg, flush=True)

def fail(msg):
    say("FAILED: " + msg)
    sys.exit(1)

def call(method, path, body=None, with_key=True):
    headers = {"Content-Type": "application/json"}
    if key and with_key:
        headers["x-api-key"] = key
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(base + path, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            status, text = r.status, r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        status, text = e.code, e.read().decode("utf-8", "replace")
    say("%s %s%s -> %d %s" % (method, path, "" if with_key else " (no key)", status, " ".join(text.split())[:200]))
    return status, text

def answer(status, text, what):
    if status != 200:
        fail("%s answered %d" % (what, status))
    try:
        return json.loads(text)
    except ValueError:
        fail("%s is not JSON" % what)

say("calling " + base + (" with the API key" if key else " (no API key)"))
while True:
    try:
        status, text = call("GET", "ping")
        if status == 200 and text.strip() == "pong":
            break
    except Exception as e:
        say("GET ping -> " + " ".join(str(e).split())[:200])
    if time.time() > deadline:
        fail("ping did not answer pong in time")
    time.sleep(pause)
if key:
    status, _ = call("GET", "ping", with_key=False)
    if status != 403:
        fail("ping without the API key answered %d, want 403" % status)
schema = answer(*call("GET", "db_schema_status"), what="db_schema_status")
if not isinstance(schema, dict) or schema.get("is_up_to_date") is not True:
    fail("the database schema is not up to date")
if not isinstance(answer(*call("GET", "flows"), what="flows"), list):
    fail("flows is not a JSON list")
now = int(time.time() * 1000)
status, text = call("GET", "flows/" + flow)
if status == 404:
    status, text = call("POST", "flows/" + flow, {"flow_id": flow, "ts_epoch": now})
    if status == 409:
        status, text = call("GET", "flows/" + flow)
if answer(status, text, "flow " + flow).get("flow_id") != flow:
    fail("flow " + flow + " read back another flow_id")
run = answer(*call("POST", "flows/%s/run" % flow, {"flow_id": flow, "user_name": user, "tags": [], "system_tags": ["user:" + user], "ts_epoch": now}), what="the new run")
number = run.get("run_number")
if number in (None, "", 0):
    fail("the new run has no run_number")
back = answer(*call("GET", "flows/%s/runs/%s" % (flow, number)), what="the run")
if back.get("flow_id") != flow or str(back.get("run_number")) != str(number):
    fail("run %s/%s did not read back" % (flow, number))
say("OK: ping, refused without the key, schema current, flows listed, run %s/%s written and read back through %s" % (flow, number, base))
`

// MetadataAPIJob is the Batch job RunMetadataAPIJob runs: SmokeJob's
// queue, roles and tags, with the probe as its command.
type MetadataAPIJob struct {
	SmokeJob
	ServiceURL string
	// APIKey is sent as x-api-key; "" for an API without one. It reaches
	// the job as an environment variable of the submission and is never
	// printed.
	APIKey string
	// Flow is the flow the round trip registers (a Metaflow flow name).
	Flow string
	// Wait is how long the job pings before giving up (default 7 minutes,
	// within the job's 10-minute attempt).
	Wait time.Duration
	// LogWait is how long the log is read again for lines CloudWatch
	// delivers after the job ended (default 2 minutes).
	LogWait time.Duration
}

// MetadataAPIJobResult is how the job went and what it printed.
type MetadataAPIJobResult struct {
	SmokeJobResult
	// Lines are the job's log lines, the key masked.
	Lines []string
}

// JobLogAPI is the part of the CloudWatch Logs client RunMetadataAPIJob needs.
type JobLogAPI interface {
	GetLogEvents(ctx context.Context, in *cloudwatchlogs.GetLogEventsInput, optFns ...func(*cloudwatchlogs.Options)) (*cloudwatchlogs.GetLogEventsOutput, error)
}

// maxProbeLines bounds what is read of the job's log and quoted on failure.
const (
	maxProbeLines   = 200
	probeQuoteLines = 20
)

// RunMetadataAPIJob runs the probe as a Batch job on the stack's queue, so
// the metadata API is called from inside the VPC (where a private API
// answers), then reads the job's log. It passes when the job SUCCEEDED and
// its log ends with the probe's OK line; otherwise the error quotes the
// log's last lines.
func RunMetadataAPIJob(ctx context.Context, jobs BatchJobAPI, logs JobLogAPI, job MetadataAPIJob) (MetadataAPIJobResult, error) {
	var res MetadataAPIJobResult
	if job.ServiceURL == "" {
		return res, errors.New("metadata API job: the service URL is empty")
	}
	if !flowNameRE.MatchString(job.Flow) {
		return res, fmt.Errorf("metadata API job: %q is not a Metaflow flow name", job.Flow)
	}
	wait := job.Wait
	if wait <= 0 {
		wait = 7 * time.Minute
	}
	sj := job.SmokeJob
	if sj.Image == "" {
		sj.Image = MetadataAPIJobImage
	}
	sj.Command = []string{"python3", "-c", metadataAPIProbe}
	sj.Environment = map[string]string{
		"METAFLOW_SERVICE_URL": job.ServiceURL,
		"PROBE_FLOW":           job.Flow,
		"PROBE_USER":           RoundTripUser,
		"PROBE_WAIT_SECONDS":   fmt.Sprint(int(wait.Seconds())),
	}
	if job.APIKey != "" {
		sj.Environment["METAFLOW_SERVICE_AUTH_KEY"] = job.APIKey
	}
	secrets := map[string]string{"key": job.APIKey}

	var jobErr error
	res.SmokeJobResult, jobErr = RunSmokeJob(ctx, jobs, sj)
	if res.LogStreamName != "" {
		// The last lines can reach CloudWatch a little after the job ends.
		logWait := job.LogWait
		if logWait <= 0 {
			logWait = 2 * time.Minute
		}
		cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), logWait)
		defer cancel()
		res.Lines = readProbeLog(cctx, logs, res.LogStreamName, jobErr == nil, sj.PollInterval, secrets)
	}
	quote := func() string {
		if len(res.Lines) == 0 {
			return "the job printed nothing that could be read (log stream " + orNone(res.LogStreamName) + " in " + SmokeJobLogGroup + ")"
		}
		return "the job printed:\n  " + strings.Join(res.Lines[max(0, len(res.Lines)-probeQuoteLines):], "\n  ")
	}
	if jobErr != nil {
		return res, fmt.Errorf("metadata API from inside the VPC: %s; %s", maskAll(jobErr.Error(), secrets), quote())
	}
	if len(res.Lines) == 0 || !strings.HasPrefix(res.Lines[len(res.Lines)-1], metadataAPIProbeOK) {
		return res, fmt.Errorf("metadata API from inside the VPC: job %s SUCCEEDED but its log does not end with %q; %s", res.JobID, metadataAPIProbeOK, quote())
	}
	return res, nil
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

// readProbeLog reads the end of the job's log stream. When the job
// succeeded it waits (polling every interval) for the OK line, which may
// reach CloudWatch after Batch reports the job done; read errors become
// lines, so a log that cannot be read still says why.
func readProbeLog(ctx context.Context, api JobLogAPI, stream string, wantOK bool, interval time.Duration, secrets map[string]string) []string {
	if interval <= 0 {
		interval = 15 * time.Second
	}
	var lines []string
	for {
		out, err := api.GetLogEvents(ctx, &cloudwatchlogs.GetLogEventsInput{
			LogGroupName:  aws.String(SmokeJobLogGroup),
			LogStreamName: aws.String(stream),
			StartFromHead: aws.Bool(false), // the last events: the OK line is the last one
			Limit:         aws.Int32(maxProbeLines),
		})
		if err != nil {
			lines = []string{diagLine("logs: reading %s/%s: %v", SmokeJobLogGroup, stream, err)}
		} else {
			lines = lines[:0]
			for _, e := range out.Events {
				lines = append(lines, diagLine("%s", maskAll(strings.TrimRight(aws.ToString(e.Message), "\n"), secrets)))
			}
		}
		done := !wantOK || (len(lines) > 0 && strings.HasPrefix(lines[len(lines)-1], metadataAPIProbeOK))
		if done {
			return lines
		}
		select {
		case <-ctx.Done():
			return lines
		case <-time.After(interval):
		}
	}
}
