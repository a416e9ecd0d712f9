package deploy

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/outerbounds/terraform-aws-metaflow/test/verify"
)

// TestE2EExamples: the Batch examples run the Batch flow, basic-eks the
// Kubernetes and Argo flows; nothing else has an e2e stage.
func TestE2EExamples(t *testing.T) {
	for _, ex := range deployExamples() {
		want := ex.name != "basic-eks"
		if ex.batch != want || ex.kubernetes == want {
			t.Errorf("%s: batch %t kubernetes %t", ex.name, ex.batch, ex.kubernetes)
		}
	}
}

func TestEKSMetadataRoute(t *testing.T) {
	profile := map[string]string{
		"METAFLOW_SERVICE_URL":          "http://internal-a1b2.elb.us-west-2.amazonaws.com:8080/",
		"METAFLOW_SERVICE_INTERNAL_URL": "http://metaflow-service.metaflow.svc.cluster.local:8080/",
	}
	cases := []struct {
		name    string
		inVPC   bool
		mutate  func(map[string]string)
		forward *verify.PortForward
		wantErr string
	}{
		{name: "in the VPC: the load balancer, no port-forward", inVPC: true},
		{name: "in the VPC without a service URL", inVPC: true, mutate: func(p map[string]string) { delete(p, "METAFLOW_SERVICE_URL") }, wantErr: "no METAFLOW_SERVICE_URL"},
		{name: "outside: port-forward to the in-cluster service", forward: &verify.PortForward{Namespace: "metaflow", Service: "metaflow-service", Port: 8080}},
		{name: "outside, but the internal URL is no in-cluster one", mutate: func(p map[string]string) {
			p["METAFLOW_SERVICE_INTERNAL_URL"] = "http://internal-a1b2.elb.us-west-2.amazonaws.com:8080/"
		}, wantErr: "cannot port-forward to the metadata service"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := map[string]string{}
			for k, v := range profile {
				p[k] = v
			}
			if tc.mutate != nil {
				tc.mutate(p)
			}
			route, err := eksMetadataRoute(tc.inVPC, p)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("want error containing %q, got %v", tc.wantErr, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if (route.forward == nil) != (tc.forward == nil) || (tc.forward != nil && (route.forward.Namespace != tc.forward.Namespace ||
				route.forward.Service != tc.forward.Service || route.forward.Port != tc.forward.Port)) {
				t.Errorf("forward %+v, want %+v", route.forward, tc.forward)
			}
		})
	}
}

// TestEKSE2ESkipLine: without kubectl (and outside the VPC) the e2e stage
// fails with one line naming both ways out.
func TestEKSE2ESkipLine(t *testing.T) {
	_, err := verify.PortForward{Kubectl: "/nonexistent/bin/kubectl", Kubeconfig: "k", Namespace: "metaflow", Service: "metaflow-service", Port: 8080}.Start(t.Context())
	err = orInsideVPC(err)
	var skip *verify.E2ESkip
	if !errors.As(err, &skip) {
		t.Fatalf("want a skip, got %v", err)
	}
	for _, want := range []string{"install kubectl", "inside the stack's VPC, or on a VPN to it", "METAFLOW_TEST_RUNNER_IN_VPC=1"} {
		if !strings.Contains(skip.Reason, want) {
			t.Errorf("%q lacks %q", skip.Reason, want)
		}
	}
	if strings.Contains(skip.Reason, "\n") {
		t.Errorf("not one line: %q", skip.Reason)
	}
	if other := orInsideVPC(errors.New("boom")); other.Error() != "boom" {
		t.Errorf("a plain error became %v", other)
	}
}

func TestNoProxyLoopback(t *testing.T) {
	env := map[string]string{"NO_PROXY": "internal.example.com"}
	got := noProxyLoopback(func(k string) string { return env[k] })
	want := []string{"NO_PROXY=internal.example.com,127.0.0.1,localhost", "no_proxy=127.0.0.1,localhost"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}
