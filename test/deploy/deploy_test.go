package deploy

import (
	"slices"
	"testing"
	"time"

	"github.com/zclconf/go-cty/cty"
)

// Checks every ECS-based example runs, in order: cheap ones first, the Batch
// smoke job (up to 25 minutes when capacity is cold) last. profile-resources
// pings METAFLOW_SERVICE_URL, so it follows metadata-api, which waits for
// the service to warm up. ecsServiceCount is how many ECS services the
// example runs (metadata; UI backend and frontend).
func ecsChecks(ecsServiceCount int, extra ...check) []check {
	checks := []check{
		{name: "profile", timeout: time.Minute, fn: checkProfile},
		{name: "s3", timeout: 2 * time.Minute, fn: checkBucket},
		{name: "rds", timeout: 10 * time.Minute, fn: checkDatabase},
		{name: "batch-queue", timeout: 10 * time.Minute, fn: checkBatchQueue},
		{name: "ecs", timeout: 12 * time.Minute, fn: ecsServices(ecsServiceCount)},
		{name: "metadata-api", timeout: 20 * time.Minute, fn: checkMetadataAPI},
		{name: "profile-resources", timeout: 5 * time.Minute, fn: checkProfileResources},
		{name: "metadata-roundtrip", timeout: 5 * time.Minute, fn: checkMetadataRoundTrip},
	}
	checks = append(checks, extra...)
	return append(checks, check{name: "batch-job", timeout: 25 * time.Minute, fn: checkBatchJob})
}

// minimalExample runs the example with its metadata API private (the
// module creates the execute-api endpoint; about $0.02 more per run): the
// runner outside the VPC checks what it can from there (metadata-api), and
// a Batch job on the stack's queue calls the API from inside the VPC
// (metadata-api-in-vpc). basic-aws-managed keeps the regional API.
func minimalExample() example {
	return example{
		name:   "minimal",
		short:  "min",
		dir:    "examples/minimal",
		batch:  true,
		inputs: []Input{{Name: "metadata_service_api_endpoint_type", Value: cty.StringVal("PRIVATE")}},
		checks: append([]check{{name: "shape", timeout: time.Minute, fn: shape(map[string]bool{
			"METAFLOW_BATCH_JOB_QUEUE": true, "METAFLOW_SERVICE_URL": true, "migration_function_arn": true,
			"metadata_service_api_vpc_endpoint_id": true, "ui_alb_arn": false, "eks_cluster_name": false,
		})}}, ecsChecks(1, privateAPICheck)...),
	}
}

// privateAPICheck calls a private metadata API from inside the VPC, in a
// Batch job: up to 25 minutes for cold capacity, like batch-job, plus the
// job's own wait for the API.
var privateAPICheck = check{name: "metadata-api-in-vpc", timeout: 30 * time.Minute, fn: checkMetadataAPIInVPC}

func basicAWSManagedExample() example {
	return example{
		name:  "basic-aws-managed",
		short: "bam",
		dir:   "examples/basic-aws-managed",
		ui:    true,
		batch: true,
		// The probes come from the internet, limited to the runner's address
		// by ui_allow_list (set per run); the example's default is internal.
		inputs: []Input{{Name: "metaflow_ui_is_public", Value: cty.True}},
		checks: append(append([]check{{name: "shape", timeout: time.Minute, fn: shape(map[string]bool{
			"METAFLOW_BATCH_JOB_QUEUE": true, "METAFLOW_SERVICE_URL": true, "METAFLOW_SFN_IAM_ROLE": true,
			"migration_function_arn": true, "metadata_service_api_vpc_endpoint_id": false, "ui_alb_arn": true, "eks_cluster_name": false,
		})}}, ecsChecks(3,
			check{name: "step-functions", timeout: 5 * time.Minute, fn: checkStepFunctions},
			check{name: "ui", timeout: 25 * time.Minute, fn: checkUI},
		)...),
			// The example's Spot queue; Spot capacity can take longer to
			// be granted than On-Demand.
			check{name: "batch-spot-job", timeout: 30 * time.Minute, fn: checkSpotBatchJob("spot")},
			// Last: it re-applies twice (allow list out and back).
			check{name: "ui-outside-allow-list", timeout: 15 * time.Minute, fn: checkUIOutsideAllowList}),
	}
}

func basicEKSExample() example {
	return example{
		name:  "basic-eks",
		short: "eks",
		dir:   "examples/basic-eks",
		optIn: eksOptIn,
		// METAFLOW_TEST_E2E=1: a flow --with kubernetes and one deployed
		// to Argo Workflows (harness_e2e_test.go).
		kubernetes: true,
		checks: []check{
			{name: "shape", timeout: time.Minute, fn: shape(map[string]bool{
				"eks_cluster_name": true, "METAFLOW_BATCH_JOB_QUEUE": false, "migration_function_arn": false, "ui_alb_arn": false,
			})},
			{name: "profile", timeout: time.Minute, fn: checkProfile},
			{name: "s3", timeout: 2 * time.Minute, fn: checkBucket},
			{name: "rds", timeout: 10 * time.Minute, fn: checkDatabase},
			{name: "eks", timeout: 15 * time.Minute, fn: checkEKS},
			{name: "helm", timeout: 3 * time.Minute, fn: checkHelm},
			{name: "metadata-api", timeout: 15 * time.Minute, fn: checkEKSMetadataAPI},
			{name: "kubernetes-pod", timeout: 10 * time.Minute, fn: checkKubernetesPod},
			{name: "profile-resources", timeout: 5 * time.Minute, fn: checkProfileResources},
		},
	}
}

func deployExamples() []example {
	return []example{minimalExample(), basicAWSManagedExample(), basicEKSExample()}
}

func TestDeployMinimal(t *testing.T) { runExample(t, minimalExample()) }

func TestDeployBasicAWSManaged(t *testing.T) { runExample(t, basicAWSManagedExample()) }

func TestDeployBasicEKS(t *testing.T) { runExample(t, basicEKSExample()) }

// TestServiceProbesFollowTheWarmUp: the metadata service answers only
// minutes after apply (image pull, NLB target health, API Gateway's VPC
// link); metadata-api waits for it with a generous budget. A check that
// probes METAFLOW_SERVICE_URL with a shorter budget must come after it, or
// a slow but healthy start fails the run.
func TestServiceProbesFollowTheWarmUp(t *testing.T) {
	probes := []string{"profile-resources", "metadata-roundtrip", "metadata-api-in-vpc"}
	for _, ex := range deployExamples() {
		warm := slices.IndexFunc(ex.checks, func(c check) bool { return c.name == "metadata-api" })
		if warm < 0 {
			continue // no ECS metadata service (EKS: the URL is not probed from here)
		}
		for i, c := range ex.checks {
			if slices.Contains(probes, c.name) && i < warm {
				t.Errorf("%s: %s (check %d) probes the service URL before metadata-api (check %d) has waited for it to warm up", ex.name, c.name, i, warm)
			}
		}
	}
}
