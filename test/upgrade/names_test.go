package upgrade

import (
	"context"
	"encoding/json"
	"path/filepath"
	"testing"
	"time"

	"github.com/outerbounds/terraform-aws-metaflow/test/internal/tfoffline"
)

// nameKeys maps an old resource (its module and address, instance keys
// dropped) to the key of modules/common's names that names it here, and
// what the module appends to that name ("-0" for the first Aurora instance).
var nameKeys = map[string]struct{ key, appended string }{
	"/aws_ecr_repository.metaflow_batch_image":                                     {key: "root_ecr_repository"},
	"/aws_iam_role.batch_s3_task_role":                                             {key: "root_metaflow_task_role"},
	"metaflow-datastore/aws_db_subnet_group.this":                                  {key: "datastore_db_subnet_group"},
	"metaflow-datastore/aws_security_group.rds_security_group":                     {key: "datastore_db_security_group"},
	"metaflow-datastore/aws_rds_cluster.this":                                      {key: "datastore_db_identifier"},
	"metaflow-datastore/aws_rds_cluster_instance.cluster_instances":                {key: "datastore_db_cluster_instance", appended: "-0"},
	"metaflow-datastore/aws_db_instance.this":                                      {key: "datastore_db_identifier"},
	"metaflow-datastore/aws_s3_bucket.this":                                        {key: "datastore_s3_bucket"},
	"metaflow-datastore/aws_s3_bucket_public_access_block.this":                    {key: "datastore_s3_bucket"},
	"metaflow-datastore/aws_s3_bucket_server_side_encryption_configuration.this":   {key: "datastore_s3_bucket"},
	"metaflow-datastore/aws_s3_bucket_ownership_controls.metaflow-datastore":       {key: "datastore_s3_bucket"},
	"metaflow-computation/aws_batch_compute_environment.this":                      {key: "computation_batch_compute_environment"},
	"metaflow-computation/aws_batch_job_queue.this":                                {key: "computation_batch_job_queue"},
	"metaflow-computation/aws_launch_template.cpu":                                 {key: "computation_launch_template"},
	"metaflow-computation/aws_iam_instance_profile.ecs_instance_role":              {key: "computation_ecs_instance_profile"},
	"metaflow-computation/aws_security_group.this":                                 {key: "computation_batch_security_group"},
	"metaflow-computation/aws_iam_role.batch_execution_role":                       {key: "computation_batch_service_role"},
	"metaflow-computation/aws_iam_role.ecs_execution_role":                         {key: "computation_ecs_execution_role"},
	"metaflow-computation/aws_iam_role.ecs_instance_role":                          {key: "computation_ecs_instance_role"},
	"metaflow-metadata-service/aws_api_gateway_rest_api.this":                      {key: "metadata_api_gateway"},
	"metaflow-metadata-service/aws_api_gateway_vpc_link.this":                      {key: "metadata_vpc_link"},
	"metaflow-metadata-service/aws_api_gateway_api_key.this":                       {key: "metadata_api_key"},
	"metaflow-metadata-service/aws_api_gateway_usage_plan.this":                    {key: "metadata_usage_plan"},
	"metaflow-metadata-service/aws_cloudwatch_log_group.this":                      {key: "metadata_log_group"},
	"metaflow-metadata-service/aws_security_group.metadata_service_security_group": {key: "metadata_security_group"},
	"metaflow-metadata-service/aws_lb.this":                                        {key: "metadata_nlb"},
	"metaflow-metadata-service/aws_lb_target_group.this":                           {key: "metadata_nlb_tg_api"},
	"metaflow-metadata-service/aws_lb_target_group.db_migrate":                     {key: "metadata_nlb_tg_migration"},
	"metaflow-metadata-service/aws_ecs_cluster.this":                               {key: "metadata_ecs_cluster"},
	"metaflow-metadata-service/aws_ecs_task_definition.this":                       {key: "metadata_task_family"},
	"metaflow-metadata-service/aws_ecs_service.this":                               {key: "metadata_ecs_service"},
	"metaflow-metadata-service/aws_iam_role.metadata_svc_ecs_task_role":            {key: "metadata_task_role"},
	"metaflow-metadata-service/aws_iam_role.lambda_ecs_execute_role":               {key: "metadata_migration_lambda_role"},
	"metaflow-metadata-service/aws_lambda_function.db_migrate_lambda":              {key: "metadata_migration_lambda"},
	"metaflow-ui/aws_cloudwatch_log_group.this":                                    {key: "ui_log_group"},
	"metaflow-ui/aws_security_group.fargate_security_group":                        {key: "ui_backend_security_group"},
	"metaflow-ui/aws_security_group.ui_lb_security_group":                          {key: "ui_alb_security_group"},
	"metaflow-ui/aws_lb.this":                                                      {key: "ui_alb"},
	"metaflow-ui/aws_lb_target_group.ui_backend":                                   {key: "ui_tg_backend"},
	"metaflow-ui/aws_lb_target_group.ui_static":                                    {key: "ui_tg_static"},
	"metaflow-ui/aws_ecs_cluster.this":                                             {key: "ui_ecs_cluster"},
	"metaflow-ui/aws_ecs_task_definition.ui_backend":                               {key: "ui_backend_service"},
	"metaflow-ui/aws_ecs_service.ui_backend":                                       {key: "ui_backend_service"},
	"metaflow-ui/aws_ecs_task_definition.ui_static":                                {key: "ui_static_service"},
	"metaflow-ui/aws_ecs_service.ui_static":                                        {key: "ui_static_service"},
	"metaflow-ui/aws_iam_role.metadata_ui_ecs_task_role":                           {key: "ui_task_role"},
	"metaflow-step-functions/aws_dynamodb_table.step_functions_state_table":        {key: "sfn_dynamodb_table"},
	"metaflow-step-functions/aws_iam_role.eventbridge_role":                        {key: "sfn_eventbridge_role"},
	"metaflow-step-functions/aws_iam_role.step_functions_role":                     {key: "sfn_role"},
}

