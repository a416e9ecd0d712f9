package deploy

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/outerbounds/terraform-aws-metaflow/test/verify"
)

// e2e runs real Metaflow flows against the stack (METAFLOW_TEST_E2E=1; the
// stage can also be skipped with SKIP_e2e=1) and reads the runs back
// through the metadata API: on the Batch examples a two-step flow with
// --with batch; on EKS the same flow --with kubernetes, then deployed to
// Argo Workflows and triggered (eksE2E). Whoever set METAFLOW_TEST_E2E=1
// asked for this proof, so a runner without what the flows need (python3
// and the metaflow package; on EKS also the kubernetes package, the AWS
// CLI and, outside the VPC, kubectl) fails with what to install rather
// than passing without it.
func e2e(ctx context.Context, r *run) {
	t := r.t
	requireRun(r)
	var err error
	if r.ex.kubernetes {
		err = eksE2E(ctx, r)
	} else {
		err = batchE2E(ctx, r)
	}
	var skip *verify.E2ESkip
	switch {
	case errors.As(err, &skip):
		t.Errorf("e2e: %s=1 asks for a Metaflow flow end to end, which cannot run on this machine: %s (or unset %s)", e2eOptIn, skip.Reason, e2eOptIn)
	case err != nil:
		t.Errorf("e2e: %s", Redact(err.Error()))
		diagnose(r)
	}
}

// flowLogf logs the flows' output lines, which are Metaflow's own and name
// ARNs (account ids).
func flowLogf(r *run) func(string, ...any) {
	return func(f string, a ...any) { r.t.Log(Redact(fmt.Sprintf(f, a...))) }
}

// privateAPIE2E says why a private API's example runs no flow from a
// runner outside the VPC. That is no lack of the runner's (which would fail
// the stage, as a missing python3 does): Metaflow on the runner cannot reach
// METAFLOW_SERVICE_URL by design. The metadata-api-in-vpc job proved the
// API inside the VPC, and basic-aws-managed runs the flow.
const privateAPIE2E = "the metadata API is private (metadata_service_api_endpoint_type = \"PRIVATE\"), so Metaflow on this runner cannot reach METAFLOW_SERVICE_URL; " +
	"the metadata-api-in-vpc check called it from a Batch job in the VPC, and basic-aws-managed runs the flow through its regional API (" +
	inVPCOptIn + "=1 on a runner in the VPC or on its VPN runs it here)"

// batchE2E runs the flow --with batch and reads it back.
func batchE2E(ctx context.Context, r *run) error {
	return r.progress.Stage("e2e", func() error {
		if r.out.ProfileJSON == "" {
			if err := readOutputs(ctx, r); err != nil {
				return err
			}
		}
		if privateAPIOutside(r) {
			r.progress.Note("e2e: flow not run: %s", privateAPIE2E)
			return nil
		}
		profile, err := e2eProfile(ctx, r)
		if err != nil {
			return err
		}
		dir := filepath.Join(r.ws.Root, "e2e")
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return err
		}
		res, err := verify.RunE2EFlow(ctx, verify.E2EFlow{
			WorkDir: dir,
			Profile: profile,
			Timeout: 30 * time.Minute,
			Logf:    flowLogf(r),
		})
		if err != nil {
			return err
		}
		return verify.CheckE2ERun(ctx, r.http, r.out.ServiceURL, r.apiKey, res)
	})
}

// e2eProfile is the module's profile plus the API key: what a user puts in
// ~/.metaflowconfig.
func e2eProfile(ctx context.Context, r *run) ([]byte, error) {
	profile, err := e2eProfileValues(ctx, r)
	if err != nil {
		return nil, err
	}
	return json.Marshal(profile)
}

func e2eProfileValues(ctx context.Context, r *run) (map[string]string, error) {
	profile, err := r.out.Profile()
	if err != nil {
		return nil, err
	}
	if _, err := serviceHeaders(ctx, r); err != nil {
		return nil, err
	}
	if r.apiKey != "" {
		profile["METAFLOW_SERVICE_AUTH_KEY"] = r.apiKey
	}
	return profile, nil
}

// Budgets of the EKS flows; the stage's context (the checks' deadline)
// bounds them too.
const (
	eksFlowTimeout = 25 * time.Minute
	// The first request through a fresh port-forward or to a new NLB
	// target may take a while.
	eksServiceWait = 5 * time.Minute
)

