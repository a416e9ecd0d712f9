package verify

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"
)

func fakeAWS(t *testing.T) string {
	t.Helper()
	p, err := filepath.Abs("testdata/fake-aws/aws")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func testKubeconfig(t *testing.T) Kubeconfig {
	t.Helper()
	cert, err := NewSelfSigned("kubernetes", time.Now(), time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	return Kubeconfig{
		ClusterName: "mfdt-abc123-eks",
		Endpoint:    "https://0123456789ABCDEF0123456789ABCDEF.gr7.us-west-2.eks.amazonaws.com",
		CAData:      base64.StdEncoding.EncodeToString(cert.CertPEM),
		Region:      "us-west-2",
		Namespace:   "metaflow",
		AWS:         "/usr/local/bin/aws",
	}
}

func TestWriteKubeconfig(t *testing.T) {
	k := testKubeconfig(t)
	path := filepath.Join(t.TempDir(), "e2e", "kubeconfig")
	// An existing, world-readable file is tightened, not just overwritten.
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := WriteKubeconfig(path, k); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", fi.Mode().Perm())
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// Parsed generically, as a YAML reader (PyYAML, client-go) sees it.
	var doc map[string]any
	if err := yaml.Unmarshal(b, &doc); err != nil {
		t.Fatalf("the kubeconfig is not YAML: %v\n%s", err, b)
	}
	var got struct {
		APIVersion     string `yaml:"apiVersion"`
		Kind           string `yaml:"kind"`
		CurrentContext string `yaml:"current-context"`
		Clusters       []struct {
			Name    string `yaml:"name"`
			Cluster struct {
				Server string `yaml:"server"`
				CA     string `yaml:"certificate-authority-data"`
			} `yaml:"cluster"`
		} `yaml:"clusters"`
		Contexts []struct {
			Name    string `yaml:"name"`
			Context struct {
				Cluster, User, Namespace string
			} `yaml:"context"`
		} `yaml:"contexts"`
		Users []struct {
			Name string `yaml:"name"`
			User struct {
				Exec struct {
					APIVersion      string   `yaml:"apiVersion"`
					Command         string   `yaml:"command"`
					Args            []string `yaml:"args"`
					InteractiveMode string   `yaml:"interactiveMode"`
				} `yaml:"exec"`
			} `yaml:"user"`
		} `yaml:"users"`
	}
	if err := yaml.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	if got.APIVersion != "v1" || got.Kind != "Config" || got.CurrentContext != k.ClusterName {
		t.Errorf("header: %+v", got)
	}
	if len(got.Clusters) != 1 || got.Clusters[0].Name != k.ClusterName || got.Clusters[0].Cluster.Server != k.Endpoint || got.Clusters[0].Cluster.CA != k.CAData {
		t.Errorf("clusters: %+v", got.Clusters)
	}
	if len(got.Contexts) != 1 || got.Contexts[0].Name != k.ClusterName || got.Contexts[0].Context.Cluster != k.ClusterName ||
		got.Contexts[0].Context.User != k.ClusterName || got.Contexts[0].Context.Namespace != "metaflow" {
		t.Errorf("contexts: %+v", got.Contexts)
	}
	wantArgs := []string{"--region", "us-west-2", "eks", "get-token", "--cluster-name", "mfdt-abc123-eks", "--output", "json"}
	if len(got.Users) != 1 || got.Users[0].Name != k.ClusterName {
		t.Fatalf("users: %+v", got.Users)
	}
	e := got.Users[0].User.Exec
	if e.APIVersion != "client.authentication.k8s.io/v1beta1" || e.Command != "/usr/local/bin/aws" || !slices.Equal(e.Args, wantArgs) || e.InteractiveMode != "Never" {
		t.Errorf("exec: %+v, want aws %v", e, wantArgs)
	}

	// kubectl, when there is one, reads it as the Kubernetes clients do.
	if kubectl, err := exec.LookPath("kubectl"); err == nil {
		out, err := exec.Command(kubectl, "--kubeconfig", path, "config", "view", "--minify", "-o", "json").Output()
		if err != nil {
			t.Fatalf("kubectl config view: %v", err)
		}
		var view struct {
			Clusters []struct {
				Cluster struct {
					Server string `json:"server"`
				} `json:"cluster"`
			} `json:"clusters"`
			Users []struct {
				User struct {
					Exec struct {
						Command string   `json:"command"`
						Args    []string `json:"args"`
					} `json:"exec"`
				} `json:"user"`
			} `json:"users"`
		}
		if err := json.Unmarshal(out, &view); err != nil || len(view.Clusters) != 1 || view.Clusters[0].Cluster.Server != k.Endpoint ||
			len(view.Users) != 1 || !slices.Equal(view.Users[0].User.Exec.Args, wantArgs) {
			t.Errorf("kubectl config view: %v\n%s", err, out)
		}
	}
}

func TestWriteKubeconfigRefusesWhatNoClientCanUse(t *testing.T) {
	good := testKubeconfig(t)
	cases := []struct {
		name    string
		mutate  func(*Kubeconfig)
		wantErr string
	}{
		{"no cluster name", func(k *Kubeconfig) { k.ClusterName = "" }, "no cluster name"},
		{"no region", func(k *Kubeconfig) { k.Region = "" }, "no region"},
		{"plain http endpoint", func(k *Kubeconfig) { k.Endpoint = "http://example.com" }, "is not https://HOST"},
		{"CA not base64", func(k *Kubeconfig) { k.CAData = "%%%" }, "not base64"},
		{"CA not PEM", func(k *Kubeconfig) { k.CAData = base64.StdEncoding.EncodeToString([]byte("hello")) }, "not a PEM certificate"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			k := good
			tc.mutate(&k)
			path := filepath.Join(t.TempDir(), "kubeconfig")
			err := WriteKubeconfig(path, k)
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("want error containing %q, got %v", tc.wantErr, err)
			}
			if _, err := os.Stat(path); err == nil {
				t.Errorf("a kubeconfig was written anyway")
			}
		})
	}
}

