package offline

import (
	"context"
	"crypto/md5"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/outerbounds/terraform-aws-metaflow/test/internal/tfoffline"
)

// awsNameRule is what AWS accepts for one kind of name, written from the
// AWS documentation independently of modules/common (whose limits are what is
// under test). Names of one namespace must be distinct.
type awsNameRule struct {
	namespace string
	max       int            // longest name AWS accepts, less what is appended to ours
	valid     *regexp.Regexp // whole-name character rule
	forbidden *regexp.Regexp // patterns AWS rejects even within the charset; nil for none
	// appended is a sample of what the module adds to the name before AWS
	// sees it (its room is already taken off max); uniqueness is checked on
	// the name with it.
	appended string
}

var (
	alnumHyphen   = regexp.MustCompile(`^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?$`)
	alnumHyphenUs = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)
	iamName       = regexp.MustCompile(`^[\w+=,.@-]+$`)
	rdsName       = regexp.MustCompile(`^[a-z][a-z0-9-]*[a-z0-9]$`)
	doubleHyphen  = regexp.MustCompile(`--`)
	printable     = regexp.MustCompile(`^[\x21-\x7e]+$`)
)

func rule(namespace string, max int, valid, forbidden *regexp.Regexp) awsNameRule {
	return awsNameRule{namespace: namespace, max: max, valid: valid, forbidden: forbidden}
}

// awsRuleFor classifies a names key by what it names.
func awsRuleFor(key string) (awsNameRule, bool) {
	switch {
	case key == "datastore_s3_bucket":
		return rule("s3-bucket", 63, regexp.MustCompile(`^[a-z0-9][a-z0-9.-]*[a-z0-9]$`),
			regexp.MustCompile(`(\.\.|^xn--|^sthree-|^amzn-s3-demo-|-s3alias$|--ol-s3$|--x-s3$|--table-s3$)`)), true
	case key == "datastore_db_identifier":
		return rule("rds-instance", 63, rdsName, doubleHyphen), true
	case key == "datastore_db_cluster_instance": // "-N" is appended
		r := rule("rds-instance", 61, rdsName, doubleHyphen)
		r.appended = "-1"
		return r, true
	case key == "datastore_db_final_snapshot": // "-" and a random pet are appended
		return rule("rds-snapshot", 200, rdsName, doubleHyphen), true
	case key == "datastore_db_subnet_group":
		return rule("rds-subnet-group", 255, regexp.MustCompile(`^[a-z0-9._ -]+$`), regexp.MustCompile(`^default$`)), true
	case key == "computation_batch_compute_environment": // used as a name_prefix (see namePrefixUses)
		return rule("batch-compute-environment", 128, alnumHyphenUs, nil), true
	case key == "computation_batch_job_queue":
		return rule("batch-job-queue", 128, alnumHyphenUs, nil), true
	case key == "computation_launch_template": // used as a name_prefix (see namePrefixUses)
		return rule("launch-template", 128, regexp.MustCompile(`^[A-Za-z0-9().\-/_]+$`), nil), true
	case key == "root_ecr_repository":
		return rule("ecr-repository", 256, regexp.MustCompile(`^[a-z0-9]+([._-][a-z0-9]+)*$`), nil), true
	case key == "root_eks_cluster":
		return rule("eks-cluster", 100, regexp.MustCompile(`^[0-9A-Za-z][A-Za-z0-9_-]*$`), nil), true
	case key == "services_namespace":
		return rule("kubernetes-namespace", 63, regexp.MustCompile(`^[a-z0-9]([-a-z0-9]*[a-z0-9])?$`), nil), true
	case key == "sfn_dynamodb_table":
		return rule("dynamodb-table", 255, regexp.MustCompile(`^[A-Za-z0-9_.-]{3,}$`), nil), true
	case key == "sfn_state_machine_prefix": // Metaflow appends "_" and the flow name; state machine names stop at 80
		return rule("sfn-state-machine-prefix", 60, alnumHyphenUs, nil), true
	case key == "root_vpc": // a Name tag value
		return rule("vpc-name-tag", 256, printable, nil), true
	case strings.HasSuffix(key, "_role"):
		return rule("iam-role", 64, iamName, nil), true
	case strings.HasSuffix(key, "_instance_profile"):
		return rule("iam-instance-profile", 128, iamName, nil), true
	case strings.HasSuffix(key, "_security_group"):
		return rule("security-group", 255, regexp.MustCompile(`^[A-Za-z0-9 ._\-:/()#,@\[\]+=&;{}!$*]+$`), regexp.MustCompile(`^sg-`)), true
	case strings.Contains(key, "_tg_") || strings.HasSuffix(key, "_tg"):
		return rule("elb-target-group", 32, alnumHyphen, nil), true
	case strings.HasSuffix(key, "_nlb") || strings.HasSuffix(key, "_alb"):
		return rule("elb-load-balancer", 32, alnumHyphen, regexp.MustCompile(`^internal-`)), true
	case strings.HasSuffix(key, "_lambda"):
		return rule("lambda-function", 64, alnumHyphenUs, nil), true
	case strings.HasSuffix(key, "_log_group"): // room is left for a "/aws/..." style path before it
		return rule("log-group", 480, regexp.MustCompile(`^[.\-_/#A-Za-z0-9]+$`), nil), true
	case strings.Contains(key, "_kms_"): // used as alias/NAME, limit 256
		return rule("kms-alias", 250, regexp.MustCompile(`^[A-Za-z0-9/_-]+$`), regexp.MustCompile(`^aws/`)), true
	case strings.HasSuffix(key, "_secret"):
		return rule("secretsmanager-secret", 512, regexp.MustCompile(`^[A-Za-z0-9/_+=.@-]+$`), nil), true
	case strings.HasSuffix(key, "_ecs_cluster"):
		return rule("ecs-cluster", 255, alnumHyphenUs, nil), true
	case strings.HasSuffix(key, "_service"):
		return rule("ecs-service", 255, alnumHyphenUs, nil), true
	case strings.HasSuffix(key, "_task_family"):
		return rule("ecs-task-family", 255, alnumHyphenUs, nil), true
	case strings.HasPrefix(key, "metadata_api_") || key == "metadata_usage_plan" || key == "metadata_vpc_link":
		return rule("apigateway-"+strings.TrimPrefix(key, "metadata_"), 128, printable, nil), true
	}
	return awsNameRule{}, false
}

