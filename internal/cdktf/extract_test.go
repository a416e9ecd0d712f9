package cdktf

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/outerbounds/terraform-aws-metaflow/internal/tfschema"
	"github.com/zclconf/go-cty/cty"
)

// describe renders one schema node compactly: "required string",
// "optional set(string)", "computed number", "block list min=1 max=1".
func describe(b *tfschema.Block, path string) string {
	parts := strings.Split(path, ".")
	for i, p := range parts {
		last := i == len(parts)-1
		if a, ok := b.Attributes[p]; ok && last {
			role := "computed"
			switch {
			case a.Required:
				role = "required"
			case a.Optional:
				role = "optional"
			}
			if a.NestedType != nil {
				return role + " nested " + a.NestedType.NestingMode
			}
			return role + " " + tfschema.TypeString(*a.Type)
		}
		bt, ok := b.BlockTypes[p]
		if !ok {
			return "missing"
		}
		if last {
			s := "block " + bt.NestingMode
			if bt.MinItems > 0 {
				s += fmt.Sprintf(" min=%d", bt.MinItems)
			}
			if bt.MaxItems > 0 {
				s += fmt.Sprintf(" max=%d", bt.MaxItems)
			}
			return s
		}
		b = bt.Block
	}
	return "missing"
}

// TestExtractedAWSSchemas spot-checks the extraction against the published
// hashicorp/aws 6.25.0 schema of well-known resources.
func TestExtractedAWSSchemas(t *testing.T) {
	dir, err := DefaultCacheDir()
	if err != nil {
		t.Fatal(err)
	}
	prov, pin, err := Load(context.Background(), dir, "aws", t.Logf)
	if err != nil {
		t.Skipf("needs the npm registry once to fetch @cdktf/provider-aws: %v", err)
	}
	if pin.ProviderVersion != "6.25.0" {
		t.Fatalf("pinned provider version %s, the expectations below are for 6.25.0", pin.ProviderVersion)
	}
	cases := map[string][][2]string{
		"aws_s3_bucket": {
			{"bucket", "optional string"},
			{"bucket_prefix", "optional string"},
			{"force_destroy", "optional bool"},
			{"tags", "optional map(string)"},
			{"arn", "computed string"},
			{"bucket_regional_domain_name", "computed string"},
			{"versioning", "block list max=1"},
			{"server_side_encryption_configuration.rule", "block list min=1 max=1"},
			{"server_side_encryption_configuration.rule.apply_server_side_encryption_by_default", "block list min=1 max=1"},
			{"server_side_encryption_configuration.rule.apply_server_side_encryption_by_default.sse_algorithm", "required string"},
			{"cors_rule.allowed_methods", "required list(string)"},
			{"grant", "block set"},
			{"logging.target_bucket", "required string"},
			{"timeouts", "block single"},
			{"not_an_argument", "missing"},
		},
		"aws_iam_role": {
			{"assume_role_policy", "required string"},
			{"name", "optional string"},
			{"name_prefix", "optional string"},
			{"path", "optional string"},
			{"max_session_duration", "optional number"},
			{"force_detach_policies", "optional bool"},
			{"managed_policy_arns", "optional set(string)"},
			{"permissions_boundary", "optional string"},
			{"arn", "computed string"},
			{"unique_id", "computed string"},
			{"create_date", "computed string"},
			{"inline_policy", "block set"},
			{"inline_policy.policy", "optional string"},
		},
		"aws_db_instance": {
			{"instance_class", "required string"},
			{"engine", "optional string"},
			{"allocated_storage", "optional number"},
			{"storage_encrypted", "optional bool"},
			{"vpc_security_group_ids", "optional set(string)"},
			{"enabled_cloudwatch_logs_exports", "optional set(string)"},
			{"port", "optional number"},
			{"password", "optional string"},
			{"manage_master_user_password", "optional bool"},
			{"address", "computed string"},
			{"endpoint", "computed string"},
			{"master_user_secret", "computed list(object({ kms_key_id = string, secret_arn = string, secret_status = string }))"},
			{"timeouts", "block single"},
		},
		"aws_batch_compute_environment": {
			{"type", "required string"},
			{"name", "optional string"},
			{"service_role", "optional string"},
			{"state", "optional string"},
			{"arn", "computed string"},
			{"ecs_cluster_arn", "computed string"},
			{"compute_resources", "block list max=1"},
			{"compute_resources.max_vcpus", "required number"},
			{"compute_resources.subnets", "required set(string)"},
			{"compute_resources.type", "required string"},
			{"compute_resources.security_group_ids", "optional set(string)"},
			{"compute_resources.instance_type", "optional set(string)"},
			{"compute_resources.launch_template", "block list max=1"},
			{"compute_resources.ec2_configuration", "block list"},
			{"eks_configuration.eks_cluster_arn", "required string"},
			{"update_policy", "block list max=1"},
		},
		"aws_ecs_task_definition": {
			{"family", "required string"},
			{"container_definitions", "required string"},
			{"cpu", "optional string"},
			{"memory", "optional string"},
			{"network_mode", "optional string"},
			{"requires_compatibilities", "optional set(string)"},
			{"execution_role_arn", "optional string"},
			{"arn", "computed string"},
			{"revision", "computed number"},
			{"runtime_platform", "block list max=1"},
			{"ephemeral_storage.size_in_gib", "required number"},
			{"volume", "block set"},
			{"volume.name", "required string"},
			{"volume.efs_volume_configuration.file_system_id", "required string"},
			{"volume.fsx_windows_file_server_volume_configuration.authorization_config", "block list min=1 max=1"},
		},
		"aws_lb_listener": {
			{"load_balancer_arn", "required string"},
			{"port", "optional number"},
			{"protocol", "optional string"},
			{"ssl_policy", "optional string"},
			{"certificate_arn", "optional string"},
			{"arn", "computed string"},
			{"default_action", "block list min=1"},
			{"default_action.type", "required string"},
			{"default_action.target_group_arn", "optional string"},
			{"default_action.redirect", "block list max=1"},
			{"default_action.redirect.status_code", "required string"},
			{"default_action.fixed_response.content_type", "required string"},
			{"default_action.forward.target_group", "block set min=1"},
			{"mutual_authentication", "block list max=1"},
		},
		"data.aws_iam_policy_document": {
			{"json", "computed string"},
			{"minified_json", "computed string"},
			{"source_policy_documents", "optional list(string)"},
			{"override_policy_documents", "optional list(string)"},
			{"version", "optional string"},
			{"statement", "block list"},
			{"statement.sid", "optional string"},
			{"statement.effect", "optional string"},
			{"statement.actions", "optional set(string)"},
			{"statement.resources", "optional set(string)"},
			{"statement.principals", "block set"},
			{"statement.principals.type", "required string"},
			{"statement.principals.identifiers", "required set(string)"},
			{"statement.condition.test", "required string"},
			{"statement.condition.values", "required list(string)"},
		},
	}
	for name, checks := range cases {
		t.Run(name, func(t *testing.T) {
			var s *tfschema.Schema
			if ds, ok := strings.CutPrefix(name, "data."); ok {
				s = prov.DataSources[ds]
			} else {
				s = prov.Resources[name]
			}
			if s == nil {
				t.Fatalf("%s not extracted", name)
			}
			for _, c := range checks {
				if got := describe(s.Block, c[0]); got != c[1] {
					t.Errorf("%s.%s = %q, want %q", name, c[0], got, c[1])
				}
			}
		})
	}
	if n := len(prov.Resources); n < 1500 {
		t.Errorf("only %d aws resources extracted, want > 1500", n)
	}
}

