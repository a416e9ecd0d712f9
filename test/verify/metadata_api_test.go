package verify

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
)

// metaflowAPIFake imitates metaflow-service's flow and run routes behind
// API Gateway (key required) closely enough to hold the client to the exact
// paths and bodies; its knobs break one thing each.
type metaflowAPIFake struct {
	mu    sync.Mutex
	calls []string // "METHOD /path"
	flows map[string]bool
	runs  map[string]int // flow -> last run number

	warmup        int  // 503s before answering
	flowRace      bool // GET flow 404, POST flow 409 (created meanwhile)
	runStatus     int  // status of POST run when not 0
	runAsString   bool // run_number sent as a string
	readBackOther bool // GET run answers another run
	readBack404   bool // GET run answers 404
	badJSON       bool // POST run answers non-JSON
	t             *testing.T
}

func (f *metaflowAPIFake) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, r.Method+" "+r.URL.Path)
	if r.Header.Get("x-api-key") != testKey {
		http.Error(w, `{"message":"Forbidden"}`, http.StatusForbidden)
		return
	}
	if f.warmup > 0 {
		f.warmup--
		http.Error(w, `{"message":"Service Unavailable"}`, http.StatusServiceUnavailable)
		return
	}
	path := strings.TrimPrefix(r.URL.Path, "/api/")
	parts := strings.Split(path, "/")
	var body map[string]any
	if r.Method == http.MethodPost {
		if ct := r.Header.Get("Content-Type"); ct != "application/json" {
			f.t.Errorf("POST %s with Content-Type %q, want application/json", r.URL.Path, ct)
		}
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
			f.t.Errorf("POST %s body is not JSON: %v", r.URL.Path, err)
		}
		if _, ok := body["ts_epoch"].(float64); !ok || body["flow_id"] != parts[1] {
			f.t.Errorf("POST %s body %v lacks the client's flow_id/ts_epoch", r.URL.Path, body)
		}
	}
	writeJSON := func(status int, v any) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_ = json.NewEncoder(w).Encode(v)
	}
	switch {
	case len(parts) == 2 && parts[0] == "flows" && r.Method == http.MethodGet:
		if !f.flows[parts[1]] || f.flowRace {
			if f.flowRace {
				f.flows[parts[1]] = true
				f.flowRace = false
			}
			writeJSON(http.StatusNotFound, map[string]any{"message": "not found"})
			return
		}
		writeJSON(http.StatusOK, map[string]any{"flow_id": parts[1], "user_name": nil, "ts_epoch": 1})
	case len(parts) == 2 && parts[0] == "flows" && r.Method == http.MethodPost:
		if f.flows[parts[1]] {
			writeJSON(http.StatusConflict, map[string]any{"message": "CONFLICT record exists"})
			return
		}
		f.flows[parts[1]] = true
		writeJSON(http.StatusOK, map[string]any{"flow_id": parts[1], "ts_epoch": 1})
	case len(parts) == 3 && parts[2] == "run" && r.Method == http.MethodPost:
		if body["user_name"] != RoundTripUser || body["tags"] == nil || body["system_tags"] == nil {
			f.t.Errorf("POST run body %v lacks user_name/tags/system_tags", body)
		}
		if f.runStatus != 0 {
			writeJSON(f.runStatus, map[string]any{"detail": "relation \"runs_v3\" does not exist"})
			return
		}
		if f.badJSON {
			_, _ = w.Write([]byte("<html>oops</html>"))
			return
		}
		f.runs[parts[1]]++
		var n any = f.runs[parts[1]]
		if f.runAsString {
			n = fmt.Sprint(n)
		}
		writeJSON(http.StatusOK, map[string]any{"flow_id": parts[1], "run_number": n, "user_name": RoundTripUser})
	case len(parts) == 4 && parts[2] == "runs" && r.Method == http.MethodGet:
		if f.readBack404 {
			writeJSON(http.StatusNotFound, map[string]any{"message": "not found"})
			return
		}
		n := parts[3]
		if f.readBackOther {
			n = "999"
		}
		writeJSON(http.StatusOK, map[string]any{"flow_id": parts[1], "run_number": json.Number(n)})
	default:
		http.NotFound(w, r)
	}
}