func TestFindAWSCLI(t *testing.T) {
	aws := fakeAWS(t)
	path, version, err := FindAWSCLI(context.Background(), aws, nil)
	if err != nil || path != aws || version != "2.27.31" {
		t.Fatalf("got %q %q %v", path, version, err)
	}
	for name, c := range map[string]struct {
		name string
		env  []string
		want string
	}{
		"missing":                {name: "/nonexistent/bin/aws", want: "/nonexistent/bin/aws not found"},
		"a shim without the CLI": {name: aws, env: []string{"FAKE_AWS_MODE=broken"}, want: "did not answer as the AWS CLI does"},
	} {
		t.Run(name, func(t *testing.T) {
			_, _, err := FindAWSCLI(context.Background(), c.name, c.env)
			var skip *E2ESkip
			if !errors.As(err, &skip) || !strings.Contains(skip.Reason, c.want) || !strings.Contains(skip.Reason, "install the AWS CLI v2") {
				t.Fatalf("want a skip containing %q and what to install, got %v", c.want, err)
			}
		})
	}
}

func TestCheckExecCredential(t *testing.T) {
	k := testKubeconfig(t)
	k.AWS = fakeAWS(t)
	const token = "fake-secret-token"
	cases := []struct {
		mode    string
		wantErr []string
	}{
		{mode: "ok"},
		{mode: "alpha", wantErr: []string{"answered client.authentication.k8s.io/v1alpha1, the kubeconfig asks for client.authentication.k8s.io/v1beta1: upgrade the AWS CLI"}},
		{mode: "nocreds", wantErr: []string{"aws --region us-west-2 eks get-token --cluster-name mfdt-abc123-eks --output json: exit status 253", "Unable to locate credentials"}},
		{mode: "garbage", wantErr: []string{"printed 51 bytes that are not an ExecCredential"}},
	}
	for _, tc := range cases {
		t.Run(tc.mode, func(t *testing.T) {
			expires, err := CheckExecCredential(context.Background(), k, []string{"FAKE_AWS_MODE=" + tc.mode, "PATH=" + os.Getenv("PATH")})
			if tc.wantErr == nil {
				if err != nil {
					t.Fatal(err)
				}
				if want := time.Date(2026, 11, 25, 16, 14, 0, 0, time.UTC); !expires.Equal(want) {
					t.Errorf("expires %v, want %v", expires, want)
				}
				return
			}
			if err == nil {
				t.Fatalf("want an error containing %q", tc.wantErr)
			}
			for _, want := range tc.wantErr {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error does not contain %q: %v", want, err)
				}
			}
			if strings.Contains(err.Error(), token) {
				t.Errorf("the token reached the error: %v", err)
			}
		})
	}
}
