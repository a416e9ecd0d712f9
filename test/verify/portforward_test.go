package verify

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func fakeKubectl(t *testing.T) string {
	t.Helper()
	p, err := filepath.Abs("testdata/fake-kubectl/kubectl")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestServiceFromInternalURL(t *testing.T) {
	cases := []struct {
		raw         string
		svc, ns     string
		port        int
		wantErr     bool
		description string
	}{
		{raw: "http://metaflow-service.metaflow.svc.cluster.local:8080/", svc: "metaflow-service", ns: "metaflow", port: 8080},
		{raw: "http://metaflow-service.metaflow.svc:8080", svc: "metaflow-service", ns: "metaflow", port: 8080},
		{raw: "http://ui.mf.svc.cluster.local/", svc: "ui", ns: "mf", port: 80},
		{raw: "http://internal-abc.elb.us-west-2.amazonaws.com:8080/", wantErr: true},
		{raw: "http://metaflow-service:8080/", wantErr: true},
		{raw: "http://a.b.svc.cluster.local:99999/", wantErr: true},
	}
	for _, tc := range cases {
		svc, ns, port, err := ServiceFromInternalURL(tc.raw)
		if tc.wantErr {
			if err == nil {
				t.Errorf("%s: want an error, got %s %s %d", tc.raw, svc, ns, port)
			}
			continue
		}
		if err != nil || svc != tc.svc || ns != tc.ns || port != tc.port {
			t.Errorf("%s: got %q %q %d %v, want %q %q %d", tc.raw, svc, ns, port, err, tc.svc, tc.ns, tc.port)
		}
	}
}

// forwardTarget is where the fake kubectl claims to forward: a local
// server standing in for the metadata service.
func forwardTarget(t *testing.T) (port int) {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/ping" {
			_, _ = w.Write([]byte("pong"))
			return
		}
		w.WriteHeader(http.StatusNotFound)
	}))
	t.Cleanup(srv.Close)
	u, _ := url.Parse(srv.URL)
	_, err := fmt.Sscanf(u.Port(), "%d", &port)
	if err != nil {
		t.Fatal(err)
	}
	return port
}

func testPortForward(t *testing.T, mode string, port int) (PortForward, string, *logLines) {
	t.Helper()
	dir := t.TempDir()
	calls := filepath.Join(dir, "calls")
	logs := &logLines{}
	return PortForward{
		Kubectl:      fakeKubectl(t),
		Kubeconfig:   filepath.Join(dir, "kubeconfig"),
		Namespace:    "metaflow",
		Service:      "metaflow-service",
		Port:         8080,
		Env:          append(os.Environ(), "FAKE_KUBECTL_MODE="+mode, "FAKE_KUBECTL_LOG="+calls, fmt.Sprintf("FAKE_KUBECTL_PORT=%d", port), "FAKE_KUBECTL_STATE="+filepath.Join(dir, "state")),
		Logf:         logs.logf,
		StartTimeout: 2 * time.Second,
		RestartPause: 10 * time.Millisecond,
	}, calls, logs
}

func readCalls(t *testing.T, path string) []string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimSpace(string(b)), "\n")
}

func TestPortForward(t *testing.T) {
	t.Run("forwards and answers until closed", func(t *testing.T) {
		port := forwardTarget(t)
		p, calls, logs := testPortForward(t, "ok", port)
		f, err := p.Start(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if want := fmt.Sprintf("http://127.0.0.1:%d/", port); f.URL != want || f.LocalPort != port {
			t.Errorf("URL %q port %d, want %q", f.URL, f.LocalPort, want)
		}
		resp, err := Get(context.Background(), http.DefaultClient, Request{URL: JoinURL(f.URL, "ping")})
		if err != nil || PingOK(resp) != nil {
			t.Errorf("ping through the forward: %v %+v", err, resp)
		}
		f.Close()
		got := readCalls(t, calls)
		want := "--kubeconfig " + p.Kubeconfig + " --namespace metaflow port-forward --address 127.0.0.1 service/metaflow-service :8080"
		if len(got) != 1 || got[0] != want {
			t.Errorf("kubectl calls %q, want [%q]", got, want)
		}
		if strings.Contains(logs.String(), "Handling connection") {
			t.Errorf("per-connection lines were logged:\n%s", logs)
		}
	})
	t.Run("kubectl that ends before forwarding is an error quoting it", func(t *testing.T) {
		p, _, _ := testPortForward(t, "fail", 1)
		_, err := p.Start(context.Background())
		if err == nil || !strings.Contains(err.Error(), "kubectl ended before forwarding (exit status 1): error: unable to forward port because pod is not running") {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("kubectl that never forwards times out", func(t *testing.T) {
		p, _, _ := testPortForward(t, "silent", 1)
		p.StartTimeout = 200 * time.Millisecond
		start := time.Now()
		_, err := p.Start(context.Background())
		if err == nil || !strings.Contains(err.Error(), "did not forward within 200ms") {
			t.Fatalf("got %v", err)
		}
		if time.Since(start) > 15*time.Second {
			t.Errorf("the timed-out kubectl took %s to go", time.Since(start))
		}
	})
	t.Run("a lost connection is forwarded again on the same port", func(t *testing.T) {
		port := forwardTarget(t)
		p, calls, logs := testPortForward(t, "dieonce", port)
		f, err := p.Start(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		deadline := time.Now().Add(10 * time.Second)
		for !strings.Contains(logs.String(), "restart 1/5: forwarding") {
			if time.Now().After(deadline) {
				t.Fatalf("no restart logged:\n%s", logs)
			}
			time.Sleep(20 * time.Millisecond)
		}
		got := readCalls(t, calls)
		if len(got) != 2 || !strings.HasSuffix(got[0], " :8080") || !strings.HasSuffix(got[1], fmt.Sprintf(" %d:8080", port)) {
			t.Errorf("kubectl calls %q: want a random port, then the same one again", got)
		}
		if !strings.Contains(logs.String(), "lost connection to pod") {
			t.Errorf("the reason kubectl ended was not logged:\n%s", logs)
		}
	})
	t.Run("no kubectl is a skip saying what to install", func(t *testing.T) {
		p, _, _ := testPortForward(t, "ok", 1)
		p.Kubectl = "/nonexistent/bin/kubectl"
		_, err := p.Start(context.Background())
		var skip *E2ESkip
		if !errors.As(err, &skip) || !strings.Contains(skip.Reason, "install kubectl") {
			t.Fatalf("got %v", err)
		}
	})
}