// terraformUniqueSuffix is the length of what the AWS provider appends to a
// name_prefix to make the name unique.
const terraformUniqueSuffix = 26

var (
	// namePrefixLine is a name_prefix argument; its value may choose between
	// names (an upgraded stack keeps the old line's prefix).
	namePrefixLine = regexp.MustCompile(`(?m)^\s*name_prefix\s*=(.*)$`)
	// nameInTemplate is a name inside a template, with the literal text after it.
	nameInTemplate = regexp.MustCompile(`"\$\{(?:local|module\.common)\.names\.([a-z0-9_]+)\}([^"]*)"`)
	// bareName is a name used as the whole prefix.
	bareName = regexp.MustCompile(`(?:^|[^{.\w])(?:local|module\.common)\.names\.([a-z0-9_]+)`)
)

// namePrefixUses finds the names keys the repository's configurations use as
// a name_prefix, with how many characters end up after the name: the literal
// text after it in the template plus the provider's unique suffix.
func namePrefixUses(t *testing.T, root string) map[string]int {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(root, "*.tf"))
	if err != nil {
		t.Fatal(err)
	}
	modFiles, err := filepath.Glob(filepath.Join(root, "modules", "*", "*.tf"))
	if err != nil {
		t.Fatal(err)
	}
	uses := map[string]int{}
	for _, f := range append(files, modFiles...) {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range namePrefixLine.FindAllStringSubmatch(string(src), -1) {
			for _, m := range nameInTemplate.FindAllStringSubmatch(line[1], -1) {
				uses[m[1]] = max(uses[m[1]], len(m[2])+terraformUniqueSuffix)
			}
			for _, m := range bareName.FindAllStringSubmatch(nameInTemplate.ReplaceAllString(line[1], ""), -1) {
				uses[m[1]] = max(uses[m[1]], terraformUniqueSuffix)
			}
		}
	}
	return uses
}

type namingCase struct {
	name           string
	prefix, suffix string
	// exact names expected for a few keys, to pin the rule's shape
	exact map[string]string
}

func namingCases() []namingCase {
	const (
		prefix32 = "abcdefghijklmnopqrstuvwxyz-01234"
		suffix16 = "abcdefghijklmnop"
	)
	return []namingCase{
		{name: "shortest", prefix: "m", exact: map[string]string{"datastore_s3_bucket": "m-s3", "ui_alb": "m-ui"}},
		{name: "generated_prefix_no_suffix", prefix: "metaflow-a1b2c",
			exact: map[string]string{"datastore_s3_bucket": "metaflow-a1b2c-s3", "metadata_nlb": "metaflow-a1b2c-nlb", "sfn_role": "metaflow-a1b2c-sfn"}},
		{name: "typical", prefix: "metaflow", suffix: "prod",
			exact: map[string]string{"datastore_s3_bucket": "metaflow-s3-prod", "ui_tg_backend": "metaflow-ui-backend-prod", "datastore_db_identifier": "metaflow-db-prod"}},
		{name: "hyphens_at_the_joins", prefix: "team-", suffix: "-dev",
			exact: map[string]string{"datastore_s3_bucket": "team-s3-dev", "ui_alb": "team-ui-dev"}},
		{name: "longest", prefix: prefix32, suffix: suffix16,
			exact: map[string]string{
				"datastore_s3_bucket": prefix32 + "-s3-" + suffix16,
				"ui_alb":              truncated(prefix32, "ui", suffix16, 32),
				"ui_tg_backend":       truncated(prefix32, "ui-backend", suffix16, 32),
			}},
		{name: "longest_other_suffix", prefix: prefix32, suffix: "abcdefghijklmnoq"},
		{name: "longest_digits_suffix", prefix: "z" + prefix32[1:], suffix: "0123456789012345"},
	}
}

