package verify

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"os"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/batch/types"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	logstypes "github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs/types"
)

const (
	testVPCE     = "vpce-0123456789abcdef0"
	testAPIID    = "abcde12345"
	testAPIKey   = "k-Secret-0123456789abcdefghij"
	privateURL   = "https://" + testAPIID + "-" + testVPCE + ".execute-api.us-west-2.amazonaws.com/api/"
	ownNameURL   = "https://" + testAPIID + ".execute-api.us-west-2.amazonaws.com/api/"
	testLogGroup = "/aws/batch/job"
)

func TestParsePrivateAPIURL(t *testing.T) {
	tests := []struct {
		name       string
		url        string
		privateDNS bool
		wantErr    string
		wantOwn    string
	}{
		{name: "endpoint-specific name", url: privateURL, wantOwn: testAPIID + ".execute-api.us-west-2.amazonaws.com"},
		{name: "own name with private DNS", url: ownNameURL, privateDNS: true, wantOwn: testAPIID + ".execute-api.us-west-2.amazonaws.com"},
		{name: "China partition", url: "https://" + testAPIID + "-" + testVPCE + ".execute-api.cn-north-1.amazonaws.com.cn/api/", wantOwn: testAPIID + ".execute-api.cn-north-1.amazonaws.com.cn"},
		{name: "own name without private DNS", url: ownNameURL, wantErr: "resolves to the endpoint only with private DNS on"},
		{name: "endpoint name with private DNS", url: privateURL, privateDNS: true, wantErr: "should be the API's own name"},
		{name: "another endpoint", url: "https://" + testAPIID + "-vpce-0fffffffffffffff0.execute-api.us-west-2.amazonaws.com/api/", wantErr: "but the stack's is " + testVPCE},
		{name: "http", url: "http://" + testAPIID + "-" + testVPCE + ".execute-api.us-west-2.amazonaws.com/api/", wantErr: "is not https://HOST/api/"},
		{name: "no stage", url: "https://" + testAPIID + "-" + testVPCE + ".execute-api.us-west-2.amazonaws.com/", wantErr: "is not https://HOST/api/"},
		{name: "the NLB", url: "http://mf-nlb-0123.elb.us-west-2.amazonaws.com/", wantErr: "is not https://HOST/api/"},
		{name: "the endpoint's own DNS name (needs a header)", url: "https://" + testVPCE + "-abcdefgh.execute-api.us-west-2.vpce.amazonaws.com/api/", wantErr: "is not {api-id}[-{vpce-id}]"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := ParsePrivateAPIURL(tc.url, testVPCE, tc.privateDNS)
			checkErr(t, err, tc.wantErr, false)
			if tc.wantErr == "" && (p.OwnName != tc.wantOwn || p.APIID != testAPIID) {
				t.Fatalf("parsed %+v, want API %s and own name %s", p, testAPIID, tc.wantOwn)
			}
		})
	}
}

type fakeResolver struct {
	addrs []string
	err   error
}

func (f fakeResolver) LookupNetIP(_ context.Context, network, _ string) ([]netip.Addr, error) {
	if network != "ip4" {
		return nil, fmt.Errorf("network %s, want ip4", network)
	}
	var out []netip.Addr
	for _, a := range f.addrs {
		out = append(out, netip.MustParseAddr(a))
	}
	return out, f.err
}

func TestResolvesToPrivate(t *testing.T) {
	tests := []struct {
		name         string
		r            fakeResolver
		wantErr      string
		wantNotReady bool
	}{
		{name: "the endpoint's addresses", r: fakeResolver{addrs: []string{"10.10.3.4", "10.10.20.9"}}},
		{name: "a public address", r: fakeResolver{addrs: []string{"10.10.3.4", "52.94.1.1"}}, wantErr: "52.94.1.1, a public address"},
		{name: "no record yet", r: fakeResolver{err: errors.New("no such host")}, wantErr: "no such host", wantNotReady: true},
		{name: "no address", r: fakeResolver{}, wantErr: "resolves to no address yet", wantNotReady: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ResolvesToPrivate(context.Background(), tc.r, "h")
			checkErr(t, err, tc.wantErr, tc.wantNotReady)
		})
	}
}

