package deploy

import (
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/apigateway"
	"github.com/aws/aws-sdk-go-v2/service/batch"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/aws/aws-sdk-go-v2/service/eks"
	elb "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/gruntwork-io/terratest/modules/terraform"

	"github.com/outerbounds/terraform-aws-metaflow/test/verify"
)

// How often the waits poll. AWS settles in minutes; these keep API calls low.
const (
	pollAWS  = 20 * time.Second
	pollHTTP = 15 * time.Second
)

// Example outputs every example provides for its user (checked offline by
// TestExamplesProvideWhatDeployTestsRead).
const (
	exampleProfileJSON = "metaflow_profile_json"
	exampleProfilePath = "metaflow_profile_path"
)

// checkProfile compares the profile the module outputs with the stack's other
// outputs, and the profile file the example writes with both.
func checkProfile(_ context.Context, r *run) error {
	want := map[string]string{
		"METAFLOW_DATASTORE_SYSROOT_S3": "",
		"METAFLOW_DATATOOLS_S3ROOT":     "",
		"METAFLOW_DEFAULT_DATASTORE":    "s3",
	}
	if r.out.BatchJobQueue != "" {
		want["METAFLOW_BATCH_JOB_QUEUE"] = r.out.BatchJobQueue
		want["METAFLOW_ECS_S3_ACCESS_IAM_ROLE"] = r.out.S3AccessRole
	}
	if r.out.ServiceURL != "" {
		want["METAFLOW_SERVICE_URL"] = r.out.ServiceURL
		want["METAFLOW_DEFAULT_METADATA"] = "service"
	}
	if r.out.SFNRole != "" {
		want["METAFLOW_SFN_IAM_ROLE"] = r.out.SFNRole
		want["METAFLOW_SFN_DYNAMO_DB_TABLE"] = r.out.SFNTable
	}
	if r.out.KubernetesNS != "" {
		want["METAFLOW_KUBERNETES_NAMESPACE"] = r.out.KubernetesNS
	}
	profile, err := verify.CheckProfile(r.out.ProfileJSON, want, r.secrets.ServiceAuthKey)
	if err != nil {
		return fmt.Errorf("module output metaflow_aws_managed_profile_json: %w", err)
	}
	if root := "s3://" + r.out.BucketName + "/"; !strings.HasPrefix(profile["METAFLOW_DATASTORE_SYSROOT_S3"], root) {
		return fmt.Errorf("profile sys root %q is not in the stack's bucket %s", profile["METAFLOW_DATASTORE_SYSROOT_S3"], root)
	}

	exampleJSON, _ := r.exampleOut[exampleProfileJSON].(string)
	if exampleJSON != r.out.ProfileJSON {
		return fmt.Errorf("example output %s differs from the module's metaflow_aws_managed_profile_json", exampleProfileJSON)
	}
	path, _ := r.exampleOut[exampleProfilePath].(string)
	if path == "" {
		return fmt.Errorf("example output %s is missing", exampleProfilePath)
	}
	if !filepath.IsAbs(path) {
		path = filepath.Join(r.dir, path)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("reading the profile the example wrote: %w", err)
	}
	var written map[string]string
	if err := json.Unmarshal(raw, &written); err != nil {
		return fmt.Errorf("profile file %s is not a JSON object of strings: %w", path, err)
	}
	for k, v := range profile {
		if written[k] != v {
			return fmt.Errorf("profile file %s: %s differs from the module's profile", path, k)
		}
	}
	key := r.secrets.ServiceAuthKey
	if key == "" {
		return nil
	}
	// With an API key the file is the complete profile: key included, owner-only.
	if written["METAFLOW_SERVICE_AUTH_KEY"] != key {
		return fmt.Errorf("profile file %s: METAFLOW_SERVICE_AUTH_KEY is %s, want the stack's API key", path, verify.MaskSecret(written["METAFLOW_SERVICE_AUTH_KEY"]))
	}
	info, err := os.Stat(path)
	if err != nil {
		return err
	}
	if perm := info.Mode().Perm(); perm&0o077 != 0 {
		return fmt.Errorf("profile file %s holds the API key but has mode %v; want no group/other access", path, perm)
	}
	return nil
}

// checkBucket checks the datastore bucket's encryption and public access block.
func checkBucket(ctx context.Context, r *run) error {
	return verify.CheckBucket(ctx, s3.NewFromConfig(r.cfg), r.out.BucketName, r.out.BucketKMSKeyARN)
}

// checkDatabase checks every RDS instance/cluster of this run (named with its prefix).
func checkDatabase(ctx context.Context, r *run) error {
	api := rds.NewFromConfig(r.cfg)
	return verify.WaitFor(ctx, pollAWS, func(ctx context.Context) error {
		report, err := verify.CheckDatabases(ctx, api, r.prefix+"-")
		if err == nil {
			r.progress.Note("rds: instances %v clusters %v available, encrypted, private", report.Instances, report.Clusters)
		}
		return err
	})
}