// TestComputedAndWriteOnlyGuesses: SDKv2 optional arguments are served as
// computed too (mocks fill them), framework ones are not; _wo is write-only.
func TestComputedAndWriteOnlyGuesses(t *testing.T) {
	dir, err := DefaultCacheDir()
	if err != nil {
		t.Fatal(err)
	}
	prov, _, err := Load(context.Background(), dir, "aws", t.Logf)
	if err != nil {
		t.Skipf("needs the npm registry once to fetch @cdktf/provider-aws: %v", err)
	}
	cases := []struct {
		resource, attr string
		computed       bool
	}{
		{"aws_db_instance", "port", true},                           // SDKv2
		{"aws_api_gateway_rest_api", "id", true},                    // SDKv2 id
		{"aws_vpc_security_group_ingress_rule", "cidr_ipv4", false}, // framework
		{"aws_vpc_security_group_ingress_rule", "region", true},
		{"aws_vpc_security_group_ingress_rule", "id", true},
	}
	for _, c := range cases {
		a := prov.Resources[c.resource].Block.Attributes[c.attr]
		if a == nil || a.Computed != c.computed {
			t.Errorf("%s.%s computed = %v, want %v", c.resource, c.attr, a != nil && a.Computed, c.computed)
		}
	}
	if a := prov.Resources["aws_db_instance"].Block.Attributes["password_wo"]; a == nil || !a.WriteOnly {
		t.Errorf("aws_db_instance.password_wo must be write-only")
	}
}