func TestRefusedFromOutside(t *testing.T) {
	for _, tc := range []struct {
		status  int
		wantErr string
	}{
		{status: http.StatusForbidden},
		{status: http.StatusNotFound},
		{status: http.StatusOK, wantErr: "must not be served there"},
		{status: http.StatusFound, wantErr: "must not be served there"},
		{status: http.StatusBadGateway, wantErr: "want a refusal"},
	} {
		t.Run(fmt.Sprint(tc.status), func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.Header.Get("x-api-key") != testAPIKey {
					t.Errorf("the probe must send the key as a client would")
				}
				w.WriteHeader(tc.status)
				_, _ = w.Write([]byte(`{"message":"Forbidden"}`))
			}))
			defer srv.Close()
			how, err := RefusedFromOutside(context.Background(), noRedirects(srv.Client()), srv.URL+"/api/ping", map[string]string{"x-api-key": testAPIKey})
			checkErr(t, err, tc.wantErr, false)
			if tc.wantErr == "" && how != fmt.Sprintf("refused with %d", tc.status) {
				t.Fatalf("how = %q", how)
			}
		})
	}
	t.Run("no connection", func(t *testing.T) {
		srv := httptest.NewServer(http.NotFoundHandler())
		target := srv.URL + "/api/ping"
		srv.Close()
		how, err := RefusedFromOutside(context.Background(), http.DefaultClient, target, nil)
		if err != nil || !strings.HasPrefix(how, "not reachable: ") {
			t.Fatalf("how %q, err %v; want not reachable", how, err)
		}
	})
}

func noRedirects(c *http.Client) *http.Client {
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return c
}

// fakeProbeLog serves one log stream; the last line shows up only from
// call lateOK on, as CloudWatch can deliver it after the job ended.
type fakeProbeLog struct {
	lines  []string
	lateOK int
	err    error
	calls  int
	asked  []string
}

func (f *fakeProbeLog) GetLogEvents(_ context.Context, in *cloudwatchlogs.GetLogEventsInput, _ ...func(*cloudwatchlogs.Options)) (*cloudwatchlogs.GetLogEventsOutput, error) {
	f.calls++
	f.asked = append(f.asked, aws.ToString(in.LogGroupName)+"/"+aws.ToString(in.LogStreamName))
	if f.err != nil {
		return nil, f.err
	}
	if aws.ToBool(in.StartFromHead) {
		return nil, errors.New("want the end of the stream")
	}
	lines := f.lines
	if f.calls < f.lateOK && len(lines) > 0 {
		lines = lines[:len(lines)-1]
	}
	out := &cloudwatchlogs.GetLogEventsOutput{}
	for _, l := range lines {
		out.Events = append(out.Events, logstypes.OutputLogEvent{Message: aws.String(l)})
	}
	return out, nil
}