func TestMetadataRoundTrip(t *testing.T) {
	created := []string{"GET /api/flows/VerifyFlow", "POST /api/flows/VerifyFlow", "POST /api/flows/VerifyFlow/run", "GET /api/flows/VerifyFlow/runs/1"}
	tests := []struct {
		name         string
		svc          *metaflowAPIFake
		key          string
		flow         string
		want         string
		wantCalls    []string
		wantErr      string
		wantNotReady bool
	}{
		{name: "new flow and run", key: testKey, flow: "VerifyFlow", want: "1", wantCalls: created},
		{name: "flow exists: no POST flow", svc: &metaflowAPIFake{flows: map[string]bool{"VerifyFlow": true}, runs: map[string]int{"VerifyFlow": 41}},
			key: testKey, flow: "VerifyFlow", want: "42",
			wantCalls: []string{"GET /api/flows/VerifyFlow", "POST /api/flows/VerifyFlow/run", "GET /api/flows/VerifyFlow/runs/42"}},
		{name: "flow created meanwhile: 409 then read", svc: &metaflowAPIFake{flowRace: true}, key: testKey, flow: "VerifyFlow", want: "1",
			wantCalls: []string{"GET /api/flows/VerifyFlow", "POST /api/flows/VerifyFlow", "GET /api/flows/VerifyFlow", "POST /api/flows/VerifyFlow/run", "GET /api/flows/VerifyFlow/runs/1"}},
		{name: "run number as string", svc: &metaflowAPIFake{runAsString: true}, key: testKey, flow: "VerifyFlow", want: "1", wantCalls: created},
		{name: "warming up is not ready", svc: &metaflowAPIFake{warmup: 1}, key: testKey, flow: "VerifyFlow", wantErr: "status 503", wantNotReady: true},
		{name: "missing schema: run POST fails", svc: &metaflowAPIFake{runStatus: 500}, key: testKey, flow: "VerifyFlow", wantErr: `POST flows/VerifyFlow/run: status 500`},
		{name: "run answer not JSON", svc: &metaflowAPIFake{badJSON: true}, key: testKey, flow: "VerifyFlow", wantErr: "not a JSON object"},
		{name: "read back another run", svc: &metaflowAPIFake{readBackOther: true}, key: testKey, flow: "VerifyFlow", wantErr: "read back flow_id \"VerifyFlow\" run_number 999, want \"VerifyFlow\" and 1"},
		{name: "run not found on read", svc: &metaflowAPIFake{readBack404: true}, key: testKey, flow: "VerifyFlow", wantErr: "GET flows/VerifyFlow/runs/1: status 404"},
		{name: "wrong key", key: "wrong-" + testKey, flow: "VerifyFlow", wantErr: "status 403"},
		{name: "flow name with a slash", key: testKey, flow: "a/../b", wantErr: "not a Metaflow flow name"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			svc := tc.svc
			if svc == nil {
				svc = &metaflowAPIFake{}
			}
			svc.t = t
			if svc.flows == nil {
				svc.flows = map[string]bool{}
			}
			if svc.runs == nil {
				svc.runs = map[string]int{}
			}
			srv := httptest.NewServer(svc)
			defer srv.Close()
			got, err := MetadataRoundTrip(context.Background(), srv.Client(), srv.URL+"/api/", map[string]string{"x-api-key": tc.key}, tc.flow)
			checkErr(t, err, tc.wantErr, tc.wantNotReady)
			if err != nil && strings.Contains(err.Error(), testKey) {
				t.Fatalf("error leaks the key: %v", err)
			}
			if got != tc.want {
				t.Fatalf("run %q, want %q", got, tc.want)
			}
			if tc.wantCalls != nil && !slices.Equal(svc.calls, tc.wantCalls) {
				t.Fatalf("calls\n%v\nwant\n%v", svc.calls, tc.wantCalls)
			}
		})
	}
	if _, err := MetadataRoundTrip(context.Background(), failingDoer{}, "", nil, "VerifyFlow"); err == nil {
		t.Fatal("empty service URL must fail")
	}
	if _, err := MetadataRoundTrip(context.Background(), failingDoer{}, "https://x/api/", nil, "VerifyFlow"); err == nil || !strings.Contains(err.Error(), ErrNotReady.Error()) {
		t.Fatalf("transport error must be not ready, got %v", err)
	}
}

func TestRequiresAPIKey(t *testing.T) {
	tests := []struct {
		name         string
		handler      http.HandlerFunc
		wantErr      string
		wantNotReady bool
	}{
		{name: "refused without and with a bad key", handler: func(w http.ResponseWriter, r *http.Request) {
			if r.Header.Get("x-api-key") != testKey {
				http.Error(w, `{"message":"Forbidden"}`, http.StatusForbidden)
				return
			}
			_, _ = w.Write([]byte("pong"))
		}},
		{name: "open API", handler: func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte("pong")) }, wantErr: "answered 200: the API does not require its key"},
		{name: "any key accepted", handler: func(w http.ResponseWriter, r *http.Request) {
			if r.Header.Get("x-api-key") == "" {
				http.Error(w, "Forbidden", http.StatusForbidden)
				return
			}
			_, _ = w.Write([]byte("pong"))
		}, wantErr: "with a made-up API key answered 200"},
		{name: "backend error", handler: func(w http.ResponseWriter, r *http.Request) { http.Error(w, "Internal server error", 502) }, wantErr: "answered 502 (server error)"},
		{name: "unauthorized is not API Gateway's refusal", handler: func(w http.ResponseWriter, r *http.Request) { http.Error(w, "no", 401) }, wantErr: "answered 401, want 403"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := httptest.NewServer(tc.handler)
			defer srv.Close()
			err := RequiresAPIKey(context.Background(), srv.Client(), srv.URL+"/api/ping")
			checkErr(t, err, tc.wantErr, tc.wantNotReady)
		})
	}
	checkErr(t, RequiresAPIKey(context.Background(), failingDoer{}, "https://x/api/ping"), "dial failed", true)
	checkErr(t, RequiresAPIKey(context.Background(), failingDoer{}, ""), "URL is empty", false)
}

func TestRunNumberString(t *testing.T) {
	tests := []struct{ raw, want, wantErr string }{
		{raw: `7`, want: "7"}, {raw: `"sfn-abc"`, want: "sfn-abc"}, {raw: `null`, wantErr: "no run_number"},
		{raw: ``, wantErr: "no run_number"}, {raw: `0`, wantErr: "not a positive integer"}, {raw: `1.5`, wantErr: "not a positive integer"}, {raw: `""`, wantErr: "not usable"},
	}
	for _, tc := range tests {
		got, err := runNumberString(json.RawMessage(tc.raw))
		checkErr(t, err, tc.wantErr, false)
		if got != tc.want {
			t.Errorf("runNumberString(%s) = %q, want %q", tc.raw, got, tc.want)
		}
	}
}