// eksE2E is the proof of issue 16 that a user can run, deploy and schedule
// flows on the EKS stack: with the stack's profile as the only Metaflow
// config and a kubeconfig for the cluster (aws eks get-token),
//
//  1. e2e-setup: find the AWS CLI, write the kubeconfig, get one token with
//     it, and reach the metadata service: through its internal load
//     balancer (METAFLOW_SERVICE_URL) when the runner is in the VPC
//     (METAFLOW_TEST_RUNNER_IN_VPC=1), else through kubectl port-forward to
//     the service (the runner's METAFLOW_SERVICE_URL is the local end; the
//     step pods keep METAFLOW_SERVICE_INTERNAL_URL);
//  2. e2e-kubernetes: `run --with kubernetes:cpu=1,memory=2048`, then read
//     the run back through the metadata API;
//  3. e2e-argo: `--with kubernetes:... argo-workflows create`, `trigger`,
//     poll the metadata API until end has succeeded, check the run, and
//     `argo-workflows delete` whatever happened.
func eksE2E(ctx context.Context, r *run) error {
	var env *eksE2EEnv
	if err := r.progress.Stage("e2e-setup", func() error {
		var err error
		env, err = prepareEKSE2E(ctx, r)
		return err
	}); err != nil {
		return err
	}
	defer env.close()

	errK := r.progress.Stage("e2e-kubernetes", func() error {
		res, err := verify.RunE2EFlow(ctx, verify.E2EFlow{
			WorkDir:   filepath.Join(env.dir, "kubernetes"),
			Profile:   env.profile,
			Decorator: verify.KubernetesE2EDecorator,
			Modules:   []string{"kubernetes"},
			Timeout:   eksFlowTimeout,
			Logf:      flowLogf(r),
			Env:       env.flowEnv,
		})
		if err != nil {
			return err
		}
		if err := verify.CheckE2ERun(ctx, r.http, env.serviceURL, r.apiKey, res); err != nil {
			return err
		}
		r.progress.Note("e2e: %s ran on Kubernetes (metaflow %s); the metadata service has the run and both steps", res.Pathspec(), res.MetaflowVersion)
		return nil
	})
	var skip *verify.E2ESkip
	if errors.As(errK, &skip) {
		return errK // the Argo flow needs the same packages
	}
	errA := r.progress.Stage("e2e-argo", func() error {
		res, err := verify.RunArgoE2EFlow(ctx, verify.ArgoE2EFlow{
			Flow: verify.E2EFlow{
				WorkDir:   filepath.Join(env.dir, "argo"),
				Profile:   env.profile,
				Decorator: verify.KubernetesE2EDecorator,
				Timeout:   eksFlowTimeout,
				Logf:      flowLogf(r),
				Env:       env.flowEnv,
			},
			Run: verify.MetadataRunWaiter{Client: r.http, ServiceURL: env.serviceURL, APIKey: r.apiKey, Poll: pollHTTP, Logf: flowLogf(r)},
		})
		if err != nil {
			return err
		}
		r.progress.Note("e2e: %s was deployed to Argo Workflows, triggered and finished; the metadata service has the run and both steps", res.Pathspec())
		return nil
	})
	return errors.Join(errK, errA)
}

// eksE2EEnv is what the EKS flows share.
type eksE2EEnv struct {
	dir string
	// profile is the profile JSON the flows get; serviceURL is where the
	// runner reaches the metadata service (the profile's
	// METAFLOW_SERVICE_URL).
	profile    []byte
	serviceURL string
	// flowEnv points the Kubernetes client at the kubeconfig.
	flowEnv []string
	forward *verify.Forward
}

func (e *eksE2EEnv) close() {
	if e.forward != nil {
		e.forward.Close()
	}
}

// Profile keys the EKS flows need: where pods run and as whom, and the
// metadata URL pods use (the runner's may be a port-forward).
var eksE2EProfileKeys = []string{"METAFLOW_KUBERNETES_NAMESPACE", "METAFLOW_KUBERNETES_SERVICE_ACCOUNT", "METAFLOW_SERVICE_INTERNAL_URL"}

