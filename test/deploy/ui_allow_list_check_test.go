package deploy

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/gruntwork-io/terratest/modules/logger"
)

// TestCheckUIOutsideAllowList runs the negative UI check against the fake
// terraform: it must re-apply with the documentation range, probe, and put
// the runner's address back whatever the probe found; an ALB that still
// answers from outside the list fails it.
func TestCheckUIOutsideAllowList(t *testing.T) {
	open := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		_, _ = w.Write([]byte(`<title>Metaflow UI</title><div id="root">`))
	}))
	defer open.Close()
	// Answers once, then stops listening: a rule change that takes a moment
	// to reach new connections.
	var closing *httptest.Server
	closing = httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		_, _ = w.Write([]byte(`<title>Metaflow UI</title><div id="root">`))
		go func() { _ = closing.Listener.Close(); closing.CloseClientConnections() }()
	}))
	defer closing.Close()
	tests := []struct {
		name    string
		host    string
		wantErr string
	}{
		{name: "nothing listens once the list excludes the runner", host: "127.0.0.1:1"},
		{name: "unreachable a moment after the list changed", host: strings.TrimPrefix(closing.URL, "https://")},
		{name: "still answering outside the list", host: strings.TrimPrefix(open.URL, "https://"), wantErr: "(runner 198.51.100.7 outside it), still reachable after 1s"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := newLifecycleEnv(t)
			saved := logger.Default
			logger.Default = logger.Discard
			defer func() { logger.Default = saved }()
			if err := os.MkdirAll(e.ws.Dir, 0o755); err != nil {
				t.Fatal(err)
			}
			ft := &fakeT{}
			r := newRun(ft, example{name: "fake", ui: true}, RunNames{RunID: "mfdt-ui-fak", Prefix: "mfdt-ui", Suffix: "fak"}, "us-west-2", e.ws, e.src, io.Discard)
			r.tfBinary, r.runnerIP, r.certARN = e.script, "198.51.100.7", fakeCert
			r.uiRevokeGrace, r.uiRevokePoll = time.Second, 50*time.Millisecond
			r.extraEnv = map[string]string{"FAKE_TF_LOG": e.callLog, "FAKE_TF_OUTPUTS": e.outputs}
			setOptions(r, terraformOptions(r))
			r.out.UIALBDNSName = tc.host
			err := checkUIOutsideAllowList(t.Context(), r)
			switch {
			case tc.wantErr == "" && err != nil:
				t.Fatalf("unexpected error: %v", err)
			case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
				t.Fatalf("error %v, want %q", err, tc.wantErr)
			}
			raw, _ := os.ReadFile(e.callLog)
			var applies []string
			for _, l := range strings.Split(strings.TrimSpace(string(raw)), "\n") {
				f := strings.Fields(l)
				applies = append(applies, f[0]+" "+f[len(f)-2])
			}
			want := []string{`apply allow=["192.0.2.0/24"]`, `apply allow=["198.51.100.7/32"]`}
			if strings.Join(applies, "\n") != strings.Join(want, "\n") {
				t.Fatalf("terraform calls %q, want the list moved out and restored %q", applies, want)
			}
		})
	}
}
