package verify

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/batch"
	batchtypes "github.com/aws/aws-sdk-go-v2/service/batch/types"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// BucketHeadAPI is the part of the S3 client that tells whether a bucket
// exists and is ours to read.
type BucketHeadAPI interface {
	HeadBucket(ctx context.Context, in *s3.HeadBucketInput, optFns ...func(*s3.Options)) (*s3.HeadBucketOutput, error)
}

// JobQueueAPI is the part of the Batch client that tells whether a job queue
// exists.
type JobQueueAPI interface {
	DescribeJobQueues(ctx context.Context, in *batch.DescribeJobQueuesInput, optFns ...func(*batch.Options)) (*batch.DescribeJobQueuesOutput, error)
}

// ProfileDeps are the clients CheckProfileResources resolves profile values
// with. A client may be nil when no key of the profile needs it.
type ProfileDeps struct {
	S3       BucketHeadAPI
	Batch    JobQueueAPI
	IAM      IAMAPI
	DynamoDB DynamoDBTableAPI
	HTTP     HTTPDoer
	// ServiceHeaders are sent to METAFLOW_SERVICE_URL, as the client sends
	// METAFLOW_SERVICE_HEADERS (the x-api-key); never shown in errors.
	ServiceHeaders map[string]string
	// Skip names keys the caller knows cannot be resolved from where the
	// test runs, with why (e.g. an EKS stack's METAFLOW_SERVICE_URL that
	// only answers inside the VPC). They are reported as unchecked.
	Skip map[string]string
}

// ProfileReport says what CheckProfileResources did with each key, as
// "KEY: detail" lines sorted by key.
type ProfileReport struct {
	Checked   []string
	Unchecked []string
}

type profileCheck func(ctx context.Context, deps ProfileDeps, value string) (string, error)

// profileCheckers resolve the keys modules/profile writes that name AWS
// resources or endpoints.
var profileCheckers = map[string]profileCheck{
	"METAFLOW_BATCH_JOB_QUEUE":            checkProfileQueue,
	"METAFLOW_DATASTORE_SYSROOT_S3":       checkProfileS3URL,
	"METAFLOW_DATATOOLS_S3ROOT":           checkProfileS3URL,
	"METAFLOW_DEFAULT_DATASTORE":          checkProfileLiteral("s3"),
	"METAFLOW_DEFAULT_METADATA":           checkProfileLiteral("service"),
	"METAFLOW_ECS_FARGATE_EXECUTION_ROLE": checkProfileRole,
	"METAFLOW_ECS_S3_ACCESS_IAM_ROLE":     checkProfileRole,
	"METAFLOW_EVENTS_SFN_ACCESS_IAM_ROLE": checkProfileRole,
	"METAFLOW_SERVICE_URL":                checkProfileService,
	"METAFLOW_SFN_DYNAMO_DB_TABLE":        checkProfileTable,
	"METAFLOW_SFN_IAM_ROLE":               checkProfileRole,
}

// profileUnchecked are the other keys modules/profile writes, with why they
// are not resolved here.
var profileUnchecked = map[string]string{
	"METAFLOW_ARGO_EVENTS_EVENT":                "an event name inside the cluster",
	"METAFLOW_ARGO_EVENTS_EVENT_BUS":            "a Kubernetes name; resolving it needs the cluster's API",
	"METAFLOW_ARGO_EVENTS_EVENT_SOURCE":         "a Kubernetes name; resolving it needs the cluster's API",
	"METAFLOW_ARGO_EVENTS_INTERNAL_WEBHOOK_URL": "answers only inside the cluster",
	"METAFLOW_ARGO_EVENTS_SENSOR_NAMESPACE":     "a Kubernetes name; resolving it needs the cluster's API",
	"METAFLOW_ARGO_EVENTS_SERVICE_ACCOUNT":      "a Kubernetes name; resolving it needs the cluster's API",
	"METAFLOW_ARGO_EVENTS_WEBHOOK_URL":          "answers only inside the cluster",
	"METAFLOW_ARGO_WORKFLOWS_UI_URL":            "answers only inside the VPC (internal load balancer)",
	"METAFLOW_KUBERNETES_CONTAINER_IMAGE":       "an image reference, pulled by the pods themselves",
	"METAFLOW_KUBERNETES_CONTAINER_REGISTRY":    "a registry host name, not a resource",
	"METAFLOW_BATCH_CONTAINER_IMAGE":            "an image reference, pulled by the Batch jobs themselves",
	"METAFLOW_BATCH_CONTAINER_REGISTRY":         "a registry host name, not a resource",
	"METAFLOW_KUBERNETES_NAMESPACE":             "a Kubernetes name; resolving it needs the cluster's API",
	"METAFLOW_KUBERNETES_SERVICE_ACCOUNT":       "a Kubernetes name; resolving it needs the cluster's API",
	"METAFLOW_SERVICE_AUTH_KEY":                 "a secret, used as the x-api-key header (not printed)",
	"METAFLOW_SERVICE_INTERNAL_URL":             "answers only inside the VPC",
	"METAFLOW_SFN_STATE_MACHINE_PREFIX":         "a name prefix, not a resource",
	"METAFLOW_UI_URL":                           "checked by the UI probes (UIServesHTML, UIAPIAnswers)",
}

