package verify

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

const testKey = "k3yV4lue-0123456789abcdefghijklmnopqrstu"

// metadataServer imitates the metadata API behind API Gateway: it wants the
// x-api-key header, fails the first `warmup` requests with 503, and echoes the
// key in a 403 body (as a careless proxy might) so masking is tested.
func metadataServer(t *testing.T, warmup int32, schemaUpToDate bool, flowsStatus int) *httptest.Server {
	t.Helper()
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("x-api-key") != testKey {
			http.Error(w, "Forbidden: bad key "+r.Header.Get("x-api-key"), http.StatusForbidden)
			return
		}
		if n.Add(1) <= warmup {
			http.Error(w, "Service Unavailable", http.StatusServiceUnavailable)
			return
		}
		switch r.URL.Path {
		case "/api/ping":
			_, _ = w.Write([]byte("pong"))
		case "/api/flows":
			w.WriteHeader(flowsStatus)
			if flowsStatus == http.StatusOK {
				_, _ = w.Write([]byte(`[{"flow_id":"HelloFlow"}]`))
			} else {
				_, _ = w.Write([]byte(`{"message":"relation \"flows_v3\" does not exist"}`))
			}
		case "/api/db_schema_status":
			if schemaUpToDate {
				_, _ = w.Write([]byte(`{"is_up_to_date": true, "current_version": 20240509201906, "migration_in_progress": false, "unapplied_migrations": []}`))
			} else {
				_, _ = w.Write([]byte(`{"is_up_to_date": false, "current_version": 0, "migration_in_progress": false, "unapplied_migrations": ["1", "2"]}`))
			}
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestGetUntilPing(t *testing.T) {
	tests := []struct {
		name    string
		warmup  int32
		key     string
		path    string
		timeout time.Duration
		check   Validator
		wantErr string
	}{
		{name: "pong at once", path: "ping", key: testKey, check: PingOK},
		{name: "pong after 503s", warmup: 3, path: "ping", key: testKey, check: PingOK},
		{name: "wrong key never passes and is masked", path: "ping", key: testKey + "x", timeout: 50 * time.Millisecond, check: PingOK, wantErr: "status 403"},
		{name: "wrong body", path: "db_schema_status", key: testKey, timeout: 50 * time.Millisecond, check: PingOK, wantErr: "want \"pong\""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := metadataServer(t, tc.warmup, true, http.StatusOK)
			timeout := tc.timeout
			if timeout == 0 {
				timeout = 5 * time.Second
			}
			ctx, cancel := context.WithTimeout(context.Background(), timeout)
			defer cancel()
			_, err := GetUntil(ctx, srv.Client(), Request{URL: JoinURL(srv.URL+"/api/", tc.path), SecretHeaders: map[string]string{"x-api-key": tc.key}}, time.Millisecond, tc.check)
			checkErr(t, err, tc.wantErr, false)
			if err != nil && strings.Contains(err.Error(), testKey) {
				t.Fatalf("error leaks the API key: %v", err)
			}
		})
	}
}

func TestMetadataValidators(t *testing.T) {
	tests := []struct {
		name        string
		upToDate    bool
		flowsStatus int
		path        string
		check       Validator
		wantErr     string
	}{
		{name: "flows listed", flowsStatus: 200, path: "flows", check: FlowsListed},
		{name: "flows 500 from missing schema", flowsStatus: 500, path: "flows", check: FlowsListed, wantErr: "status 500"},
		{name: "flows not a list", flowsStatus: 200, path: "db_schema_status", check: FlowsListed, wantErr: "not a JSON list"},
		{name: "schema up to date", upToDate: true, flowsStatus: 200, path: "db_schema_status", check: SchemaUpToDate},
		{name: "schema behind", upToDate: false, flowsStatus: 200, path: "db_schema_status", check: SchemaUpToDate, wantErr: "2 unapplied migrations"},
		{name: "schema status garbage", flowsStatus: 200, path: "ping", check: SchemaUpToDate, wantErr: "not JSON"},
		{name: "schema status missing field", flowsStatus: 200, path: "flows", check: SchemaUpToDate, wantErr: "not JSON"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := metadataServer(t, 0, tc.upToDate, tc.flowsStatus)
			resp, err := Get(context.Background(), srv.Client(), Request{URL: srv.URL + "/api/" + tc.path, SecretHeaders: map[string]string{"x-api-key": testKey}})
			if err != nil {
				t.Fatal(err)
			}
			checkErr(t, tc.check(resp), tc.wantErr, false)
		})
	}
	if err := SchemaUpToDate(Response{Status: 200, Body: []byte(`{"current_version": 1}`)}); err == nil {
		t.Fatal("a status without is_up_to_date must not pass")
	}
}

func TestGetMasksSecretsInBodyAndErrors(t *testing.T) {
	srv := metadataServer(t, 0, true, 200)
	resp, err := Get(context.Background(), srv.Client(), Request{URL: srv.URL + "/api/ping", SecretHeaders: map[string]string{"x-api-key": "wrong-" + testKey}})
	if err != nil {
		t.Fatal(err)
	}
	if resp.Status != http.StatusForbidden || strings.Contains(string(resp.Body), testKey) || !strings.Contains(string(resp.Body), "redacted") {
		t.Fatalf("403 body not masked: %d %q", resp.Status, resp.Body)
	}
	_, err = Get(context.Background(), failingDoer{}, Request{URL: "https://example.invalid/?k=" + testKey, SecretHeaders: map[string]string{"x-api-key": testKey}})
	if err == nil || strings.Contains(err.Error(), testKey) {
		t.Fatalf("transport error must exist and be masked: %v", err)
	}
}

type failingDoer struct{}

func (failingDoer) Do(r *http.Request) (*http.Response, error) {
	return nil, errors.New("dial failed for " + r.URL.String())
}

func TestMaskSecret(t *testing.T) {
	for _, s := range []string{"", "zq", "zq9x", testKey} {
		m := MaskSecret(s)
		if s != "" && strings.Contains(m, s) {
			t.Errorf("MaskSecret(%q) = %q reveals it", s, m)
		}
		if s == "" && m != "(empty)" {
			t.Errorf("MaskSecret(\"\") = %q, want (empty)", m)
		}
	}
}

func TestJoinURL(t *testing.T) {
	tests := []struct{ base, path, want string }{
		{"https://x.execute-api.us-west-2.amazonaws.com/api/", "ping", "https://x.execute-api.us-west-2.amazonaws.com/api/ping"},
		{"https://x.execute-api.us-west-2.amazonaws.com/api", "ping", "https://x.execute-api.us-west-2.amazonaws.com/api/ping"},
		{"http://nlb/", "/flows", "http://nlb/flows"},
	}
	for _, tc := range tests {
		if got := JoinURL(tc.base, tc.path); got != tc.want {
			t.Errorf("JoinURL(%q, %q) = %q, want %q", tc.base, tc.path, got, tc.want)
		}
	}
}