func TestPrimitiveType(t *testing.T) {
	cases := []struct {
		kind, storage string
		want          cty.Type
	}{
		{"simple", "string", cty.String},
		{"simple", "number", cty.Number},
		{"simple", "boolean", cty.Bool},
		{"simple", "any", cty.DynamicPseudoType},
		{"list", "stringList", cty.List(cty.String)},
		{"set", "stringList", cty.Set(cty.String)},
		{"set", "numberList", cty.Set(cty.Number)},
		{"map", "stringMap", cty.Map(cty.String)},
		{"map", "booleanMap", cty.Map(cty.Bool)},
		{"list", "stringListList", cty.List(cty.List(cty.String))},
		{"list", "stringMapList", cty.List(cty.Map(cty.String))},
		{"map", "stringMapMap", cty.Map(cty.Map(cty.String))},
	}
	for _, c := range cases {
		if got := primitiveType(c.kind, c.storage); !got.Equals(c.want) {
			t.Errorf("primitiveType(%s, %s) = %s, want %s", c.kind, c.storage, got.GoString(), c.want.GoString())
		}
	}
}

// TestHelmNestedAttributes: helm 3 (plugin framework) turned its blocks into
// nested attributes: set = [{...}], provider kubernetes = {...}.
func TestHelmNestedAttributes(t *testing.T) {
	dir, err := DefaultCacheDir()
	if err != nil {
		t.Fatal(err)
	}
	prov, _, err := Load(context.Background(), dir, "helm", t.Logf)
	if err != nil {
		t.Skipf("needs the npm registry once to fetch @cdktf/provider-helm: %v", err)
	}
	rel := prov.Resources["helm_release"]
	if rel == nil {
		t.Fatal("helm_release not extracted")
	}
	for _, c := range [][2]string{
		{"name", "required string"},
		{"chart", "required string"},
		{"values", "optional list(string)"},
		{"set", "optional nested list"},
		{"set_sensitive", "optional nested list"},
		{"set_list", "optional nested list"},
		{"status", "computed string"},
	} {
		if got := describe(rel.Block, c[0]); got != c[1] {
			t.Errorf("helm_release.%s = %q, want %q", c[0], got, c[1])
		}
	}
	if got := describe(prov.Provider.Block, "kubernetes"); got != "optional nested single" {
		t.Errorf("provider helm kubernetes = %q, want a single nested attribute", got)
	}
}

// TestRandomEphemeralPassword: CDK Terrain's random package generates the
// ephemeral random_password next to the resource of the same name; both
// must be extracted, each into its own kind.
func TestRandomEphemeralPassword(t *testing.T) {
	dir, err := DefaultCacheDir()
	if err != nil {
		t.Fatal(err)
	}
	prov, _, err := Load(context.Background(), dir, "random", t.Logf)
	if err != nil {
		t.Skipf("needs the npm registry once to fetch @cdktn/provider-random: %v", err)
	}
	eph := prov.EphemeralResources["random_password"]
	if eph == nil || prov.Resources["random_password"] == nil {
		t.Fatalf("random_password: ephemeral %v, resource %v; want both", eph != nil, prov.Resources["random_password"] != nil)
	}
	for _, c := range [][2]string{
		{"length", "required number"},
		{"override_special", "optional string"},
		{"result", "computed string"},
	} {
		if got := describe(eph.Block, c[0]); got != c[1] {
			t.Errorf("ephemeral random_password.%s = %q, want %q", c[0], got, c[1])
		}
	}
}