// ProfileCheckedKeys lists the keys CheckProfileResources resolves.
func ProfileCheckedKeys() []string {
	keys := make([]string, 0, len(profileCheckers))
	for k := range profileCheckers {
		keys = append(keys, k)
	}
	return sortedCopy(keys)
}

// CheckProfileResources resolves every value of the Metaflow profile against
// the account: buckets of the S3 URLs exist (HeadBucket), the job queue, the
// roles and the DynamoDB table exist, the service URL answers /ping with the
// headers. Keys it knows but cannot resolve are reported as unchecked; a key
// it does not know is resolved by its value's shape (an IAM role ARN, an S3
// URL) and fails when it holds any other ARN, since that names a resource
// nobody checked. All keys are checked; the error lists every failure and
// wraps ErrNotReady only when every failure is "not ready yet".
func CheckProfileResources(ctx context.Context, deps ProfileDeps, profile map[string]string) (ProfileReport, error) {
	if len(profile) == 0 {
		return ProfileReport{}, errors.New("profile: empty")
	}
	keys := make([]string, 0, len(profile))
	for k := range profile {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var report ProfileReport
	var hard, soft []error
	for _, key := range keys {
		value := strings.TrimSpace(profile[key])
		if why, ok := deps.Skip[key]; ok {
			report.Unchecked = append(report.Unchecked, key+": skipped by the caller: "+why)
			continue
		}
		check, reason := profileCheckerFor(key, value)
		var detail string
		var err error
		switch {
		case value == "":
			err = errors.New("empty value")
		case check != nil:
			detail, err = check(ctx, deps, value)
		case isARN(value):
			err = fmt.Errorf("holds an ARN (%s) but no check resolves this key", value)
		default:
			report.Unchecked = append(report.Unchecked, key+": "+reason)
			continue
		}
		switch {
		case errors.Is(err, ErrNotReady):
			soft = append(soft, fmt.Errorf("profile: %s: %w", key, err))
		case err != nil:
			hard = append(hard, fmt.Errorf("profile: %s: %w", key, err))
		default:
			report.Checked = append(report.Checked, key+": "+detail)
		}
	}
	if len(hard) > 0 {
		// Not-ready failures are quoted, not wrapped: the verdict is final.
		for _, e := range soft {
			hard = append(hard, errors.New(e.Error()))
		}
		return report, errors.Join(hard...)
	}
	if len(soft) > 0 {
		return report, errors.Join(soft...)
	}
	return report, nil
}

// profileCheckerFor picks the check for a key (by name, else by the shape of
// its value) or says why there is none.
func profileCheckerFor(key, value string) (profileCheck, string) {
	if c, ok := profileCheckers[key]; ok {
		return c, ""
	}
	if reason, ok := profileUnchecked[key]; ok {
		return nil, reason
	}
	if _, err := RoleNameFromARN(value); err == nil {
		return checkProfileRole, ""
	}
	if strings.HasPrefix(value, "s3://") {
		return checkProfileS3URL, ""
	}
	return nil, "unknown key whose value names no resource this check knows"
}

func isARN(v string) bool { return strings.HasPrefix(v, "arn:") }

func checkProfileLiteral(want string) profileCheck {
	return func(_ context.Context, _ ProfileDeps, value string) (string, error) {
		if value != want {
			return "", fmt.Errorf("is %q, want %q", value, want)
		}
		return "is " + want, nil
	}
}

func checkProfileS3URL(ctx context.Context, deps ProfileDeps, value string) (string, error) {
	rest, ok := strings.CutPrefix(value, "s3://")
	bucket, _, _ := strings.Cut(rest, "/")
	if !ok || bucket == "" {
		return "", fmt.Errorf("%q is not an s3://BUCKET/PREFIX URL", value)
	}
	if deps.S3 == nil {
		return "", errors.New("no S3 client to check it with")
	}
	_, err := deps.S3.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String(bucket)})
	var nf *s3types.NotFound
	var nsb *s3types.NoSuchBucket
	switch {
	case errors.As(err, &nf), errors.As(err, &nsb):
		return "", fmt.Errorf("bucket %s does not exist: %w", bucket, err)
	case err != nil:
		return "", fmt.Errorf("bucket %s cannot be read: %w", bucket, err)
	}
	return "bucket " + bucket + " exists", nil
}