func TestRunMetadataAPIJob(t *testing.T) {
	okLines := []string{
		"metaflow deploy test: calling " + privateURL + " with the API key",
		"metaflow deploy test: GET ping -> 200 pong",
		"metaflow deploy test: OK: ping, refused without the key, schema current, flows listed, run DeployTestFlow/3 written and read back through " + privateURL,
	}
	base := MetadataAPIJob{
		SmokeJob:   SmokeJob{Name: "mfabc-deploy-api", Queue: queueARN, JobRoleARN: "arn:aws:iam::000000000000:role/mf-batch-s3-task", Tags: map[string]string{"metaflow-test-run": "mfdt-abc123"}},
		ServiceURL: privateURL, APIKey: testAPIKey, Flow: "DeployTestFlow",
	}
	tests := []struct {
		name      string
		job       MetadataAPIJob
		jobs      fakeJobs
		logs      fakeProbeLog
		wantErr   string
		wantCalls int
	}{
		{name: "job answers OK", job: base, jobs: fakeJobs{statuses: []types.JobStatus{"RUNNABLE", "RUNNING", "SUCCEEDED"}, logStream: "mfabc-deploy-api/default/1"}, logs: fakeProbeLog{lines: okLines}, wantCalls: 1},
		{name: "OK line arrives late", job: base, jobs: fakeJobs{statuses: []types.JobStatus{"SUCCEEDED"}, logStream: "s"}, logs: fakeProbeLog{lines: okLines, lateOK: 3}, wantCalls: 3},
		{name: "job fails: its lines are quoted, the key masked", job: base,
			jobs:    fakeJobs{statuses: []types.JobStatus{"RUNNING", "FAILED"}, failReason: "exit", logStream: "s"},
			logs:    fakeProbeLog{lines: []string{"metaflow deploy test: GET ping (no key) -> 200 pong " + testAPIKey, "metaflow deploy test: FAILED: ping without the API key answered 200, want 403"}},
			wantErr: "want 403", wantCalls: 1},
		{name: "succeeded without the OK line", job: base, jobs: fakeJobs{statuses: []types.JobStatus{"SUCCEEDED"}, logStream: "s"},
			logs: fakeProbeLog{lines: []string{"something else"}}, wantErr: "does not end with"},
		{name: "log not readable", job: base, jobs: fakeJobs{statuses: []types.JobStatus{"FAILED"}, logStream: "s"},
			logs: fakeProbeLog{err: errors.New("AccessDeniedException")}, wantErr: "AccessDeniedException"},
		{name: "never started: no stream to read", job: base, jobs: fakeJobs{statuses: []types.JobStatus{"FAILED"}, failReason: "CannotPullContainerError"},
			wantErr: "printed nothing that could be read", wantCalls: 0},
		{name: "no URL", job: MetadataAPIJob{SmokeJob: base.SmokeJob, Flow: "F"}, wantErr: "service URL is empty"},
		{name: "bad flow name", job: MetadataAPIJob{SmokeJob: base.SmokeJob, ServiceURL: privateURL, Flow: "../x"}, wantErr: "not a Metaflow flow name"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			job := tc.job
			job.PollInterval = time.Millisecond
			job.LogWait = 200 * time.Millisecond
			jobs, logs := tc.jobs, tc.logs
			res, err := RunMetadataAPIJob(ctx, &jobs, &logs, job)
			checkErr(t, err, tc.wantErr, false)
			if err != nil && strings.Contains(err.Error(), testAPIKey) {
				t.Fatal("the error shows the API key")
			}
			if tc.wantCalls > 0 && logs.calls != tc.wantCalls {
				t.Fatalf("read the log %d times, want %d", logs.calls, tc.wantCalls)
			}
			if tc.wantCalls == 0 && tc.wantErr != "" && strings.Contains(tc.wantErr, "printed nothing") && logs.calls != 0 {
				t.Fatal("read a log although the job never got a stream")
			}
			for _, a := range logs.asked {
				if !strings.HasPrefix(a, testLogGroup+"/") {
					t.Fatalf("read %s, want a stream of %s", a, testLogGroup)
				}
			}
			if jobs.registered == nil {
				return
			}
			p := jobs.registered.ContainerProperties
			if aws.ToString(p.Image) != MetadataAPIJobImage || len(p.Command) != 3 || p.Command[0] != "python3" || p.Command[1] != "-c" || p.Command[2] != metadataAPIProbe {
				t.Fatalf("job definition runs %s %q, want python3 -c <probe> in %s", aws.ToString(p.Image), p.Command[:min(2, len(p.Command))], MetadataAPIJobImage)
			}
			if len(p.Environment) != 0 {
				t.Fatal("the job definition must hold no environment: a definition left behind would keep the key")
			}
			env := map[string]string{}
			for _, kv := range jobs.submitted.ContainerOverrides.Environment {
				env[aws.ToString(kv.Name)] = aws.ToString(kv.Value)
			}
			if env["METAFLOW_SERVICE_URL"] != privateURL || env["METAFLOW_SERVICE_AUTH_KEY"] != testAPIKey || env["PROBE_FLOW"] != "DeployTestFlow" || env["PROBE_WAIT_SECONDS"] != "420" {
				t.Fatalf("submission environment %v lacks the URL, key, flow or the 7-minute wait", slices.Sorted(maps.Keys(env)))
			}
			for _, l := range res.Lines {
				if strings.Contains(l, testAPIKey) {
					t.Fatal("a log line shows the API key")
				}
			}
		})
	}
}

// fakeMetadataAPI is the metadata service behind API Gateway as the probe
// sees it: the key is required (403 without), ping answers pong after
// pingFails 503s, and flows and runs are kept in memory.
type fakeMetadataAPI struct {
	mu         sync.Mutex
	key        string
	openToAll  bool // the gateway does not check the key
	pingFails  int
	schemaOld  bool
	flows      map[string]bool
	runs       int
	keyInQuery bool
}