// checkBatchQueue checks the job queue and its compute environments.
func checkBatchQueue(ctx context.Context, r *run) error {
	api := batch.NewFromConfig(r.cfg)
	return verify.WaitFor(ctx, pollAWS, func(ctx context.Context) error {
		report, err := verify.CheckJobQueue(ctx, api, r.out.BatchJobQueue)
		if err == nil {
			r.queue = &report
			for _, ce := range report.ComputeEnvironments {
				r.progress.Note("batch: queue %s -> compute environment %s (%s) VALID/ENABLED", report.Name, ce.Name, ce.ResourceType)
			}
		}
		return err
	})
}

// checkBatchJob runs a real job through the queue: the only check that
// catches jobs stuck in RUNNABLE (no capacity can be placed).
func checkBatchJob(ctx context.Context, r *run) error {
	if r.queue == nil || len(r.queue.ComputeEnvironments) == 0 {
		return errors.New("not run: the batch queue check did not pass")
	}
	ce := r.queue.ComputeEnvironments[0]
	var profile map[string]string
	if err := json.Unmarshal([]byte(r.out.ProfileJSON), &profile); err != nil {
		return fmt.Errorf("reading the profile for the execution role: %w", err)
	}
	res, err := verify.RunSmokeJob(ctx, batch.NewFromConfig(r.cfg), verify.SmokeJob{
		Name:             r.prefix + "-deploy-smoke",
		Queue:            r.out.BatchJobQueue,
		Fargate:          ce.Fargate(),
		JobRoleARN:       r.out.S3AccessRole,
		ExecutionRoleARN: profile["METAFLOW_ECS_FARGATE_EXECUTION_ROLE"],
		PollInterval:     pollAWS,
		Logf:             r.progress.Note,
	})
	if err == nil {
		r.progress.Note("batch: smoke job %s SUCCEEDED in %s (%s waiting for capacity)", res.JobID, round(res.Duration), round(res.RunnableFor))
	}
	return err
}

// ecsServices returns a check that the run's ECS services (metadata service,
// UI backend and frontend) run all their tasks; when they do not, it says why
// their last task stopped, which a failing HTTP probe cannot.
func ecsServices(minServices int) func(context.Context, *run) error {
	return func(ctx context.Context, r *run) error {
		api := ecs.NewFromConfig(r.cfg)
		return verify.WaitFor(ctx, pollAWS, func(ctx context.Context) error {
			names, err := verify.CheckECSServices(ctx, api, r.prefix+"-", minServices)
			if err == nil {
				r.progress.Note("ecs: services %v run all their tasks", names)
			}
			return err
		})
	}
}

// checkMetadataAPI probes the metadata service through METAFLOW_SERVICE_URL,
// the API Gateway stage URL. METAFLOW_SERVICE_INTERNAL_URL (the internal NLB)
// only answers inside the VPC, so from the test runner it is only checked for
// its form; Batch jobs use it from inside.
func checkMetadataAPI(ctx context.Context, r *run) error {
	if r.out.ServiceURL == "" {
		return errors.New("METAFLOW_SERVICE_URL is empty (users report exactly this when API Gateway is off)")
	}
	if !strings.HasPrefix(r.out.ServiceInternalURL, "http://") || !strings.HasSuffix(r.out.ServiceInternalURL, "/") {
		return fmt.Errorf("METAFLOW_SERVICE_INTERNAL_URL %q is not http://HOST/", r.out.ServiceInternalURL)
	}
	key := r.secrets.ServiceAuthKey
	if key == "" && r.out.APIKeyID != "" {
		var err error
		if key, err = verify.FetchAPIKey(ctx, apigateway.NewFromConfig(r.cfg), r.out.APIKeyID); err != nil {
			return err
		}
	}
	headers := map[string]string{}
	if key != "" {
		headers["x-api-key"] = key
	}
	r.progress.Note("metadata API %s (x-api-key %s)", r.out.ServiceURL, verify.MaskSecret(key))
	get := func(path string, timeout time.Duration, v verify.Validator) error {
		wctx, cancel := context.WithTimeout(ctx, timeout)
		defer cancel()
		_, err := verify.GetUntil(wctx, r.http, verify.Request{URL: verify.JoinURL(r.out.ServiceURL, path), SecretHeaders: headers}, pollHTTP, v)
		return err
	}

	// The ECS service, NLB health checks and API Gateway take minutes to line up.
	if err := get("ping", 12*time.Minute, verify.PingOK); err != nil {
		return fmt.Errorf("ping: %w", err)
	}
	if key != "" {
		resp, err := verify.Get(ctx, r.http, verify.Request{URL: verify.JoinURL(r.out.ServiceURL, "ping")})
		if err != nil {
			return fmt.Errorf("ping without key: %w", err)
		}
		if resp.Status != http.StatusForbidden {
			return fmt.Errorf("ping without the API key answered %d, want 403: the API is open", resp.Status)
		}
	}
	// The README's step after apply: run the migration function, then the
	// schema must be current and the API must serve from the database.
	if r.out.MigrationFunction != "" {
		summary, err := verify.InvokeMigration(ctx, lambda.NewFromConfig(r.cfg), r.out.MigrationFunction)
		if err != nil {
			return err
		}
		r.progress.Note("migration function answered: %s", summary)
	}
	if err := get("db_schema_status", 3*time.Minute, verify.SchemaUpToDate); err != nil {
		return fmt.Errorf("db_schema_status: %w", err)
	}
	if err := get("flows", 3*time.Minute, verify.FlowsListed); err != nil {
		return fmt.Errorf("flows: %w", err)
	}
	return nil
}

