package deploy

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/batch"
	batchtypes "github.com/aws/aws-sdk-go-v2/service/batch/types"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/aws/aws-sdk-go-v2/service/eks"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sts"
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

// readOutputs reads every output with Terratest's logger discarded (the JSON
// holds sensitive values in clear) and keeps what the checks need.
func readOutputs(ctx context.Context, r *run) error {
	all, err := terraform.OutputAllContextE(r.t, ctx, r.quiet)
	if err != nil {
		return err
	}
	r.out, r.secrets, err = ParseStackOutputs(all)
	if err != nil {
		return err
	}
	r.exampleOut = all
	r.progress.Note("queue=%q service_url=%q bucket=%q ui_alb=%q eks=%q api_key=%s",
		r.out.BatchJobQueue, r.out.ServiceURL, r.out.BucketName, r.out.UIALBDNSName, r.out.EKSClusterName,
		verify.MaskSecret(r.secrets.ServiceAuthKey))
	return nil
}

// requestedDBVersion is the db_engine_version the run asked for: the
// example's literal if it sets one, else the root module's default.
func requestedDBVersion(ws Workspace) (string, error) {
	info, err := InspectExample(ws.Dir)
	if err != nil {
		return "", err
	}
	if v := info.ModuleLiterals["db_engine_version"]; v != "" {
		return v, nil
	}
	root, err := loadModule(ws.Root)
	if err != nil {
		return "", err
	}
	v, ok := root.Variables["db_engine_version"]
	if !ok {
		return "", errors.New("the root module declares no db_engine_version")
	}
	s, ok := v.Default.(string)
	if !ok || s == "" {
		return "", fmt.Errorf("db_engine_version default %v is not a version string", v.Default)
	}
	return s, nil
}

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
		path = filepath.Join(r.ws.Dir, path)
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

// checkDatabase checks the run's database (identifiers start with its
// prefix): available, encrypted, private, PostgreSQL of the requested major
// version, in the VPC's private subnets.
func checkDatabase(ctx context.Context, r *run) error {
	version, err := requestedDBVersion(r.ws)
	if err != nil {
		return err
	}
	subnets, err := PrivateSubnets(ctx, ec2.NewFromConfig(r.cfg), r.out.VPCID)
	if err != nil {
		return err
	}
	api := rds.NewFromConfig(r.cfg)
	want := verify.DatabaseExpectations{Prefix: r.names.Prefix + "-", Engine: verify.EnginePostgres, MajorVersion: version, SubnetIDs: subnets}
	return verify.WaitFor(ctx, pollAWS, func(ctx context.Context) error {
		report, err := verify.CheckDatabase(ctx, api, want)
		if err == nil {
			r.progress.Note("rds: instances %v clusters %v: %s %s, available, encrypted, private, subnets %v",
				report.Instances, report.Clusters, report.Engine, report.EngineVersion, report.SubnetIDs)
		}
		return err
	})
}

// checkStepFunctions checks the Step Functions table and the two roles the
// profile names, each trusted by the service that assumes it.
func checkStepFunctions(ctx context.Context, r *run) error {
	if err := verify.WaitFor(ctx, pollAWS, func(ctx context.Context) error {
		return verify.CheckStepFunctionsTable(ctx, dynamodb.NewFromConfig(r.cfg), r.out.SFNTable)
	}); err != nil {
		return err
	}
	api := iam.NewFromConfig(r.cfg)
	if err := verify.CheckRoleTrust(ctx, api, r.out.SFNRole, verify.StatesPrincipal); err != nil {
		return err
	}
	if err := verify.CheckRoleTrust(ctx, api, r.out.EventsRole, verify.EventsPrincipal); err != nil {
		return err
	}
	r.progress.Note("step functions: table %s ACTIVE with TTL; roles trusted by %s and %s", r.out.SFNTable, verify.StatesPrincipal, verify.EventsPrincipal)
	return nil
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
	return runSmokeJob(ctx, r, "smoke", r.out.BatchJobQueue, r.queue.ComputeEnvironments[0])
}