func (f *fakeMetadataAPI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if r.URL.RawQuery != "" {
		f.keyInQuery = true
	}
	if !f.openToAll && r.Header.Get("x-api-key") != f.key {
		w.WriteHeader(http.StatusForbidden)
		_, _ = w.Write([]byte(`{"message":"Forbidden"}`))
		return
	}
	path := strings.TrimPrefix(r.URL.Path, "/api/")
	reply := func(v any) { _ = json.NewEncoder(w).Encode(v) }
	switch {
	case path == "ping":
		if f.pingFails > 0 {
			f.pingFails--
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		_, _ = w.Write([]byte("pong"))
	case path == "db_schema_status":
		reply(map[string]any{"is_up_to_date": !f.schemaOld, "current_version": 20, "migration_in_progress": false})
	case path == "flows":
		reply([]any{})
	case strings.HasPrefix(path, "flows/") && strings.HasSuffix(path, "/run") && r.Method == http.MethodPost:
		f.runs++
		reply(map[string]any{"flow_id": strings.Split(path, "/")[1], "run_number": f.runs})
	case strings.Contains(path, "/runs/"):
		parts := strings.Split(path, "/")
		reply(map[string]any{"flow_id": parts[1], "run_number": json.Number(parts[3])})
	case strings.HasPrefix(path, "flows/"):
		name := strings.TrimPrefix(path, "flows/")
		if r.Method == http.MethodPost {
			f.flows[name] = true
		}
		if !f.flows[name] {
			w.WriteHeader(http.StatusNotFound)
			return
		}
		reply(map[string]any{"flow_id": name})
	default:
		w.WriteHeader(http.StatusNotFound)
	}
}

// TestMetadataAPIProbeScript runs the probe the Batch job runs with this
// machine's python3 against a fake metadata API (skips without python3).
func TestMetadataAPIProbeScript(t *testing.T) {
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 is not on PATH: the probe script is not run here")
	}
	tests := []struct {
		name     string
		api      *fakeMetadataAPI
		key      string
		wait     string
		wantOK   bool
		wantLine string
	}{
		{name: "answers after warming up", api: &fakeMetadataAPI{pingFails: 2}, key: testAPIKey, wantOK: true, wantLine: "run DeployTestFlow/1 written and read back"},
		{name: "the key is not required", api: &fakeMetadataAPI{openToAll: true}, key: testAPIKey, wantLine: "FAILED: ping without the API key answered 200, want 403"},
		{name: "an API without a key", api: &fakeMetadataAPI{openToAll: true}, wantOK: true, wantLine: "OK: "},
		{name: "wrong key: never pong", api: &fakeMetadataAPI{}, key: "not-the-key", wait: "0.2", wantLine: "FAILED: ping did not answer pong in time"},
		{name: "schema behind", api: &fakeMetadataAPI{schemaOld: true}, key: testAPIKey, wantLine: "FAILED: the database schema is not up to date"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel() // python3 may take seconds to start
			api := tc.api
			api.key, api.flows = testAPIKey, map[string]bool{}
			srv := httptest.NewServer(api)
			defer srv.Close()
			wait := tc.wait
			if wait == "" {
				wait = "5"
			}
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			cmd := exec.CommandContext(ctx, python, "-c", metadataAPIProbe)
			cmd.Env = append(os.Environ(), "METAFLOW_SERVICE_URL="+srv.URL+"/api/", "PROBE_FLOW=DeployTestFlow",
				"PROBE_WAIT_SECONDS="+wait, "PROBE_PAUSE_SECONDS=0.01", "METAFLOW_SERVICE_AUTH_KEY="+tc.key)
			out, err := cmd.CombinedOutput()
			text := string(out)
			if tc.wantOK != (err == nil) {
				t.Fatalf("exit error %v, want success %t; output:\n%s", err, tc.wantOK, text)
			}
			lines := strings.Split(strings.TrimSpace(text), "\n")
			last := lines[len(lines)-1]
			if !strings.Contains(last, tc.wantLine) {
				t.Fatalf("last line %q, want it to contain %q; output:\n%s", last, tc.wantLine, text)
			}
			if tc.wantOK != strings.HasPrefix(last, metadataAPIProbeOK) {
				t.Fatalf("last line %q: OK prefix must mark success only", last)
			}
			if tc.key != "" && strings.Contains(text, tc.key) {
				t.Fatal("the probe printed the API key")
			}
			if api.keyInQuery {
				t.Fatal("the probe put something in the query string")
			}
		})
	}
}
