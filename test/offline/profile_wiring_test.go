package offline

import (
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/outerbounds/terraform-aws-metaflow/test/internal/tfoffline"
)

// The root module needs the AWS provider, so its wiring of modules/profile
// cannot be applied offline. This test reads it instead: each input of the
// module "profile" call, with every local it uses expanded, must reach the
// component output Metaflow expects for that key, and nothing secret.

// profileWiring maps each modules/profile input to patterns of references
// (module.NAME.OUTPUT, var.NAME, TYPE.NAME.ATTR, with indexes and splats
// dropped) of which every one must be reached.
var profileWiring = map[string][]string{
	"argo_events":                   {`^module\.services\.argo_events$`},
	"argo_workflows_ui_url":         {`^module\.services\.argo_workflows_ui_url$`},
	"kubernetes_container_image":    {`^aws_ecr_repository\.\w+\.repository_url$`, `^var\.create_eks_cluster$`},
	"kubernetes_container_registry": {`^aws_ecr_repository\.\w+\.repository_url$`, `^var\.create_eks_cluster$`},
	"batch_container_image":         {`^aws_ecr_repository\.\w+\.repository_url$`},
	"batch_container_registry":      {`^aws_ecr_repository\.\w+\.repository_url$`},
	"batch_job_queue":               {`^module\.computation\.batch_job_queue_arn$`},
	"datastore_sysroot_s3":          {`^module\.datastore\.METAFLOW_DATASTORE_SYSROOT_S3$`, `^var\.metaflow_s3_sys_root$`},
	"datatools_s3root":              {`^module\.datastore\.METAFLOW_DATATOOLS_S3ROOT$`},
	"ecs_fargate_execution_role":    {`^module\.computation\.\w*execution_role_arn$`},
	"ecs_s3_access_iam_role":        {`^aws_iam_role\.\w+\.arn$`},
	"events_sfn_access_iam_role":    {`^module\.step_functions\.\w*eventbridge_role_arn$`},
	"kubernetes_namespace":          {`^module\.common\.names$`},
	"kubernetes_service_account":    {`^var\.create_eks_cluster$`},
	"service_internal_url":          {`^module\.metadata_service\.METAFLOW_SERVICE_INTERNAL_URL$`, `^module\.services\.\w*internal_url$`},
	"service_url":                   {`^module\.metadata_service\.METAFLOW_SERVICE_URL$`, `^module\.services\.metadata_service_url$`},
	"sfn_dynamo_db_table":           {`^module\.step_functions\.\w*dynamodb_table_name$`},
	"sfn_iam_role":                  {`^module\.step_functions\.\w*step_functions_role_arn$`},
	"sfn_state_machine_prefix":      {`^module\.step_functions\.\w*state_machine_prefix$`},
	"ui_url":                        {`^module\.ui\.url$`, `^module\.services\.ui_url$`},
}

var (
	// A reference in expression source: its first two or three names, with
	// an index or splat between them dropped.
	referencePattern = regexp.MustCompile(`\b(module|local|var|aws_[a-z0-9_]+)\.([A-Za-z0-9_]+)((?:\[[^\]]*\])?\.([A-Za-z0-9_]+))?`)
	secretReference  = regexp.MustCompile(`(?i)(password|secret|api_key|auth_key)`)
)

// rootConfig is the parsed root module: its files' bytes, bodies and locals.
type rootConfig struct {
	src    map[string][]byte
	bodies []*hclsyntax.Body
	locals map[string]*hclsyntax.Attribute
}

func loadRootConfig(t *testing.T, dir string) rootConfig {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.tf"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no .tf files in %s (err %v)", dir, err)
	}
	rc := rootConfig{src: map[string][]byte{}, locals: map[string]*hclsyntax.Attribute{}}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		file, diags := hclsyntax.ParseConfig(b, f, hcl.InitialPos)
		if diags.HasErrors() {
			t.Fatalf("parsing %s: %s", f, diags.Error())
		}
		rc.src[f] = b
		body := file.Body.(*hclsyntax.Body)
		rc.bodies = append(rc.bodies, body)
		for _, block := range body.Blocks {
			if block.Type == "locals" {
				maps.Copy(rc.locals, block.Body.Attributes)
			}
		}
	}
	return rc
}

func (rc rootConfig) text(r hcl.Range) string {
	return string(r.SliceBytes(rc.src[r.Filename]))
}

func (rc rootConfig) block(typ string, labels ...string) *hclsyntax.Block {
	for _, body := range rc.bodies {
		for _, b := range body.Blocks {
			if b.Type == typ && slices.Equal(b.Labels, labels) {
				return b
			}
		}
	}
	return nil
}

