package verify

import (
	"bytes"
	"context"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// Metaflow's Kubernetes and Argo Workflows integrations talk to the cluster
// with the `kubernetes` Python client, which reads the file KUBECONFIG names
// (and re-reads it every five minutes). The e2e check writes one for the
// stack's cluster whose user runs `aws eks get-token`, as
// `aws eks update-kubeconfig` does, so tokens are fresh for as long as the
// runner's AWS credentials are.

// ExecCredentialAPIVersion is the client.authentication.k8s.io version the
// kubeconfig asks of its exec credential plugin (AWS CLI v2 and v1 since
// 1.24 answer it; the older v1alpha1 is refused by current clients).
const ExecCredentialAPIVersion = "client.authentication.k8s.io/v1beta1"

// Kubeconfig is the cluster a kubeconfig file points a client at.
type Kubeconfig struct {
	// ClusterName is the EKS cluster's name (eks_cluster_name); it also
	// names the kubeconfig's cluster, user and context.
	ClusterName string
	// Endpoint is the API server URL (eks_cluster_endpoint), https://....
	Endpoint string
	// CAData is the cluster CA as EKS reports it: base64 of PEM
	// (eks_cluster_certificate_authority_data).
	CAData string
	// Region is where the cluster is; aws eks get-token signs for it.
	Region string
	// Namespace is the context's default namespace; "" leaves "default".
	Namespace string
	// AWS is the aws CLI the exec credential runs: a path, or a name
	// looked up in PATH by the client ("" means aws).
	AWS string
}

// ExecArgs are the arguments the kubeconfig's exec credential passes to the
// aws CLI. --output json overrides an `output = text` in the runner's AWS
// config, which would break the plugin's answer.
func (k Kubeconfig) ExecArgs() []string {
	return []string{"--region", k.Region, "eks", "get-token", "--cluster-name", k.ClusterName, "--output", "json"}
}

func (k Kubeconfig) awsCommand() string {
	if k.AWS == "" {
		return "aws"
	}
	return k.AWS
}

func (k Kubeconfig) validate() error {
	var problems []string
	if k.ClusterName == "" {
		problems = append(problems, "no cluster name")
	}
	if k.Region == "" {
		problems = append(problems, "no region")
	}
	if u, err := url.Parse(k.Endpoint); err != nil || u.Scheme != "https" || u.Host == "" {
		problems = append(problems, fmt.Sprintf("endpoint %q is not https://HOST", k.Endpoint))
	}
	if pemBytes, err := base64.StdEncoding.DecodeString(k.CAData); err != nil {
		problems = append(problems, "the CA data is not base64")
	} else if block, _ := pem.Decode(pemBytes); block == nil || block.Type != "CERTIFICATE" {
		problems = append(problems, "the CA data is not a PEM certificate")
	} else if _, err := x509.ParseCertificate(block.Bytes); err != nil {
		problems = append(problems, fmt.Sprintf("the CA certificate does not parse: %v", err))
	}
	if len(problems) > 0 {
		return fmt.Errorf("kubeconfig for %q: %s", k.ClusterName, strings.Join(problems, "; "))
	}
	return nil
}

// The kubeconfig file's shape (the parts clients read).
type (
	kubeconfigFile struct {
		APIVersion     string              `yaml:"apiVersion"`
		Kind           string              `yaml:"kind"`
		Clusters       []kubeconfigCluster `yaml:"clusters"`
		Contexts       []kubeconfigContext `yaml:"contexts"`
		CurrentContext string              `yaml:"current-context"`
		Users          []kubeconfigUser    `yaml:"users"`
	}
	kubeconfigCluster struct {
		Name    string `yaml:"name"`
		Cluster struct {
			Server                   string `yaml:"server"`
			CertificateAuthorityData string `yaml:"certificate-authority-data"`
		} `yaml:"cluster"`
	}
	kubeconfigContext struct {
		Name    string `yaml:"name"`
		Context struct {
			Cluster   string `yaml:"cluster"`
			User      string `yaml:"user"`
			Namespace string `yaml:"namespace,omitempty"`
		} `yaml:"context"`
	}
	kubeconfigUser struct {
		Name string `yaml:"name"`
		User struct {
			Exec kubeconfigExec `yaml:"exec"`
		} `yaml:"user"`
	}
	kubeconfigExec struct {
		APIVersion      string   `yaml:"apiVersion"`
		Command         string   `yaml:"command"`
		Args            []string `yaml:"args"`
		InteractiveMode string   `yaml:"interactiveMode"`
	}
)

// WriteKubeconfig writes the kubeconfig for k to path, readable by its owner
// only, with one cluster, one user whose exec credential runs
// `aws --region R eks get-token --cluster-name NAME --output json`, and one
// context, the current one.
func WriteKubeconfig(path string, k Kubeconfig) error {
	if err := k.validate(); err != nil {
		return err
	}
	var f kubeconfigFile
	f.APIVersion, f.Kind, f.CurrentContext = "v1", "Config", k.ClusterName
	var c kubeconfigCluster
	c.Name = k.ClusterName
	c.Cluster.Server = k.Endpoint
	c.Cluster.CertificateAuthorityData = k.CAData
	var ctxEntry kubeconfigContext
	ctxEntry.Name = k.ClusterName
	ctxEntry.Context.Cluster, ctxEntry.Context.User, ctxEntry.Context.Namespace = k.ClusterName, k.ClusterName, k.Namespace
	var u kubeconfigUser
	u.Name = k.ClusterName
	u.User.Exec = kubeconfigExec{
		APIVersion: ExecCredentialAPIVersion,
		Command:    k.awsCommand(),
		Args:       k.ExecArgs(),
		// Never prompt: nobody answers a prompt in a test run.
		InteractiveMode: "Never",
	}
	f.Clusters, f.Contexts, f.Users = []kubeconfigCluster{c}, []kubeconfigContext{ctxEntry}, []kubeconfigUser{u}
	b, err := yaml.Marshal(f)
	if err != nil {
		return fmt.Errorf("kubeconfig: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("kubeconfig: %w", err)
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		return fmt.Errorf("kubeconfig: writing %s: %w", path, err)
	}
	// An existing file keeps its old mode on WriteFile.
	if err := os.Chmod(path, 0o600); err != nil {
		return fmt.Errorf("kubeconfig: restricting %s: %w", path, err)
	}
	return nil
}

// AWSCLIInstall is what a runner without a working aws CLI is told.
const AWSCLIInstall = "install the AWS CLI v2 (https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html): the kubeconfig's credential plugin runs `aws eks get-token`"

// FindAWSCLI resolves the aws CLI (name "" means aws) and asks its version
// (`aws --version`, e.g. "aws-cli/2.27.31"). A missing or broken CLI is an
// *E2ESkip saying what to install.
func FindAWSCLI(ctx context.Context, name string, env []string) (path, version string, err error) {
	if name == "" {
		name = "aws"
	}
	path, err = exec.LookPath(name)
	if err != nil {
		return "", "", &E2ESkip{Reason: fmt.Sprintf("%s not found (%v); %s", name, err, AWSCLIInstall)}
	}
	pctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	cmd := exec.CommandContext(pctx, path, "--version")
	cmd.Env = env
	out, err := cmd.CombinedOutput()
	fields := strings.Fields(string(out))
	if err != nil || len(fields) == 0 || !strings.HasPrefix(fields[0], "aws-cli/") {
		return "", "", &E2ESkip{Reason: fmt.Sprintf("%s --version did not answer as the AWS CLI does (%v: %s); %s", path, err, Snippet(out), AWSCLIInstall)}
	}
	return path, strings.TrimPrefix(fields[0], "aws-cli/"), nil
}

// CheckExecCredential runs the kubeconfig's credential plugin once, as a
// Kubernetes client would (KUBERNETES_EXEC_INFO set), and checks that it
// answers an ExecCredential of ExecCredentialAPIVersion with an EKS token.
// The token is neither returned nor quoted. It returns when the token
// expires.
func CheckExecCredential(ctx context.Context, k Kubeconfig, env []string) (time.Time, error) {
	pctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(pctx, k.awsCommand(), k.ExecArgs()...)
	cmd.Env = append(append([]string(nil), env...),
		`KUBERNETES_EXEC_INFO={"kind":"ExecCredential","apiVersion":"`+ExecCredentialAPIVersion+`","spec":{"interactive":false}}`)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	what := fmt.Sprintf("%s %s", filepath.Base(k.awsCommand()), strings.Join(k.ExecArgs(), " "))
	if err := cmd.Run(); err != nil {
		return time.Time{}, fmt.Errorf("kubeconfig credential: %s: %v: %s", what, err, Snippet(stderr.Bytes()))
	}
	var cred struct {
		Kind       string `json:"kind"`
		APIVersion string `json:"apiVersion"`
		Status     struct {
			Token               string `json:"token"`
			ExpirationTimestamp string `json:"expirationTimestamp"`
		} `json:"status"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &cred); err != nil {
		// stdout may hold a token: say only how long it was.
		return time.Time{}, fmt.Errorf("kubeconfig credential: %s printed %d bytes that are not an ExecCredential: %v", what, stdout.Len(), err)
	}
	switch {
	case cred.Kind != "ExecCredential":
		return time.Time{}, fmt.Errorf("kubeconfig credential: %s answered kind %q, want ExecCredential", what, cred.Kind)
	case cred.APIVersion != ExecCredentialAPIVersion:
		return time.Time{}, fmt.Errorf("kubeconfig credential: %s answered %s, the kubeconfig asks for %s: upgrade the AWS CLI (v2, or v1 1.24 or later)", what, cred.APIVersion, ExecCredentialAPIVersion)
	case !strings.HasPrefix(cred.Status.Token, "k8s-aws-v1."):
		return time.Time{}, fmt.Errorf("kubeconfig credential: %s answered no EKS token (status.token is not k8s-aws-v1...)", what)
	}
	expires, err := time.Parse(time.RFC3339, cred.Status.ExpirationTimestamp)
	if err != nil {
		return time.Time{}, fmt.Errorf("kubeconfig credential: %s: expirationTimestamp %q: %v", what, cred.Status.ExpirationTimestamp, err)
	}
	return expires, nil
}