// checkUI checks the UI load balancer and, when it is internet-facing, probes
// it. The probes skip certificate verification: the certificate is for the
// user's host name, not the ALB's DNS name; routing is what is tested here.
func checkUI(ctx context.Context, r *run) error {
	api := elb.NewFromConfig(r.cfg)
	var report verify.ALBReport
	if err := verify.WaitFor(ctx, pollAWS, func(ctx context.Context) error {
		var err error
		report, err = verify.CheckUIALB(ctx, api, r.out.UIALBARN, verify.ALBExpectations{})
		return err
	}); err != nil {
		return err
	}
	if report.DNSName != r.out.UIALBDNSName {
		return fmt.Errorf("ui_alb_dns_name %q is not the ALB's DNS name %q", r.out.UIALBDNSName, report.DNSName)
	}
	r.progress.Note("ui: ALB %s active, HTTPS policy %s, HTTP redirects", report.DNSName, report.TLSPolicy)
	if !report.Public {
		r.progress.Note("ui: ALB is internal; HTTP probes skipped (reachable only from inside the VPC)")
		return nil
	}
	client := &http.Client{
		Timeout: 30 * time.Second,
		Transport: &http.Transport{
			Proxy:           http.ProxyFromEnvironment,
			TLSClientConfig: &tls.Config{InsecureSkipVerify: true}, //nolint:gosec // see the function comment
		},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	redirects := func(resp verify.Response) error {
		if resp.Status != http.StatusMovedPermanently || !strings.HasPrefix(resp.Location, "https://") {
			return fmt.Errorf("status %d to %q, want 301 to https://", resp.Status, resp.Location)
		}
		return nil
	}
	probes := []struct {
		url string
		v   verify.Validator
	}{
		{"http://" + report.DNSName + "/", redirects},
		{"https://" + report.DNSName + "/", verify.WantStatus(http.StatusOK)},
		{"https://" + report.DNSName + "/api/ping", verify.WantStatus(http.StatusOK)},
	}
	for _, p := range probes {
		wctx, cancel := context.WithTimeout(ctx, 10*time.Minute)
		_, err := verify.GetUntil(wctx, client, verify.Request{URL: p.url}, pollHTTP, p.v)
		cancel()
		if err != nil {
			return err
		}
	}
	return nil
}

// checkEKS checks the cluster and its node groups.
func checkEKS(ctx context.Context, r *run) error {
	api := eks.NewFromConfig(r.cfg)
	name := r.out.EKSClusterName
	if name == "" {
		return errors.New("eks_cluster_name output is empty")
	}
	return verify.WaitFor(ctx, pollAWS, func(ctx context.Context) error {
		report, err := verify.CheckCluster(ctx, api, name)
		if err == nil {
			r.progress.Note("eks: %s ACTIVE, Kubernetes %s, node groups %v", report.Name, report.Version, report.Nodegroups)
		}
		return err
	})
}

// checkHelm reads the helm_release resources from state (helm records the
// release status there) with logging off: the state holds the DB password.
func checkHelm(ctx context.Context, r *run) error {
	state, err := terraform.ShowContextE(r.t, ctx, r.quiet)
	if err != nil {
		return fmt.Errorf("terraform show: %w", err)
	}
	releases, err := verify.HelmReleasesFromState([]byte(state))
	if err != nil {
		return err
	}
	for _, rel := range releases {
		r.progress.Note("helm: %s/%s chart %s %s: %s", rel.Namespace, rel.Name, rel.Chart, rel.Version, rel.Status)
	}
	// modules/services installs these three charts on the basic-eks shape.
	return verify.CheckHelmReleases(releases, []string{"metaflow-service", "metaflow-ui", "cluster-autoscaler"})
}

// shape returns a check that the stack's outputs match the example's shape.
func shape(rules map[string]bool) func(context.Context, *run) error {
	return func(_ context.Context, r *run) error {
		got := map[string]string{
			"METAFLOW_BATCH_JOB_QUEUE": r.out.BatchJobQueue,
			"METAFLOW_SERVICE_URL":     r.out.ServiceURL,
			"METAFLOW_SFN_IAM_ROLE":    r.out.SFNRole,
			"eks_cluster_name":         r.out.EKSClusterName,
			"migration_function_arn":   r.out.MigrationFunction,
			"ui_alb_arn":               r.out.UIALBARN,
		}
		var errs []error
		for _, name := range sortedKeys(rules) {
			if isSet := got[name] != ""; isSet != rules[name] {
				errs = append(errs, fmt.Errorf("%s set = %t, want %t for this example", name, isSet, rules[name]))
			}
		}
		return errors.Join(errs...)
	}
}
