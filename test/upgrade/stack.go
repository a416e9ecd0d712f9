package upgrade

import (
	"fmt"
	"sort"
	"strings"
)

// Stack is one stack built by an old line: the inputs its module block had
// (as one of the facts' cases) and the parts it ran.
type Stack struct {
	Name   string
	Line   string // LineV012 or LineRefresh
	Case   string // a key of the facts' _cases: A_v012, A_js, B, C
	Prefix string // resource_prefix as the caller wrote it
	Suffix string // resource_suffix as the caller wrote it
	// Random stands for the refresh branch's random_string when the prefix
	// is empty (case C).
	Random string

	StepFunctions bool
	UI            bool
	ECR           bool
	AccessList    bool // access_list_cidr_blocks given (the REST API policy exists)
}

// Stacks are the stacks the upgrade plans cover: for each line, the minimal
// stack (datastore, Batch, the metadata service behind API Gateway), and it
// plus Step Functions, plus the UI, plus the custom ECR repository. The
// cases vary the prefix and suffix the way callers did.
func Stacks() []Stack {
	return []Stack{
		{Name: "v0.12/minimal", Line: LineV012, Case: "B", Prefix: "metaflow"},
		{Name: "v0.12/step-functions", Line: LineV012, Case: "A_v012", Prefix: "metaflow", Suffix: "abc123", StepFunctions: true, AccessList: true},
		{Name: "v0.12/ui", Line: LineV012, Case: "A_v012", Prefix: "metaflow", Suffix: "abc123", UI: true},
		{Name: "v0.12/ecr", Line: LineV012, Case: "B", Prefix: "metaflow", ECR: true},
		{Name: "refresh/minimal", Line: LineRefresh, Case: "C", Random: "jsrnd"},
		{Name: "refresh/step-functions", Line: LineRefresh, Case: "A_js", Prefix: "metaflow-", Suffix: "abc123", StepFunctions: true, AccessList: true},
		{Name: "refresh/ui", Line: LineRefresh, Case: "A_js", Prefix: "metaflow-", Suffix: "abc123", UI: true},
		{Name: "refresh/ecr", Line: LineRefresh, Case: "B", Prefix: "metaflow", ECR: true},
	}
}

// P is the prefix the line's submodules put before a role word.
func (s Stack) P() string {
	switch {
	case s.Line == LineV012 && s.Prefix != "":
		return s.Prefix + "-"
	case s.Line == LineRefresh && s.Prefix == "":
		return "metaflow-" + s.Random
	}
	return s.Prefix
}

// S is the suffix the line's submodules put after a role word.
func (s Stack) S() string {
	if s.Suffix == "" {
		return ""
	}
	return "-" + s.Suffix
}

// Name returns the line's name for a role word: P + role + S.
func (s Stack) name(role string) string { return s.P() + role + s.S() }

// stackName is the line's name made of prefix and suffix alone: the job
// queue, the ECS clusters and the Step Functions state machine prefix.
func (s Stack) stackName() string { return strings.ReplaceAll(s.P()+s.S(), "--", "-") }

// Exists says whether the stack holds the old address, from the facts'
// condition of it.
func (s Stack) Exists(r Resource) (bool, error) {
	w := r.ExistsWhen
	switch {
	case strings.HasPrefix(w, "db_engine not aurora"):
		return true, nil
	case strings.Contains(w, "create_vpc"), strings.Contains(w, "create_eks_cluster"), strings.Contains(w, "deploy_"),
		w == "as default_node", strings.Contains(w, "aurora"), strings.Contains(w, "never via the root"):
		return false, nil
	case strings.HasPrefix(w, "resource_prefix"):
		return s.Prefix == "", nil
	case w == "always (even without EKS)":
		return s.Line == LineRefresh, nil
	case w == "UI module exists":
		return s.UI, nil
	case strings.Contains(w, "step_functions"):
		return s.StepFunctions, nil
	case w == "enable_custom_batch_container_registry":
		return s.ECR, nil
	case strings.Contains(w, "access_list_cidr_blocks non-empty"):
		return s.AccessList, nil
	case w == "always", w == "datastore module exists", w == "computation module exists", w == `batch_type != "fargate"`,
		strings.HasPrefix(w, "metadata-service module exists"), strings.HasPrefix(w, "as api gateway"):
		return true, nil
	}
	return false, fmt.Errorf("%s: no rule for its condition %q", r.Address, w)
}