// checkSpotBatchJob runs the smoke job through the queue of
// batch_job_queue_arns named queue, which must feed only SPOT compute
// environments: Spot capacity (the Spot Fleet role, the allocation
// strategy) is proven only by a job that ran on it.
func checkSpotBatchJob(queue string) func(context.Context, *run) error {
	return func(ctx context.Context, r *run) error {
		arn := r.out.BatchJobQueues[queue]
		if arn == "" {
			return fmt.Errorf("output batch_job_queue_arns has no queue %q (has %v)", queue, slices.Sorted(maps.Keys(r.out.BatchJobQueues)))
		}
		api := batch.NewFromConfig(r.cfg)
		var report verify.QueueReport
		if err := verify.WaitFor(ctx, pollAWS, func(ctx context.Context) (err error) {
			report, err = verify.CheckJobQueue(ctx, api, arn)
			return err
		}); err != nil {
			return err
		}
		if err := spotOnly(report); err != nil {
			return err
		}
		for _, ce := range report.ComputeEnvironments {
			r.progress.Note("batch: queue %s -> compute environment %s (SPOT) VALID/ENABLED", report.Name, ce.Name)
		}
		return runSmokeJob(ctx, r, "spot-smoke", arn, report.ComputeEnvironments[0])
	}
}

// spotOnly fails unless every compute environment of the queue is SPOT, so
// a job through it cannot have run on On-Demand capacity.
func spotOnly(report verify.QueueReport) error {
	if len(report.ComputeEnvironments) == 0 {
		return fmt.Errorf("batch: queue %s feeds no compute environment", report.Name)
	}
	for _, ce := range report.ComputeEnvironments {
		if ce.ResourceType != batchtypes.CRTypeSpot {
			return fmt.Errorf("batch: queue %s feeds compute environment %s of type %s, want only SPOT", report.Name, ce.Name, ce.ResourceType)
		}
	}
	return nil
}

// smokeJobFor is a job of the run on the queue, as Metaflow's Batch steps
// run: the task role, and on Fargate the profile's execution role.
func smokeJobFor(r *run, name, queue string, ce verify.ComputeEnvironment) (verify.SmokeJob, error) {
	var profile map[string]string
	if err := json.Unmarshal([]byte(r.out.ProfileJSON), &profile); err != nil {
		return verify.SmokeJob{}, fmt.Errorf("reading the profile for the execution role: %w", err)
	}
	return verify.SmokeJob{
		Name:             r.names.Prefix + "-deploy-" + name,
		Queue:            queue,
		Fargate:          ce.Fargate(),
		JobRoleARN:       r.out.S3AccessRole,
		ExecutionRoleARN: profile["METAFLOW_ECS_FARGATE_EXECUTION_ROLE"],
		Tags:             map[string]string{RunTagKey: r.names.RunID},
		PollInterval:     pollAWS,
		Logf:             r.progress.Note,
	}, nil
}

// runSmokeJob runs one smoke job through the queue and reports how long it
// took and waited for capacity.
func runSmokeJob(ctx context.Context, r *run, name, queue string, ce verify.ComputeEnvironment) error {
	job, err := smokeJobFor(r, name, queue, ce)
	if err != nil {
		return err
	}
	res, err := verify.RunSmokeJob(ctx, batch.NewFromConfig(r.cfg), job)
	if err == nil {
		r.progress.Note("batch: %s job %s SUCCEEDED on %s in %s (%s waiting for capacity)", name, res.JobID, ce.Name, round(res.Duration), round(res.RunnableFor))
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
			names, err := verify.CheckECSServices(ctx, api, r.names.Prefix+"-", minServices)
			if err == nil {
				r.progress.Note("ecs: services %v run all their tasks", names)
			}
			return err
		})
	}
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

// smokeImage is a public image with python3, as Metaflow's default step
// image is.
const smokeImage = "public.ecr.aws/docker/library/python:3.12-slim"

