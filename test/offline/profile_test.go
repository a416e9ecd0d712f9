package offline

import (
	"context"
	"encoding/json"
	"maps"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/outerbounds/terraform-aws-metaflow/test/internal/tfoffline"
)

// metaflowKeys are the configuration names Metaflow itself reads, from
// metaflow/metaflow_config.py (from_conf("NAME") reads METAFLOW_NAME), limited
// to the ones an AWS deployment of this module can fill.
var metaflowKeys = []string{
	"METAFLOW_ARGO_EVENTS_EVENT",
	"METAFLOW_ARGO_EVENTS_EVENT_BUS",
	"METAFLOW_ARGO_EVENTS_EVENT_SOURCE",
	"METAFLOW_ARGO_EVENTS_INTERNAL_WEBHOOK_URL",
	"METAFLOW_ARGO_EVENTS_SENSOR_NAMESPACE",
	"METAFLOW_ARGO_EVENTS_SERVICE_ACCOUNT",
	"METAFLOW_ARGO_EVENTS_WEBHOOK_URL",
	"METAFLOW_ARGO_WORKFLOWS_UI_URL",
	"METAFLOW_BATCH_CONTAINER_IMAGE",
	"METAFLOW_BATCH_CONTAINER_REGISTRY",
	"METAFLOW_BATCH_JOB_QUEUE",
	"METAFLOW_DATASTORE_SYSROOT_S3",
	"METAFLOW_DATATOOLS_S3ROOT",
	"METAFLOW_DEFAULT_DATASTORE",
	"METAFLOW_DEFAULT_METADATA",
	"METAFLOW_ECS_FARGATE_EXECUTION_ROLE",
	"METAFLOW_ECS_S3_ACCESS_IAM_ROLE",
	"METAFLOW_EVENTS_SFN_ACCESS_IAM_ROLE",
	"METAFLOW_KUBERNETES_CONTAINER_IMAGE",
	"METAFLOW_KUBERNETES_CONTAINER_REGISTRY",
	"METAFLOW_KUBERNETES_NAMESPACE",
	"METAFLOW_KUBERNETES_SERVICE_ACCOUNT",
	"METAFLOW_SERVICE_INTERNAL_URL",
	"METAFLOW_SERVICE_URL",
	"METAFLOW_SFN_DYNAMO_DB_TABLE",
	"METAFLOW_SFN_IAM_ROLE",
	"METAFLOW_SFN_STATE_MACHINE_PREFIX",
	"METAFLOW_UI_URL",
}

// Component values as the other modules would produce them.
const (
	sysroot       = "s3://metaflow-s3-prod/metaflow"
	datatools     = "s3://metaflow-s3-prod/data"
	jobQueue      = "arn:aws:batch:us-east-1:" + docAccount + ":job-queue/metaflow-batch-queue-prod"
	taskRole      = "arn:aws:iam::" + docAccount + ":role/metaflow-batch-s3-task-prod"
	execRole      = "arn:aws:iam::" + docAccount + ":role/metaflow-ecs-execution-prod"
	apiURL        = "https://abc123defg.execute-api.us-east-1.amazonaws.com/api/"
	nlbURL        = "http://metaflow-nlb-prod-0123456789abcdef.elb.us-east-1.amazonaws.com/"
	sfnRole       = "arn:aws:iam::" + docAccount + ":role/metaflow-sfn-prod"
	eventsRole    = "arn:aws:iam::" + docAccount + ":role/metaflow-eventbridge-sfn-prod"
	sfnTable      = "metaflow-sfn-state-prod"
	sfnPrefix     = "metaflow-sfn-prod"
	uiURL         = "https://internal-metaflow-ui-prod-123.us-east-1.elb.amazonaws.com/"
	ecrRepository = docAccount + ".dkr.ecr.us-east-1.amazonaws.com/metaflow-batch-prod"
	eksServiceURL = "http://metadata-service.metaflow-service.svc.cluster.local:8080/"
	eksExposedURL = "http://a0123456789abcdef-0123456789abcdef.elb.us-east-1.amazonaws.com:8080/"
	argoUIURL     = "http://a1123456789abcdef-0123456789abcdef.elb.us-east-1.amazonaws.com:2746"
	webhookURL    = "http://argo-events-webhook-eventsource-svc.metaflow-service.svc.cluster.local:12000/metaflow-event"
)