func checkProfileQueue(ctx context.Context, deps ProfileDeps, value string) (string, error) {
	if deps.Batch == nil {
		return "", errors.New("no Batch client to check it with")
	}
	out, err := deps.Batch.DescribeJobQueues(ctx, &batch.DescribeJobQueuesInput{JobQueues: []string{value}})
	if err != nil {
		return "", fmt.Errorf("describing job queue %s: %w", value, err)
	}
	if len(out.JobQueues) != 1 {
		return "", fmt.Errorf("job queue %s does not exist (%d found)", value, len(out.JobQueues))
	}
	q := out.JobQueues[0]
	switch q.Status {
	case batchtypes.JQStatusDeleted, batchtypes.JQStatusDeleting:
		return "", fmt.Errorf("job queue %s is %s", value, q.Status)
	case batchtypes.JQStatusCreating:
		return "", notReady("job queue %s is CREATING", value)
	}
	return fmt.Sprintf("job queue %s is %s/%s", aws.ToString(q.JobQueueName), q.State, q.Status), nil
}

func checkProfileRole(ctx context.Context, deps ProfileDeps, value string) (string, error) {
	name, err := RoleNameFromARN(value)
	if err != nil {
		return "", err
	}
	if deps.IAM == nil {
		return "", errors.New("no IAM client to check it with")
	}
	out, err := deps.IAM.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String(name)})
	var nse *iamtypes.NoSuchEntityException
	switch {
	case errors.As(err, &nse):
		return "", fmt.Errorf("role %s does not exist: %w", name, err)
	case err != nil:
		return "", fmt.Errorf("reading role %s: %w", name, err)
	}
	if out.Role == nil || aws.ToString(out.Role.Arn) != value {
		got := ""
		if out.Role != nil {
			got = aws.ToString(out.Role.Arn)
		}
		return "", fmt.Errorf("role %s has ARN %q, the profile says %s", name, got, value)
	}
	return "role " + name + " exists", nil
}

func checkProfileTable(ctx context.Context, deps ProfileDeps, value string) (string, error) {
	if deps.DynamoDB == nil {
		return "", errors.New("no DynamoDB client to check it with")
	}
	if err := checkTableActive(ctx, deps.DynamoDB, value); err != nil {
		return "", err
	}
	return "table " + value + " is ACTIVE", nil
}

func checkProfileService(ctx context.Context, deps ProfileDeps, value string) (string, error) {
	if deps.HTTP == nil {
		return "", errors.New("no HTTP client to check it with")
	}
	target := JoinURL(value, "ping")
	resp, err := Get(ctx, deps.HTTP, Request{URL: target, SecretHeaders: deps.ServiceHeaders})
	if err != nil {
		return "", notReady("%v", err)
	}
	if err := PingOK(resp); err != nil {
		if resp.Status >= http.StatusInternalServerError {
			return "", notReady("GET %s: %v", target, err)
		}
		return "", fmt.Errorf("GET %s: %w", target, err)
	}
	return "GET " + target + " answered pong", nil
}
