package deploy

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestPublicIPv4(t *testing.T) {
	serve := func(status int, body string) *httptest.Server {
		return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			w.WriteHeader(status)
			_, _ = w.Write([]byte(body))
		}))
	}
	good := serve(200, "198.51.100.7\n")
	defer good.Close()
	down := serve(503, "")
	defer down.Close()
	html := serve(200, "<html>captive portal</html>")
	defer html.Close()
	private := serve(200, "10.1.2.3")
	defer private.Close()
	v6 := serve(200, "2001:db8::1")
	defer v6.Close()

	ip, err := PublicIPv4(context.Background(), http.DefaultClient, []string{down.URL, html.URL, good.URL})
	if err != nil || ip != "198.51.100.7" {
		t.Fatalf("fallback to the third service: %q %v", ip, err)
	}
	_, err = PublicIPv4(context.Background(), http.DefaultClient, []string{down.URL, private.URL, v6.URL})
	for _, want := range []string{"status 503", "not a public address", "not an IPv4 address"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v, want it to name %q", err, want)
		}
	}
}
