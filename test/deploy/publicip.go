package deploy

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
)

// PublicIPServices answer with the caller's public IPv4 address as plain
// text. The UI's security group admits the test runner by that address.
var PublicIPServices = []string{"https://checkip.amazonaws.com/", "https://api.ipify.org/"}

// PublicIPv4 asks each service in turn and returns the first valid public
// IPv4 address, or an error naming what each answered.
func PublicIPv4(ctx context.Context, client HTTPDoer, services []string) (string, error) {
	var errs []error
	for _, url := range services {
		ip, err := askIP(ctx, client, url)
		if err == nil {
			return ip, nil
		}
		errs = append(errs, fmt.Errorf("%s: %w", url, err))
	}
	return "", errors.Join(errs...)
}

func askIP(ctx context.Context, client HTTPDoer, url string) (string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return "", err
	}
	resp, err := client.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 256))
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("status %d", resp.StatusCode)
	}
	s := strings.TrimSpace(string(body))
	ip := net.ParseIP(s)
	if ip == nil || ip.To4() == nil {
		return "", fmt.Errorf("answer %q is not an IPv4 address", oneLine(s))
	}
	if ip.IsPrivate() || ip.IsLoopback() || ip.IsUnspecified() || ip.IsLinkLocalUnicast() {
		return "", fmt.Errorf("answer %s is not a public address", s)
	}
	return ip.To4().String(), nil
}

// tcp4Client dials IPv4 only: the services above and the UI load balancer
// are reached over IPv4, so the address found is the one the ALB sees.
func tcp4Client() *http.Client {
	d := &net.Dialer{}
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.DialContext = func(ctx context.Context, _, addr string) (net.Conn, error) { return d.DialContext(ctx, "tcp4", addr) }
	return &http.Client{Transport: tr}
}