func prepareEKSE2E(ctx context.Context, r *run) (*eksE2EEnv, error) {
	if r.out.ProfileJSON == "" {
		if err := readOutputs(ctx, r); err != nil {
			return nil, err
		}
	}
	if r.out.EKSClusterName == "" || r.out.EKSClusterEndpoint == "" || r.out.EKSClusterCA == "" {
		return nil, fmt.Errorf("e2e: eks_cluster_name %q, eks_cluster_endpoint %q and eks_cluster_certificate_authority_data (%d chars) must all be set",
			r.out.EKSClusterName, r.out.EKSClusterEndpoint, len(r.out.EKSClusterCA))
	}
	profile, err := e2eProfileValues(ctx, r)
	if err != nil {
		return nil, err
	}
	for _, k := range eksE2EProfileKeys {
		if profile[k] == "" {
			return nil, fmt.Errorf("e2e: the profile has no %s; the Kubernetes flows need it", k)
		}
	}
	dir := filepath.Join(r.ws.Root, "e2e")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}

	awsPath, awsVersion, err := verify.FindAWSCLI(ctx, "", os.Environ())
	if err != nil {
		return nil, err
	}
	kc := verify.Kubeconfig{
		ClusterName: r.out.EKSClusterName,
		Endpoint:    r.out.EKSClusterEndpoint,
		CAData:      r.out.EKSClusterCA,
		Region:      r.region,
		Namespace:   profile["METAFLOW_KUBERNETES_NAMESPACE"],
		AWS:         awsPath,
	}
	kubeconfig := filepath.Join(dir, "kubeconfig")
	if err := verify.WriteKubeconfig(kubeconfig, kc); err != nil {
		return nil, err
	}
	expires, err := verify.CheckExecCredential(ctx, kc, os.Environ())
	if err != nil {
		return nil, err
	}
	r.progress.Note("e2e: kubeconfig %s for %s: aws eks get-token (AWS CLI %s) works, token valid until %s", kubeconfig, kc.ClusterName, awsVersion, expires.Format(time.RFC3339))

	env := &eksE2EEnv{dir: dir, flowEnv: []string{"KUBECONFIG=" + kubeconfig}}
	route, err := eksMetadataRoute(os.Getenv(inVPCOptIn) == "1", profile)
	if err != nil {
		return nil, err
	}
	if route.forward == nil {
		env.serviceURL = profile["METAFLOW_SERVICE_URL"]
		r.progress.Note("e2e: %s=1: Metaflow on the runner uses the profile's METAFLOW_SERVICE_URL %s (internal load balancer)", inVPCOptIn, env.serviceURL)
	} else {
		pf := *route.forward
		pf.Kubeconfig = kubeconfig
		pf.Logf = flowLogf(r)
		fwd, err := pf.Start(ctx)
		if err != nil {
			return nil, orInsideVPC(err)
		}
		env.forward = fwd
		env.serviceURL = fwd.URL
		profile["METAFLOW_SERVICE_URL"] = fwd.URL
		// A proxy of the runner's must not see the local end.
		env.flowEnv = append(env.flowEnv, noProxyLoopback(os.Getenv)...)
		r.progress.Note("e2e: the metadata service's load balancer is internal and %s is not 1: Metaflow on the runner reaches it through kubectl port-forward service/%s at %s; step pods keep METAFLOW_SERVICE_INTERNAL_URL %s",
			inVPCOptIn, pf.Service, fwd.URL, profile["METAFLOW_SERVICE_INTERNAL_URL"])
	}
	if env.profile, err = json.Marshal(profile); err != nil {
		env.close()
		return nil, err
	}
	headers, err := serviceHeaders(ctx, r)
	if err != nil {
		env.close()
		return nil, err
	}
	wctx, cancel := context.WithTimeout(ctx, eksServiceWait)
	defer cancel()
	backoff := verify.Backoff{Initial: 5 * time.Second, Max: 30 * time.Second, Logf: r.progress.Note}
	if _, err := verify.GetWithBackoff(wctx, r.http, verify.Request{URL: verify.JoinURL(env.serviceURL, "ping"), SecretHeaders: headers}, backoff, verify.PingOK); err != nil {
		env.close()
		return nil, fmt.Errorf("e2e: the metadata service does not answer ping at %s: %w", env.serviceURL, err)
	}
	return env, nil
}

// eksOutsideVPC is the other way to run the EKS e2e, named when kubectl is
// missing.
const eksOutsideVPC = "or run the test where the metadata service's internal load balancer answers (a runner inside the stack's VPC, or on a VPN to it) with " + inVPCOptIn + "=1"

// orInsideVPC adds the other way to a port-forward's skip (no kubectl).
func orInsideVPC(err error) error {
	var skip *verify.E2ESkip
	if errors.As(err, &skip) {
		return &verify.E2ESkip{Reason: skip.Reason + "; " + eksOutsideVPC}
	}
	return err
}

// noProxyLoopback keeps 127.0.0.1 out of the runner's HTTP proxy, if it
// has one, for the Metaflow client (Python's requests proxies loopback
// addresses unless NO_PROXY lists them).
func noProxyLoopback(getenv func(string) string) []string {
	var env []string
	for _, k := range []string{"NO_PROXY", "no_proxy"} {
		v := getenv(k)
		if v != "" {
			v += ","
		}
		env = append(env, k+"="+v+"127.0.0.1,localhost")
	}
	return env
}

// metadataRoute is how Metaflow on the runner reaches the EKS metadata
// service: directly (forward nil) or through a port-forward to the service
// METAFLOW_SERVICE_INTERNAL_URL names.
type metadataRoute struct {
	forward *verify.PortForward
}

func eksMetadataRoute(inVPC bool, profile map[string]string) (metadataRoute, error) {
	if inVPC {
		if profile["METAFLOW_SERVICE_URL"] == "" {
			return metadataRoute{}, errors.New("e2e: the profile has no METAFLOW_SERVICE_URL")
		}
		return metadataRoute{}, nil
	}
	svc, ns, port, err := verify.ServiceFromInternalURL(profile["METAFLOW_SERVICE_INTERNAL_URL"])
	if err != nil {
		return metadataRoute{}, fmt.Errorf("e2e: cannot port-forward to the metadata service: %w", err)
	}
	return metadataRoute{forward: &verify.PortForward{Namespace: ns, Service: svc, Port: port}}, nil
}