type profileShape struct {
	name   string
	inputs map[string]any
	want   map[string]string // the exact profile
}

func profileShapes() []profileShape {
	managed := map[string]any{
		"datastore_sysroot_s3":       sysroot,
		"datatools_s3root":           datatools,
		"batch_job_queue":            jobQueue,
		"ecs_s3_access_iam_role":     taskRole,
		"ecs_fargate_execution_role": execRole,
		"service_url":                apiURL,
		"service_internal_url":       nlbURL,
	}
	managedWant := map[string]string{
		"METAFLOW_DATASTORE_SYSROOT_S3":       sysroot,
		"METAFLOW_DATATOOLS_S3ROOT":           datatools,
		"METAFLOW_BATCH_JOB_QUEUE":            jobQueue,
		"METAFLOW_ECS_S3_ACCESS_IAM_ROLE":     taskRole,
		"METAFLOW_ECS_FARGATE_EXECUTION_ROLE": execRole,
		"METAFLOW_SERVICE_URL":                apiURL,
		"METAFLOW_SERVICE_INTERNAL_URL":       nlbURL,
		"METAFLOW_DEFAULT_DATASTORE":          "s3",
		"METAFLOW_DEFAULT_METADATA":           "service",
	}
	merge := func(a map[string]string, b map[string]string) map[string]string {
		out := maps.Clone(a)
		maps.Copy(out, b)
		return out
	}
	return []profileShape{
		{name: "aws_managed", inputs: managed, want: managedWant},
		{name: "aws_managed_ui_step_functions",
			inputs: with(managed, map[string]any{
				"sfn_iam_role": sfnRole, "events_sfn_access_iam_role": eventsRole,
				"sfn_dynamo_db_table": sfnTable, "sfn_state_machine_prefix": sfnPrefix, "ui_url": uiURL,
			}),
			want: merge(managedWant, map[string]string{
				"METAFLOW_SFN_IAM_ROLE": sfnRole, "METAFLOW_EVENTS_SFN_ACCESS_IAM_ROLE": eventsRole,
				"METAFLOW_SFN_DYNAMO_DB_TABLE": sfnTable, "METAFLOW_SFN_STATE_MACHINE_PREFIX": sfnPrefix, "METAFLOW_UI_URL": uiURL,
			})},
		// Without API Gateway clients use the internal URL: an empty
		// METAFLOW_SERVICE_URL would make Metaflow record runs locally.
		{name: "aws_managed_without_api_gateway", inputs: with(managed, map[string]any{"service_url": ""}),
			want: merge(managedWant, map[string]string{"METAFLOW_SERVICE_URL": nlbURL})},
		{name: "custom_ecr_image",
			inputs: with(managed, map[string]any{"batch_container_registry": docAccount + ".dkr.ecr.us-east-1.amazonaws.com", "batch_container_image": ecrRepository}),
			want: merge(managedWant, map[string]string{
				"METAFLOW_BATCH_CONTAINER_REGISTRY": docAccount + ".dkr.ecr.us-east-1.amazonaws.com",
				"METAFLOW_BATCH_CONTAINER_IMAGE":    ecrRepository,
			})},
		{name: "eks_services",
			inputs: map[string]any{
				"datastore_sysroot_s3": sysroot, "datatools_s3root": datatools, "ecs_s3_access_iam_role": taskRole,
				"service_internal_url": eksServiceURL,
				"kubernetes_namespace": "metaflow-service", "kubernetes_service_account": "metaflow-task",
			},
			want: map[string]string{
				"METAFLOW_DATASTORE_SYSROOT_S3":       sysroot,
				"METAFLOW_DATATOOLS_S3ROOT":           datatools,
				"METAFLOW_ECS_S3_ACCESS_IAM_ROLE":     taskRole,
				"METAFLOW_SERVICE_URL":                eksServiceURL,
				"METAFLOW_SERVICE_INTERNAL_URL":       eksServiceURL,
				"METAFLOW_KUBERNETES_NAMESPACE":       "metaflow-service",
				"METAFLOW_KUBERNETES_SERVICE_ACCOUNT": "metaflow-task",
				"METAFLOW_DEFAULT_DATASTORE":          "s3",
				"METAFLOW_DEFAULT_METADATA":           "service",
			}},
		// Exposed services, the stack's image, Argo Workflows and Events:
		// laptops call the load balancer, pods the in-cluster service, and
		// an Argo Events key left "" is left out.
		{name: "eks_exposed_argo_events",
			inputs: map[string]any{
				"datastore_sysroot_s3": sysroot, "ecs_s3_access_iam_role": taskRole,
				"service_url": eksExposedURL, "service_internal_url": eksServiceURL,
				"kubernetes_namespace": "metaflow-service", "kubernetes_service_account": "metaflow-task",
				"kubernetes_container_image": ecrRepository, "kubernetes_container_registry": docAccount + ".dkr.ecr.us-east-1.amazonaws.com",
				"argo_workflows_ui_url": argoUIURL,
				"argo_events": map[string]any{
					"EVENT_BUS": "default", "EVENT_SOURCE": "argo-events-webhook", "EVENT": "metaflow-event",
					"SERVICE_ACCOUNT": "metaflow-argo-events", "SENSOR_NAMESPACE": "metaflow-service",
					"WEBHOOK_URL": webhookURL, "INTERNAL_WEBHOOK_URL": webhookURL,
				},
			},
			want: map[string]string{
				"METAFLOW_DATASTORE_SYSROOT_S3":             sysroot,
				"METAFLOW_ECS_S3_ACCESS_IAM_ROLE":           taskRole,
				"METAFLOW_SERVICE_URL":                      eksExposedURL,
				"METAFLOW_SERVICE_INTERNAL_URL":             eksServiceURL,
				"METAFLOW_KUBERNETES_NAMESPACE":             "metaflow-service",
				"METAFLOW_KUBERNETES_SERVICE_ACCOUNT":       "metaflow-task",
				"METAFLOW_KUBERNETES_CONTAINER_IMAGE":       ecrRepository,
				"METAFLOW_KUBERNETES_CONTAINER_REGISTRY":    docAccount + ".dkr.ecr.us-east-1.amazonaws.com",
				"METAFLOW_ARGO_WORKFLOWS_UI_URL":            argoUIURL,
				"METAFLOW_ARGO_EVENTS_EVENT_BUS":            "default",
				"METAFLOW_ARGO_EVENTS_EVENT_SOURCE":         "argo-events-webhook",
				"METAFLOW_ARGO_EVENTS_EVENT":                "metaflow-event",
				"METAFLOW_ARGO_EVENTS_SERVICE_ACCOUNT":      "metaflow-argo-events",
				"METAFLOW_ARGO_EVENTS_SENSOR_NAMESPACE":     "metaflow-service",
				"METAFLOW_ARGO_EVENTS_WEBHOOK_URL":          webhookURL,
				"METAFLOW_ARGO_EVENTS_INTERNAL_WEBHOOK_URL": webhookURL,
				"METAFLOW_DEFAULT_DATASTORE":                "s3",
				"METAFLOW_DEFAULT_METADATA":                 "service",
			}},
		{name: "own_datastore",
			inputs: with(managed, map[string]any{"datastore_sysroot_s3": "s3://team-bucket/mf", "datatools_s3root": "s3://team-bucket/data"}),
			want:   merge(managedWant, map[string]string{"METAFLOW_DATASTORE_SYSROOT_S3": "s3://team-bucket/mf", "METAFLOW_DATATOOLS_S3ROOT": "s3://team-bucket/data"})},
		// Nothing deployed: no key at all, not even the defaults, so
		// Metaflow keeps its local defaults.
		{name: "nothing", inputs: map[string]any{}, want: map[string]string{}},
		// A caller's one(module.x[*].y) is null for a component that is off:
		// it must leave the key out, not write "KEY": null.
		{name: "null_for_components_off", inputs: with(managed, map[string]any{"sfn_iam_role": nil, "ui_url": nil, "service_url": nil}),
			want: merge(managedWant, map[string]string{"METAFLOW_SERVICE_URL": nlbURL})},
	}
}

