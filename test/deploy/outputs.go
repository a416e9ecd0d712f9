package deploy

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// The examples each expose the outputs a user of that example wants, under
// names of their choosing. The deploy tests do not depend on those: they add
// InjectedOutputsFile to their temporary copy of the example, which re-exports
// the root module's own outputs (the interface contract, plus additions) from
// `module "metaflow"` as two objects. So a renamed example output cannot
// silently turn a check off; a renamed root output fails TestInjectedOutputs
// offline.
const (
	InjectedOutputsFile = "zz_deploy_test_outputs.tf"
	stackOutput         = "deploy_test_stack"
	stackSecretOutput   = "deploy_test_secrets"
	// ModuleName is the module block every example calls the root module with.
	ModuleName = "metaflow"
)

// StackOutputs are the root module outputs the checks read.
type StackOutputs struct {
	BatchJobQueue      string            `json:"METAFLOW_BATCH_JOB_QUEUE"`
	BatchJobQueues     map[string]string `json:"batch_job_queue_arns"`
	ServiceURL         string            `json:"METAFLOW_SERVICE_URL"`
	ServiceInternalURL string            `json:"METAFLOW_SERVICE_INTERNAL_URL"`
	S3AccessRole       string            `json:"METAFLOW_ECS_S3_ACCESS_IAM_ROLE"`
	EventsRole         string            `json:"METAFLOW_EVENTS_SFN_ACCESS_IAM_ROLE"`
	SFNRole            string            `json:"METAFLOW_SFN_IAM_ROLE"`
	SFNTable           string            `json:"METAFLOW_SFN_DYNAMO_DB_TABLE"`
	APIKeyID           string            `json:"api_gateway_rest_api_id_key_id"`
	BucketKMSKeyARN    string            `json:"datastore_s3_bucket_kms_key_arn"`
	EKSClusterName     string            `json:"eks_cluster_name"`
	EKSClusterEndpoint string            `json:"eks_cluster_endpoint"`
	EKSClusterCA       string            `json:"eks_cluster_certificate_authority_data"`
	KubernetesNS       string            `json:"kubernetes_namespace"`
	ProfileJSON        string            `json:"metaflow_aws_managed_profile_json"`
	BucketName         string            `json:"metaflow_s3_bucket_name"`
	MigrationFunction  string            `json:"migration_function_arn"`
	APIVPCEndpointID   string            `json:"metadata_service_api_vpc_endpoint_id"`
	ResourcePrefix     string            `json:"resource_prefix"`
	UIALBARN           string            `json:"ui_alb_arn"`
	UIALBDNSName       string            `json:"ui_alb_dns_name"`
	VPCID              string            `json:"vpc_id"`
}

// PrivateAPI reports whether the metadata API is private
// (metadata_service_api_endpoint_type = "PRIVATE"): it then answers only
// through its execute-api VPC endpoint.
func (o StackOutputs) PrivateAPI() bool { return o.APIVPCEndpointID != "" }

// Profile parses metaflow_aws_managed_profile_json.
func (o StackOutputs) Profile() (map[string]string, error) {
	var profile map[string]string
	if err := json.Unmarshal([]byte(o.ProfileJSON), &profile); err != nil {
		return nil, fmt.Errorf("metaflow_aws_managed_profile_json does not parse: %w", err)
	}
	return profile, nil
}

// StackSecrets are the sensitive root outputs the checks read. They are read
// with Terratest's logger discarded and never printed.
type StackSecrets struct {
	ServiceAuthKey string `json:"METAFLOW_SERVICE_AUTH_KEY"`
}

// RootOutputsRead lists the root module outputs the injected file references.
func RootOutputsRead() []string {
	return slices.Concat(jsonNames(StackOutputs{}), jsonNames(StackSecrets{}))
}

// InjectedOutputsHCL renders InjectedOutputsFile.
func InjectedOutputsHCL() string {
	var b strings.Builder
	b.WriteString("# Added by the deploy tests to their temporary copy of the example; not part of the example.\n")
	writeObjectOutput(&b, stackOutput, jsonNames(StackOutputs{}), false)
	b.WriteString("\n")
	writeObjectOutput(&b, stackSecretOutput, jsonNames(StackSecrets{}), true)
	return b.String()
}

func writeObjectOutput(b *strings.Builder, name string, keys []string, sensitive bool) {
	fmt.Fprintf(b, "output %q {\n", name)
	b.WriteString("  description = \"Root module outputs read by test/deploy.\"\n")
	if sensitive {
		b.WriteString("  sensitive   = true\n")
	}
	b.WriteString("  value = {\n")
	for _, k := range keys {
		fmt.Fprintf(b, "    %s = module.%s.%s\n", k, ModuleName, k)
	}
	b.WriteString("  }\n}\n")
}

// ParseStackOutputs picks the injected objects out of `terraform output -json`
// as Terratest returns it (output name to value).
func ParseStackOutputs(all map[string]any) (StackOutputs, StackSecrets, error) {
	var out StackOutputs
	var sec StackSecrets
	if err := decodeOutput(all, stackOutput, &out); err != nil {
		return out, sec, err
	}
	if err := decodeOutput(all, stackSecretOutput, &sec); err != nil {
		// Never include the value in the error.
		return out, StackSecrets{}, fmt.Errorf("output %s: cannot decode (value withheld)", stackSecretOutput)
	}
	return out, sec, nil
}

func decodeOutput(all map[string]any, name string, into any) error {
	v, ok := all[name]
	if !ok {
		return fmt.Errorf("output %s is missing (was %s written into the example copy?)", name, InjectedOutputsFile)
	}
	raw, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("output %s: %w", name, err)
	}
	dec := json.NewDecoder(strings.NewReader(string(raw)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(into); err != nil {
		return fmt.Errorf("output %s: %w", name, err)
	}
	return nil
}

// jsonNames lists the json tags of a flat struct of strings, sorted.
func jsonNames(v any) []string {
	raw, _ := json.Marshal(v)
	var m map[string]any
	_ = json.Unmarshal(raw, &m)
	names := make([]string, 0, len(m))
	for k := range m {
		names = append(names, k)
	}
	slices.Sort(names)
	return names
}