// checkKubernetesPod runs a pod as Metaflow runs a step: in the stack's
// namespace, under the profile's service account, which must carry the task
// role (IRSA). It talks to the cluster's public endpoint with an EKS token
// made from the runner's credentials.
func checkKubernetesPod(ctx context.Context, r *run) error {
	profile, err := r.out.Profile()
	if err != nil {
		return err
	}
	out, err := eks.NewFromConfig(r.cfg).DescribeCluster(ctx, &eks.DescribeClusterInput{Name: &r.out.EKSClusterName})
	if err != nil {
		return fmt.Errorf("eks: describing %s: %w", r.out.EKSClusterName, err)
	}
	if out.Cluster == nil || out.Cluster.Endpoint == nil || out.Cluster.CertificateAuthority == nil || out.Cluster.CertificateAuthority.Data == nil {
		return fmt.Errorf("eks: %s reports no endpoint or CA", r.out.EKSClusterName)
	}
	ca, err := base64.StdEncoding.DecodeString(*out.Cluster.CertificateAuthority.Data)
	if err != nil {
		return fmt.Errorf("eks: %s CA: %w", r.out.EKSClusterName, err)
	}
	token, err := verify.EKSToken(ctx, sts.NewPresignClient(sts.NewFromConfig(r.cfg)), r.out.EKSClusterName)
	if err != nil {
		return err
	}
	kube, err := verify.NewKubeAPI(*out.Cluster.Endpoint, ca, token)
	if err != nil {
		return err
	}
	rep, err := verify.RunSmokePod(ctx, kube, verify.SmokePod{
		Namespace:      profile["METAFLOW_KUBERNETES_NAMESPACE"],
		ServiceAccount: profile["METAFLOW_KUBERNETES_SERVICE_ACCOUNT"],
		Image:          smokeImage,
		WantRoleARN:    r.out.S3AccessRole,
	}, pollAWS)
	if err == nil {
		r.progress.Note("kubernetes: pod %s ran on %s as %s: %s", rep.Name, rep.Node, profile["METAFLOW_KUBERNETES_SERVICE_ACCOUNT"], rep.Log)
	}
	return err
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
	// modules/services installs these charts on the basic-eks shape.
	return verify.CheckHelmReleases(releases, []string{"metaflow-service", "metaflow-ui", "cluster-autoscaler", "argo-workflows"})
}

// shape returns a check that the stack's outputs match the example's shape.
func shape(rules map[string]bool) func(context.Context, *run) error {
	return func(_ context.Context, r *run) error {
		got := map[string]string{
			"METAFLOW_BATCH_JOB_QUEUE":             r.out.BatchJobQueue,
			"METAFLOW_SERVICE_URL":                 r.out.ServiceURL,
			"METAFLOW_SFN_IAM_ROLE":                r.out.SFNRole,
			"eks_cluster_name":                     r.out.EKSClusterName,
			"migration_function_arn":               r.out.MigrationFunction,
			"metadata_service_api_vpc_endpoint_id": r.out.APIVPCEndpointID,
			"ui_alb_arn":                           r.out.UIALBARN,
		}
		var errs []error
		for _, name := range slices.Sorted(maps.Keys(rules)) {
			if isSet := got[name] != ""; isSet != rules[name] {
				errs = append(errs, fmt.Errorf("%s set = %t, want %t for this example", name, isSet, rules[name]))
			}
		}
		return errors.Join(errs...)
	}
}

// checkProfileResources resolves every value of the module's profile: the
// bucket, queue and roles exist, the service URL answers.
func checkProfileResources(ctx context.Context, r *run) error {
	profile, err := r.out.Profile()
	if err != nil {
		return err
	}
	headers, err := serviceHeaders(ctx, r)
	if err != nil {
		return err
	}
	deps := verify.ProfileDeps{
		S3:             s3.NewFromConfig(r.cfg),
		Batch:          batch.NewFromConfig(r.cfg),
		IAM:            iam.NewFromConfig(r.cfg),
		DynamoDB:       dynamodb.NewFromConfig(r.cfg),
		HTTP:           r.http,
		ServiceHeaders: headers,
	}
	if r.out.EKSClusterName != "" {
		deps.Skip = map[string]string{"METAFLOW_SERVICE_URL": "on EKS the metadata service is behind an internal load balancer (checked by metadata-api)"}
	}
	if privateAPIOutside(r) {
		deps.Skip = map[string]string{"METAFLOW_SERVICE_URL": privateAPIOutsideVPC}
	}
	return verify.WaitFor(ctx, pollAWS, func(ctx context.Context) error {
		report, err := verify.CheckProfileResources(ctx, deps, profile)
		if err == nil {
			r.progress.Note("profile: resolved %v; not resolvable from here: %v", report.Checked, report.Unchecked)
		}
		return err
	})
}