var secretLooking = regexp.MustCompile(`(?i)(password|passwd|secret|auth_key|api_key|token)`)

// TestProfile evaluates modules/profile for each deployment shape in one apply.
func TestProfile(t *testing.T) {
	t.Parallel()
	shapes := profileShapes()
	instances := map[string]map[string]any{}
	for _, s := range shapes {
		instances[s.name] = s.inputs
	}
	dir := tfoffline.ModuleHarness(t, filepath.Join(tfoffline.RepoRoot(t), "modules", "profile"), instances)
	ctx, cancel := context.WithTimeout(t.Context(), deadline)
	defer cancel()
	outputs, err := tfoffline.ApplyOutputs(t, ctx, tfoffline.Options(t, dir, nil))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range shapes {
		t.Run(s.name, func(t *testing.T) {
			var out struct {
				Config map[string]string `json:"config"`
				JSON   string            `json:"json"`
			}
			if err := json.Unmarshal(outputs[s.name], &out); err != nil {
				t.Fatalf("decoding outputs: %v", err)
			}
			for _, key := range slices.Sorted(maps.Keys(s.want)) {
				if got, ok := out.Config[key]; !ok {
					t.Errorf("%s missing, want %q", key, s.want[key])
				} else if got != s.want[key] {
					t.Errorf("%s = %q, want %q", key, got, s.want[key])
				}
			}
			for _, key := range slices.Sorted(maps.Keys(out.Config)) {
				if _, ok := s.want[key]; !ok {
					t.Errorf("%s = %q present, but does not apply to this shape", key, out.Config[key])
				}
			}
			for key, value := range out.Config {
				if !slices.Contains(metaflowKeys, key) {
					t.Errorf("key %s is not a Metaflow configuration name", key)
				}
				if value == "" {
					t.Errorf("key %s is present with an empty value", key)
				}
				if secretLooking.MatchString(key) {
					t.Errorf("key %s looks secret; the profile output is not sensitive", key)
				}
			}
			var fromJSON map[string]string
			if err := json.Unmarshal([]byte(out.JSON), &fromJSON); err != nil {
				t.Fatalf("json output is not a JSON object of strings: %v", err)
			}
			if !maps.Equal(fromJSON, out.Config) {
				t.Errorf("json output %s does not match config %v", out.JSON, out.Config)
			}
			// Stable key order: a re-plan must never show the profile changing.
			if keys := jsonKeyOrder(t, out.JSON); !slices.IsSorted(keys) {
				t.Errorf("json keys not in sorted order: %v", keys)
			}
		})
	}
}

// jsonKeyOrder lists the top-level keys of a JSON object in document order.
func jsonKeyOrder(t *testing.T, doc string) []string {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(doc))
	if _, err := dec.Token(); err != nil {
		t.Fatalf("reading json: %v", err)
	}
	var keys []string
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			t.Fatalf("reading json key: %v", err)
		}
		keys = append(keys, tok.(string))
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			t.Fatalf("reading json value: %v", err)
		}
	}
	return keys
}
