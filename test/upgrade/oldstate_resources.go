package upgrade

import (
	"encoding/json"
	"fmt"
	"strings"
)

// This file holds what an old stack's state says of each resource: the
// arguments the old line's HCL set (research of the two lines' sources,
// summarised in UPGRADING.md's sources note), their identity values from
// the facts, and plausible values for what AWS computed. Attributes it
// leaves out are null (see complete).

// world is one old stack while its state is built: names and the ids its
// resources refer to each other by.
type world struct {
	s    Stack
	v012 bool
}

func newWorld(s Stack, _ *Line) *world { return &world{s: s, v012: s.Line == LineV012} }

func (w *world) n(role string) string { return w.s.name(role) }

// tags are the caller's tags, as every old resource with tags carried them.
func (w *world) tags(extra ...string) map[string]any {
	t := map[string]any{"managedBy": "terraform"}
	for i := 0; i+1 < len(extra); i += 2 {
		t[extra[i]] = extra[i+1]
	}
	return t
}

func policyJSON(statements ...map[string]any) string {
	b, _ := json.Marshal(map[string]any{"Version": "2012-10-17", "Statement": statements})
	return string(b)
}

func assumeRole(services ...string) string {
	var principal any = services[0]
	if len(services) > 1 {
		principal = services
	}
	return policyJSON(map[string]any{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": map[string]any{"Service": principal}})
}

// Ids and addresses of the old resources, derived from their names.
func (w *world) restAPIID() string   { return fakeToken("rest-api:"+w.n("api"), 10) }
func (w *world) apiKeyValue() string { return fakeToken("api-key-value:"+w.n("key"), 40) }
func (w *world) nlbDNS() string {
	return fmt.Sprintf("%s-%s.elb.%s.amazonaws.com", w.n("nlb"), fakeToken("nlb:"+w.n("nlb"), 16), Region)
}
func (w *world) albDNS() string {
	return fmt.Sprintf("%s-%s.%s.elb.amazonaws.com", w.n("alb"), fakeToken("alb:"+w.n("alb"), 10), Region)
}
func (w *world) queueARN() string        { return arn("batch", "job-queue/"+w.s.stackName()) }
func (w *world) roleARN(n string) string { return iamARN("role/" + n) }
func (w *world) bucket() string          { return w.n("s3") }
func (w *world) sgID(name string) string { return fakeID("sg-", name) }
func (w *world) password() string {
	return "Pq7#mK2$vL9!xR4(wT6)zN8-sB3_fH5=gJ1+cD0[eA7]yU2{iO9}kE4<lW6>nQ8:" // 64, the old override_special set
}
func (w *world) ecsClusterARN() string { return arn("ecs", "cluster/"+w.s.stackName()) }
func (w *world) ecrURL() string {
	return fmt.Sprintf("%s.dkr.ecr.%s.amazonaws.com/%s", Account, Region, w.n("batch"))
}

func (w *world) kmsKey(which string) (id, keyARN string) {
	id = fakeUUID("kms:" + which + ":" + w.s.Name)
	return id, arn("kms", "key/"+id)
}

func (w *world) subnetIDs() []any { return []any{SubnetIDs[0], SubnetIDs[1]} }

// outputs are what the kept outputs held before the upgrade.
func (w *world) outputs() map[string]string {
	o := map[string]string{
		"METAFLOW_SERVICE_URL":                fmt.Sprintf("https://%s.execute-api.%s.amazonaws.com/api/", w.restAPIID(), Region),
		"METAFLOW_SERVICE_INTERNAL_URL":       "http://" + w.nlbDNS() + "/",
		"METAFLOW_SERVICE_AUTH_KEY":           w.apiKeyValue(),
		"METAFLOW_BATCH_JOB_QUEUE":            w.queueARN(),
		"METAFLOW_ECS_S3_ACCESS_IAM_ROLE":     w.roleARN(w.n("batch_s3_task_role")),
		"METAFLOW_DATASTORE_SYSROOT_S3":       "s3://" + w.bucket() + "/metaflow",
		"metaflow_s3_bucket_name":             w.bucket(),
		"METAFLOW_SFN_IAM_ROLE":               "",
		"METAFLOW_EVENTS_SFN_ACCESS_IAM_ROLE": "",
		"METAFLOW_SFN_DYNAMO_DB_TABLE":        "",
		"metaflow_batch_container_image":      "",
		"ui_alb_dns_name":                     "",
	}
	if w.s.StepFunctions {
		o["METAFLOW_SFN_IAM_ROLE"] = w.roleARN(w.n("step_functions_role"))
		o["METAFLOW_EVENTS_SFN_ACCESS_IAM_ROLE"] = w.roleARN(w.n("eventbridge_role"))
		o["METAFLOW_SFN_DYNAMO_DB_TABLE"] = w.n("step_functions_state")
		o["profile.METAFLOW_SFN_STATE_MACHINE_PREFIX"] = w.s.stackName()
	}
	if w.s.ECR {
		o["metaflow_batch_container_image"] = w.ecrURL()
	}
	if w.s.UI {
		o["ui_alb_dns_name"] = w.albDNS()
	}
	return o
}

// attributes returns the state attributes of one old resource.
func (w *world) attributes(r Resource) (map[string]any, error) {
	key := resourceKey(r.Address)
	build, ok := oldResources[key]
	if !ok {
		return nil, fmt.Errorf("no state template for %s (%s)", key, r.Type)
	}
	attrs := build(w)
	if want, ok := w.s.Identity(r); ok && !holds(attrs, want) {
		return nil, fmt.Errorf("its template has no attribute with the facts' identity value %q", want)
	}
	return attrs, nil
}

// holds reports whether a top-level string attribute has the value.
func holds(attrs map[string]any, v string) bool {
	for _, a := range attrs {
		if s, ok := a.(string); ok && s == v {
			return true
		}
	}
	return false
}

type template func(w *world) map[string]any

// oldResources are the templates, by resourceKey.
var oldResources = map[string]template{}

func init() {
	for k, t := range rootResources {
		oldResources[k] = t
	}
	for k, t := range datastoreResources {
		oldResources["metaflow-datastore/"+k] = t
	}
	for k, t := range computationResources {
		oldResources["metaflow-computation/"+k] = t
	}
	for _, m := range []map[string]template{metadataResources, metadataIAMResources, serviceTaskRolePolicies("metadata-ecs-task")} {
		for k, t := range m {
			oldResources["metaflow-metadata-service/"+k] = t
		}
	}
	for _, m := range []map[string]template{uiResources, serviceTaskRolePolicies("ui-ecs-task")} {
		for k, t := range m {
			oldResources["metaflow-ui/"+k] = t
		}
	}
	for k, t := range stepFunctionsResources {
		oldResources["metaflow-step-functions/"+k] = t
	}
	for k, t := range servicesResources {
		oldResources["metaflow_helm/"+k] = t
	}
}

// serviceTaskRolePolicies are the three inline policies both old service
// modules (metadata service and UI) gave their task role, named role.
func serviceTaskRolePolicies(role string) map[string]template {
	return map[string]template{
		"aws_iam_role_policy.grant_s3_kms": func(w *world) map[string]any {
			_, key := w.kmsKey("s3")
			return inlinePolicy(w.n(role), "s3_kms", allow([]string{"kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"}, key))
		},
		"aws_iam_role_policy.grant_custom_s3_batch": func(w *world) map[string]any {
			b := "arn:aws:s3:::" + w.bucket()
			return inlinePolicy(w.n(role), "custom_s3", allow([]string{"s3:GetObject", "s3:ListBucket"}, b+"/*", b))
		},
		"aws_iam_role_policy.grant_deny_presigned_batch": func(w *world) map[string]any {
			return inlinePolicy(w.n(role), "deny_presigned", map[string]any{"Effect": "Deny", "Action": "s3:*", "Resource": "*"})
		},
	}
}

// role is an aws_iam_role as the old line wrote one.
func (w *world) role(name, description string, services ...string) map[string]any {
	a := map[string]any{
		"name": name, "id": name, "arn": w.roleARN(name), "assume_role_policy": assumeRole(services...),
		"path": "/", "max_session_duration": 3600, "force_detach_policies": false,
		"unique_id": "AROA" + strings.ToUpper(fakeToken("role:"+name, 17)), "create_date": "2023-05-04T10:20:30Z",
		"tags": w.tags(), "tags_all": w.tags(), "managed_policy_arns": []any{}, "description": description,
	}
	if description == "" {
		a["description"] = ""
	}
	return a
}

// inlinePolicy is an aws_iam_role_policy.
func inlinePolicy(role, name string, statements ...map[string]any) map[string]any {
	return map[string]any{"id": role + ":" + name, "name": name, "role": role, "policy": policyJSON(statements...)}
}

func allow(actions []string, resources ...string) map[string]any {
	return map[string]any{"Effect": "Allow", "Action": actions, "Resource": resources}
}

// sgRule is one inline rule of an aws_security_group.
func sgRule(from, to int, protocol string, cidrs []any, groups []any, self bool, description string) map[string]any {
	if cidrs == nil {
		cidrs = []any{}
	}
	if groups == nil {
		groups = []any{}
	}
	return map[string]any{
		"from_port": from, "to_port": to, "protocol": protocol, "cidr_blocks": cidrs, "ipv6_cidr_blocks": []any{},
		"prefix_list_ids": []any{}, "security_groups": groups, "self": self, "description": description,
	}
}

func (w *world) securityGroup(name, description string, ingress, egress []any, tags map[string]any) map[string]any {
	id := w.sgID(name)
	return map[string]any{
		"id": id, "arn": arn("ec2", "security-group/"+id), "name": name, "name_prefix": "", "description": description,
		"vpc_id": VPCID, "owner_id": Account, "ingress": ingress, "egress": egress, "revoke_rules_on_delete": false,
		"tags": tags, "tags_all": tags,
	}
}

func logGroup(name string, tags map[string]any) map[string]any {
	return map[string]any{
		"id": name, "name": name, "name_prefix": "", "arn": arn("logs", "log-group:"+name), "retention_in_days": 0,
		"kms_key_id": "", "log_group_class": "STANDARD", "skip_destroy": false, "tags": tags, "tags_all": tags,
	}
}