// truncated is the documented rule for a name over its limit: as much of
// the prefix as fits, the whole role word, then 8 hex characters of the md5
// of the full name.
func truncated(prefix, role, suffix string, limit int) string {
	full := strings.Join([]string{prefix, role, suffix}, "-")
	sum := md5.Sum([]byte(full))
	keep := limit - len(role) - 10
	return strings.TrimRight(prefix[:keep], "-") + "-" + role + "-" + hex.EncodeToString(sum[:])[:8]
}

// TestNaming evaluates modules/common's names for each case in one apply and
// checks every name against AWS's rules for what it names, uniqueness within
// each namespace, and a few exact names.
func TestNaming(t *testing.T) {
	t.Parallel()
	root := tfoffline.RepoRoot(t)
	cases := namingCases()
	instances := map[string]map[string]any{}
	for _, c := range cases {
		instances[c.name] = map[string]any{"resource_prefix": c.prefix, "resource_suffix": c.suffix}
	}
	appended := namePrefixUses(t, root)
	if appended["computation_batch_compute_environment"] == 0 {
		t.Fatal("found no name_prefix use of names.computation_batch_compute_environment: the scan for name_prefix uses is broken")
	}
	dir := tfoffline.ModuleHarness(t, filepath.Join(root, "modules", "common"), instances)
	ctx, cancel := context.WithTimeout(t.Context(), deadline)
	defer cancel()
	outputs, err := tfoffline.ApplyOutputs(t, ctx, tfoffline.Options(t, dir, nil))
	if err != nil {
		t.Fatal(err)
	}

	all := map[string]map[string]string{} // case -> key -> name
	for _, c := range cases {
		var out struct {
			Names map[string]string `json:"names"`
		}
		if err := json.Unmarshal(outputs[c.name], &out); err != nil {
			t.Fatalf("case %s: decoding names: %v", c.name, err)
		}
		if len(out.Names) == 0 {
			t.Fatalf("case %s: no names", c.name)
		}
		all[c.name] = out.Names
		t.Run(c.name, func(t *testing.T) {
			checkNames(t, c, out.Names, appended)
		})
	}

	// Two deployments whose long prefixes share a start, or that differ only
	// by suffix, must not collide on any truncated name.
	t.Run("truncated_names_stay_distinct_between_deployments", func(t *testing.T) {
		for key, a := range all["longest"] {
			if b := all["longest_other_suffix"][key]; a == b {
				t.Errorf("%s: suffixes %q and %q give the same name %q", key, "abcdefghijklmnop", "abcdefghijklmnoq", a)
			}
		}
	})
}

func checkNames(t *testing.T, c namingCase, names map[string]string, appended map[string]int) {
	t.Helper()
	keys := make([]string, 0, len(names))
	for k := range names {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	seen := map[string]string{} // namespace/name -> key
	for _, key := range keys {
		name := names[key]
		rule, ok := awsRuleFor(key)
		if !ok {
			t.Errorf("%s: the naming test has no AWS rule for this key; add it to awsRuleFor", key)
			continue
		}
		if n := len(name) + appended[key]; n > rule.max {
			what := fmt.Sprintf("%d characters", n)
			if appended[key] > 0 {
				what += fmt.Sprintf(" (%d appended to it as a name_prefix)", appended[key])
			}
			t.Errorf("%s = %q: %s, over the %d a %s accepts", key, name, what, rule.max, rule.namespace)
		}
		if !rule.valid.MatchString(name) {
			t.Errorf("%s = %q: characters a %s does not accept (rule %s)", key, name, rule.namespace, rule.valid)
		}
		if rule.forbidden != nil && rule.forbidden.MatchString(name) {
			t.Errorf("%s = %q: a %s may not match %s", key, name, rule.namespace, rule.forbidden)
		}
		id := rule.namespace + "/" + name + rule.appended
		if other, dup := seen[id]; dup {
			t.Errorf("%s and %s both name a %s %q", other, key, rule.namespace, name)
		}
		seen[id] = key
		if c.prefix != "" && !strings.HasPrefix(name, strings.TrimRight(c.prefix, "-")[:1]) {
			t.Errorf("%s = %q does not start with the prefix", key, name)
		}
	}
	for key, want := range c.exact {
		if got, ok := names[key]; !ok {
			t.Errorf("%s: missing from names", key)
		} else if got != want {
			t.Errorf("%s = %q, want %q", key, got, want)
		}
	}
	if testing.Verbose() {
		fmt.Printf("%s: %d names checked\n", c.name, len(names))
	}
}