// nameKeyOf returns the nameKeys entry of an old address.
func nameKeyOf(address string) (string, string, bool) {
	k, ok := nameKeys[resourceKey(address)]
	return k.key, k.appended, ok
}

// deployable are the facts' cases each line could deploy (the others are
// shown in the facts only to illustrate a formula).
var deployable = map[string][]string{LineV012: {"A_v012", "B"}, LineRefresh: {"A_js", "B", "C"}}

// caseInputs are resource_prefix and resource_suffix as the caller gave
// them in each case, and the prefix our root hands the submodules for it:
// v0.12's default for an empty prefix was "metaflow"; the refresh branch
// drew "metaflow-" and a random string (here the facts' "jsrnd").
func caseInputs(line, c string) (prefix, suffix string) {
	switch c {
	case "A_v012":
		return "metaflow", "abc123"
	case "A_js":
		return "metaflow-", "abc123"
	case "B":
		return "metaflow", ""
	}
	return "metaflow-jsrnd", ""
}

func instanceName(line, c string) string {
	return map[string]string{LineV012: "v012", LineRefresh: "refresh"}[line] + "_" + c
}

// TestUpgradedNamesAreTheOldOnes evaluates modules/common's naming rule
// (real terraform, no provider) for every deployable case of both lines and
// compares each name with the identity the facts give the old resource:
// the bucket, the database, the roles, the queue and every other named
// resource keep their names; a fresh stack's names are untouched by it.
// It needs no provider, so it runs where the plans of TestUpgradePlan skip.
func TestUpgradedNamesAreTheOldOnes(t *testing.T) {
	facts, err := LoadFacts()
	if err != nil {
		t.Fatal(err)
	}
	instances := map[string]map[string]any{}
	for line, cases := range deployable {
		for _, c := range cases {
			prefix, suffix := caseInputs(line, c)
			instances[instanceName(line, c)] = map[string]any{"resource_prefix": prefix, "resource_suffix": suffix, "upgrade_from": UpgradeFrom(line)}
		}
	}
	instances["fresh"] = map[string]any{"resource_prefix": "metaflow", "resource_suffix": "abc123"}
	dir := tfoffline.ModuleHarness(t, filepath.Join(repoRoot(t), "modules", "common"), instances)
	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Minute)
	defer cancel()
	outputs, err := tfoffline.ApplyOutputs(t, ctx, tfoffline.Options(t, dir, nil))
	if err != nil {
		t.Fatal(err)
	}
	names := func(instance string) map[string]string {
		var o struct {
			Names map[string]string `json:"names"`
		}
		if err := json.Unmarshal(outputs[instance], &o); err != nil {
			t.Fatalf("%s: %v", instance, err)
		}
		return o.Names
	}
	checked := 0
	for line, cases := range deployable {
		for _, c := range cases {
			got := names(instanceName(line, c))
			for _, r := range facts.Lines[line].Resources {
				want, ok := r.IdentityValues[c]
				if !ok {
					continue
				}
				key, appended, ok := nameKeyOf(r.Address)
				if !ok {
					t.Errorf("%s %s: the facts name it (%q) but nameKeys does not say which of our names it is", line, r.Address, want)
					continue
				}
				if got[key]+appended != want {
					t.Errorf("%s case %s: %s is named %q here (names.%s%s), %q by the old line", line, c, r.Address, got[key]+appended, key, appended, want)
				}
				checked++
			}
			// Redeployed flows must find their state machines: the prefix is
			// the line's stack name, as its job queue's name.
			queue, _ := facts.Lines[line].Find(map[string]string{LineV012: "module.metaflow-computation.aws_batch_job_queue.this", LineRefresh: "module.metaflow-computation[0].aws_batch_job_queue.this"}[line])
			if want := queue.IdentityValues[c]; got["sfn_state_machine_prefix"] != want {
				t.Errorf("%s case %s: METAFLOW_SFN_STATE_MACHINE_PREFIX would be %q, the old line's is %q", line, c, got["sfn_state_machine_prefix"], want)
			}
		}
	}
	if checked < 100 {
		t.Errorf("only %d names compared: the facts' identity values did not reach the check", checked)
	}
	fresh := names("fresh")
	if fresh["datastore_s3_bucket"] != "metaflow-s3-abc123" || fresh["computation_batch_job_queue"] != "metaflow-batch-queue-abc123" {
		t.Errorf("a stack that upgrades from nothing must keep today's names, got bucket %q and queue %q", fresh["datastore_s3_bucket"], fresh["computation_batch_job_queue"])
	}
	t.Logf("%d old names compared with ours for %d cases", checked, len(instances)-1)
}