// Identity returns the identity value the facts give an old address for the
// stack's case, and whether they give one.
func (s Stack) Identity(r Resource) (string, bool) {
	v, ok := r.IdentityValues[s.Case]
	if !ok {
		return "", false
	}
	return strings.ReplaceAll(v, "jsrnd", s.Random), true
}

// Inputs is the module block of the stack as its caller wrote it for the
// old line, with source and version the only change (plus upgrade_from for
// the refresh branch, whose interface is ours: nothing else could tell).
func (s Stack) Inputs() map[string]any {
	in := map[string]any{
		"tags":                       map[string]any{"managedBy": "terraform"},
		"db_migrate_lambda_zip_file": "${path.root}/db_migrate.zip",
	}
	if s.Prefix != "" || s.Line == LineRefresh {
		in["resource_prefix"] = s.Prefix
	}
	if s.Suffix != "" {
		in["resource_suffix"] = s.Suffix
	}
	if s.Line == LineV012 {
		in["vpc_id"] = VPCID
		in["vpc_cidr_blocks"] = []any{VPCCIDR}
		in["subnet1_id"] = SubnetIDs[0]
		in["subnet2_id"] = SubnetIDs[1]
		in["with_public_ip"] = false
		in["enable_step_functions"] = s.StepFunctions
		if s.Case == "A_v012" {
			// A v0.12 block that kept v0.12's database as UPGRADING.md says.
			in["db_engine_version"] = "11"
			in["db_instance_type"] = "db.t2.small"
			in["force_destroy_s3_bucket"] = false
		}
	} else {
		in["upgrade_from"] = "refresh"
		in["existing_vpc_id"] = VPCID
		in["existing_vpc_cidr_blocks"] = []any{VPCCIDR}
		in["existing_private_subnet_ids"] = []any{SubnetIDs[0], SubnetIDs[1]}
		if s.StepFunctions {
			in["create_step_functions"] = true
		}
		if s.UI {
			in["create_managed_metaflow_ui"] = true
		}
	}
	if s.UI {
		in["ui_certificate_arn"] = CertificateARN
		in["ui_allow_list"] = []any{"203.0.113.0/24"}
	}
	if s.ECR {
		in["enable_custom_batch_container_registry"] = true
	}
	if s.AccessList {
		in["access_list_cidr_blocks"] = []any{"198.51.100.0/24"}
	}
	return in
}

// The account the fake identities and ARNs live in.
const (
	Account        = "123456789012"
	Region         = "eu-west-1"
	VPCID          = "vpc-0a1b2c3d4e5f60718"
	VPCCIDR        = "10.10.0.0/16"
	CertificateARN = "arn:aws:acm:eu-west-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
)

// SubnetIDs are the two subnets of every old stack.
var SubnetIDs = []string{"subnet-0a1b2c3d4e5f60711", "subnet-0a1b2c3d4e5f60712"}

// hclValue renders a Go value as an HCL expression (strings may hold
// ${path.root}-style templates).
func hclValue(v any) string {
	switch x := v.(type) {
	case string:
		return fmt.Sprintf("%q", x)
	case bool:
		return fmt.Sprint(x)
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = hclValue(e)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = fmt.Sprintf("%q = %s", k, hclValue(x[k]))
		}
		return "{ " + strings.Join(parts, ", ") + " }"
	}
	return fmt.Sprint(v)
}