// references returns every reference the expression reaches, expanding
// locals (the locals themselves are listed too, as local.NAME).
func (rc rootConfig) references(expr hclsyntax.Expression) map[string]bool {
	out := map[string]bool{}
	var walk func(text string)
	walk = func(text string) {
		for _, m := range referencePattern.FindAllStringSubmatch(text, -1) {
			ref := m[1] + "." + m[2]
			switch m[1] {
			case "local":
				if out[ref] {
					continue
				}
				out[ref] = true
				if attr, ok := rc.locals[m[2]]; ok {
					walk(rc.text(attr.Expr.Range()))
				}
				continue
			case "module":
				if m[4] != "" {
					ref += "." + m[4]
				}
			case "var":
			default: // a resource: TYPE.NAME.ATTR
				if m[4] != "" {
					ref += "." + m[4]
				}
			}
			out[ref] = true
		}
	}
	walk(rc.text(expr.Range()))
	return out
}

func TestProfileWiring(t *testing.T) {
	t.Parallel()
	root := tfoffline.RepoRoot(t)
	rc := loadRootConfig(t, root)
	call := rc.block("module", "profile")
	if call == nil {
		t.Fatal("the root main.tf has no module \"profile\" call")
	}

	// Every input of modules/profile is wired, and only those.
	profileVars := map[string]bool{}
	for _, b := range loadRootConfig(t, filepath.Join(root, "modules", "profile")).bodies {
		for _, blk := range b.Blocks {
			if blk.Type == "variable" {
				profileVars[blk.Labels[0]] = true
			}
		}
	}
	for name := range profileVars {
		if _, ok := profileWiring[name]; !ok {
			t.Errorf("modules/profile input %s has no expected wiring in this test; add it to profileWiring", name)
		}
		if _, ok := call.Body.Attributes[name]; !ok {
			t.Errorf("module \"profile\" does not set %s", name)
		}
	}

	for _, name := range slices.Sorted(maps.Keys(profileWiring)) {
		t.Run(name, func(t *testing.T) {
			attr, ok := call.Body.Attributes[name]
			if !ok {
				t.Skipf("module \"profile\" does not set %s (reported above)", name)
			}
			refs := rc.references(attr.Expr)
			for _, pattern := range profileWiring[name] {
				re := regexp.MustCompile(pattern)
				if !slices.ContainsFunc(slices.Collect(maps.Keys(refs)), re.MatchString) {
					t.Errorf("%s = %s reaches %v, none matching %s", name, rc.text(attr.Expr.Range()), sortedRefs(refs), pattern)
				}
			}
			for ref := range refs {
				if secretReference.MatchString(ref) {
					t.Errorf("%s reaches %s: the profile output is not sensitive", name, ref)
				}
			}
		})
	}

	t.Run("output_is_the_profile_json", func(t *testing.T) {
		out := rc.block("output", "metaflow_aws_managed_profile_json")
		if out == nil {
			t.Fatal("no output metaflow_aws_managed_profile_json")
		}
		value, ok := out.Body.Attributes["value"]
		if !ok {
			t.Fatal("output metaflow_aws_managed_profile_json has no value")
		}
		if got := strings.TrimSpace(rc.text(value.Expr.Range())); got != "module.profile.json" {
			t.Errorf("metaflow_aws_managed_profile_json = %s, want module.profile.json", got)
		}
	})
}

func sortedRefs(refs map[string]bool) []string {
	return slices.Sorted(maps.Keys(refs))
}

// secretValue matches references that hold a secret value (not the ARN of a
// secret): passwords, API key values, secret strings, generated passwords.
var secretValue = regexp.MustCompile(`(?i)((password|api_key_value|auth_key|secret_string)$|^random_password\.)`)

// TestSecretOutputsAreSensitive: a root output whose value reaches a secret,
// through any chain of locals, is marked sensitive.
func TestSecretOutputsAreSensitive(t *testing.T) {
	t.Parallel()
	rc := loadRootConfig(t, tfoffline.RepoRoot(t))
	checked := 0
	for _, body := range rc.bodies {
		for _, out := range body.Blocks {
			if out.Type != "output" || len(out.Labels) != 1 {
				continue
			}
			value, ok := out.Body.Attributes["value"]
			if !ok {
				continue
			}
			var secrets []string
			for ref := range rc.references(value.Expr) {
				if secretValue.MatchString(ref) {
					secrets = append(secrets, ref)
				}
			}
			if len(secrets) == 0 {
				continue
			}
			checked++
			sensitive := false
			if attr, ok := out.Body.Attributes["sensitive"]; ok {
				sensitive = strings.TrimSpace(rc.text(attr.Expr.Range())) == "true"
			}
			if !sensitive {
				slices.Sort(secrets)
				t.Errorf("output %q reaches %v but is not sensitive", out.Labels[0], secrets)
			}
		}
	}
	t.Logf("%d outputs reach a secret value", checked)
}
