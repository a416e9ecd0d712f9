package verify

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

// KubeAPI makes the few Kubernetes API calls the smoke pod needs, over HTTPS
// with a bearer token: no kubeconfig, kubectl or client-go.
type KubeAPI struct {
	Endpoint string
	Token    string
	HTTP     *http.Client
}

// NewKubeAPI trusts only the cluster's CA (PEM, as EKS reports it base64
// encoded in certificateAuthority.data).
func NewKubeAPI(endpoint string, caPEM []byte, token string) (*KubeAPI, error) {
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(caPEM) {
		return nil, errors.New("kubernetes: the cluster CA is not a PEM certificate")
	}
	return &KubeAPI{
		Endpoint: strings.TrimSuffix(endpoint, "/"),
		Token:    token,
		HTTP: &http.Client{
			Timeout:   30 * time.Second,
			Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}},
		},
	}, nil
}

// STSPresigner is the part of sts.PresignClient EKSToken needs.
type STSPresigner interface {
	PresignGetCallerIdentity(ctx context.Context, in *sts.GetCallerIdentityInput, optFns ...func(*sts.PresignOptions)) (*v4.PresignedHTTPRequest, error)
}

// EKSToken makes the bearer token `aws eks get-token` makes: a presigned STS
// GetCallerIdentity URL bound to the cluster by the x-k8s-aws-id header.
func EKSToken(ctx context.Context, p STSPresigner, cluster string) (string, error) {
	req, err := p.PresignGetCallerIdentity(ctx, &sts.GetCallerIdentityInput{}, func(o *sts.PresignOptions) {
		o.ClientOptions = append(o.ClientOptions, sts.WithAPIOptions(
			smithyhttp.AddHeaderValue("x-k8s-aws-id", cluster),
			smithyhttp.AddHeaderValue("X-Amz-Expires", "60"),
		))
	})
	if err != nil {
		return "", fmt.Errorf("eks token: presigning GetCallerIdentity: %w", err)
	}
	return "k8s-aws-v1." + base64.RawURLEncoding.EncodeToString([]byte(req.URL)), nil
}

// kubeStatus is the body the API server answers an error with.
type kubeStatus struct {
	Kind    string `json:"kind"`
	Message string `json:"message"`
	Reason  string `json:"reason"`
	Code    int    `json:"code"`
}

func (k *KubeAPI) do(ctx context.Context, method, path string, body any, want ...int) ([]byte, int, error) {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return nil, 0, err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, k.Endpoint+path, rd)
	if err != nil {
		return nil, 0, err
	}
	req.Header.Set("Authorization", "Bearer "+k.Token)
	req.Header.Set("Accept", "application/json")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := k.HTTP.Do(req)
	if err != nil {
		return nil, 0, fmt.Errorf("kubernetes: %s %s: %w", method, path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return nil, resp.StatusCode, fmt.Errorf("kubernetes: %s %s: reading the answer: %w", method, path, err)
	}
	for _, w := range want {
		if resp.StatusCode == w {
			return b, resp.StatusCode, nil
		}
	}
	var st kubeStatus
	if json.Unmarshal(b, &st) == nil && st.Kind == "Status" {
		return b, resp.StatusCode, fmt.Errorf("kubernetes: %s %s: %d %s: %s", method, path, resp.StatusCode, st.Reason, st.Message)
	}
	return b, resp.StatusCode, fmt.Errorf("kubernetes: %s %s: status %d", method, path, resp.StatusCode)
}

// SmokePod is a one-shot pod run as Metaflow's step pods are.
type SmokePod struct {
	Namespace      string
	ServiceAccount string
	Image          string
	// WantRoleARN is the role IRSA must give the pod (AWS_ROLE_ARN, which
	// EKS's pod identity webhook injects from the service account).
	WantRoleARN string
}

// SmokeReport is what a passing smoke pod showed.
type SmokeReport struct {
	Name string
	Node string
	Log  string
}

const smokeMarker = "metaflow-smoke role="

// RunSmokePod creates the pod, waits for it to finish, reads its log and
// deletes it whatever happened. It passes when the pod succeeded on a node
// and printed the role IRSA gave it.
func RunSmokePod(ctx context.Context, k *KubeAPI, s SmokePod, poll time.Duration) (rep SmokeReport, err error) {
	pods := "/api/v1/namespaces/" + url.PathEscape(s.Namespace) + "/pods"
	manifest := map[string]any{
		"apiVersion": "v1",
		"kind":       "Pod",
		"metadata":   map[string]any{"generateName": "metaflow-smoke-", "labels": map[string]string{"app.kubernetes.io/name": "metaflow-smoke"}},
		"spec": map[string]any{
			"serviceAccountName": s.ServiceAccount,
			"restartPolicy":      "Never",
			"containers": []map[string]any{{
				"name":    "smoke",
				"image":   s.Image,
				"command": []string{"python3", "-c", "import os; print('" + smokeMarker + "' + os.environ.get('AWS_ROLE_ARN', ''))"},
			}},
		},
	}
	b, _, err := k.do(ctx, http.MethodPost, pods, manifest, http.StatusCreated)
	if err != nil {
		return rep, err
	}
	var created struct {
		Metadata struct {
			Name string `json:"name"`
		} `json:"metadata"`
	}
	if err := json.Unmarshal(b, &created); err != nil || created.Metadata.Name == "" {
		return rep, fmt.Errorf("kubernetes: the created pod has no name (%v)", err)
	}
	rep.Name = created.Metadata.Name
	pod := pods + "/" + url.PathEscape(rep.Name)
	defer func() {
		// A fresh context: the pod must go even when ctx has expired.
		dctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
		defer cancel()
		if _, _, derr := k.do(dctx, http.MethodDelete, pod, nil, http.StatusOK, http.StatusAccepted, http.StatusNotFound); derr != nil {
			err = errors.Join(err, fmt.Errorf("deleting smoke pod %s: %w", rep.Name, derr))
		}
	}()
	var phase string
	for {
		b, _, err := k.do(ctx, http.MethodGet, pod, nil, http.StatusOK)
		if err != nil {
			return rep, err
		}
		var p struct {
			Spec struct {
				NodeName string `json:"nodeName"`
			} `json:"spec"`
			Status struct {
				Phase string `json:"phase"`
			} `json:"status"`
		}
		if err := json.Unmarshal(b, &p); err != nil {
			return rep, fmt.Errorf("kubernetes: pod %s: %w", rep.Name, err)
		}
		phase, rep.Node = p.Status.Phase, p.Spec.NodeName
		if phase == "Succeeded" || phase == "Failed" {
			break
		}
		select {
		case <-ctx.Done():
			return rep, fmt.Errorf("smoke pod %s still %s: %w", rep.Name, phase, context.Cause(ctx))
		case <-time.After(poll):
		}
	}
	logs, _, err := k.do(ctx, http.MethodGet, pod+"/log", nil, http.StatusOK)
	if err != nil {
		return rep, err
	}
	rep.Log = strings.TrimSpace(string(logs))
	if phase != "Succeeded" {
		return rep, fmt.Errorf("smoke pod %s on node %q ended %s; log: %s", rep.Name, rep.Node, phase, rep.Log)
	}
	if want := smokeMarker + s.WantRoleARN; !strings.Contains(rep.Log, want) {
		return rep, fmt.Errorf("smoke pod %s printed %q, want %q: the service account %s does not carry the task role (IRSA)", rep.Name, rep.Log, want, s.ServiceAccount)
	}
	return rep, nil
}
