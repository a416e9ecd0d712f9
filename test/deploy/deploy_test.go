package deploy

import (
	"os"
	"testing"
	"time"
)

// uiCertificateEnv names the ACM certificate (in the test region) the
// basic-aws-managed example's UI listener needs; nothing can make one offline.
const uiCertificateEnv = "METAFLOW_TEST_UI_CERTIFICATE_ARN"

// Checks every ECS-based example runs, in order: cheap ones first, the Batch
// smoke job (up to 25 minutes when capacity is cold) last. ecsServiceCount is
// how many ECS services the example runs (metadata; UI backend and frontend).
func ecsChecks(ecsServiceCount int, extra ...check) []check {
	checks := []check{
		{name: "profile", timeout: time.Minute, fn: checkProfile},
		{name: "s3", timeout: 2 * time.Minute, fn: checkBucket},
		{name: "rds", timeout: 10 * time.Minute, fn: checkDatabase},
		{name: "batch-queue", timeout: 10 * time.Minute, fn: checkBatchQueue},
		{name: "ecs", timeout: 12 * time.Minute, fn: ecsServices(ecsServiceCount)},
		{name: "metadata-api", timeout: 20 * time.Minute, fn: checkMetadataAPI},
	}
	checks = append(checks, extra...)
	return append(checks, check{name: "batch-job", timeout: 25 * time.Minute, fn: checkBatchJob})
}

func minimalExample() example {
	return example{
		name: "minimal",
		dir:  "examples/minimal",
		checks: append([]check{{name: "shape", timeout: time.Minute, fn: shape(map[string]bool{
			"METAFLOW_BATCH_JOB_QUEUE": true, "METAFLOW_SERVICE_URL": true, "migration_function_arn": true,
			"ui_alb_arn": false, "eks_cluster_name": false,
		})}}, ecsChecks(1)...),
	}
}

func basicAWSManagedExample() example {
	return example{
		name: "basic-aws-managed",
		dir:  "examples/basic-aws-managed",
		env:  map[string]string{uiCertificateEnv: "ARN of an ACM certificate in the test region for the UI's HTTPS listener"},
		vars: func(*run) map[string]any {
			return map[string]any{"ui_certificate_arn": os.Getenv(uiCertificateEnv)}
		},
		checks: append([]check{{name: "shape", timeout: time.Minute, fn: shape(map[string]bool{
			"METAFLOW_BATCH_JOB_QUEUE": true, "METAFLOW_SERVICE_URL": true, "METAFLOW_SFN_IAM_ROLE": true,
			"migration_function_arn": true, "ui_alb_arn": true, "eks_cluster_name": false,
		})}}, ecsChecks(3, check{name: "ui", timeout: 25 * time.Minute, fn: checkUI})...),
	}
}

func basicEKSExample() example {
	return example{
		name: "basic-eks",
		dir:  "examples/basic-eks",
		checks: []check{
			{name: "shape", timeout: time.Minute, fn: shape(map[string]bool{
				"eks_cluster_name": true, "METAFLOW_BATCH_JOB_QUEUE": false, "migration_function_arn": false, "ui_alb_arn": false,
			})},
			{name: "profile", timeout: time.Minute, fn: checkProfile},
			{name: "s3", timeout: 2 * time.Minute, fn: checkBucket},
			{name: "rds", timeout: 10 * time.Minute, fn: checkDatabase},
			{name: "eks", timeout: 15 * time.Minute, fn: checkEKS},
			{name: "helm", timeout: 3 * time.Minute, fn: checkHelm},
		},
	}
}

func deployExamples() []example {
	return []example{minimalExample(), basicAWSManagedExample(), basicEKSExample()}
}

func TestDeployMinimal(t *testing.T) { runExample(t, minimalExample()) }

func TestDeployBasicAWSManaged(t *testing.T) { runExample(t, basicAWSManagedExample()) }

func TestDeployBasicEKS(t *testing.T) { runExample(t, basicEKSExample()) }
