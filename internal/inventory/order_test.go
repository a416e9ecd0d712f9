package inventory

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/smithy-go"
)

// mustPrecede lists the dependencies the deletion order must respect:
// first must be deleted before second (second depends on first being gone).
var mustPrecede = [][2]string{
	{"eks:nodegroup", "eks:cluster"},
	{"ecs:service", "ecs:cluster"},
	{"batch:job-queue", "batch:compute-environment"},
	{"batch:compute-environment", "iam:role"},
	{"apigateway:usageplans", "apigateway:restapis"},
	{"apigateway:vpclinks", "elasticloadbalancing:loadbalancer"},
	{"elasticloadbalancing:loadbalancer", "elasticloadbalancing:targetgroup"},
	{"elasticloadbalancing:loadbalancer", "acm:certificate"},
	{"lambda:function", "ec2:security-group"},
	{"lambda:function", "logs:log-group"},
	{"rds:db", "rds:cluster"},
	{"rds:db", "rds:subgrp"},
	{"rds:cluster", "rds:subgrp"},
	{"rds:db", "rds:snapshot"},
	{"rds:db", "ec2:security-group"},
	{"ec2:natgateway", "ec2:elastic-ip"},
	{"ec2:natgateway", "ec2:subnet"},
	{"ec2:vpc-endpoint", "ec2:security-group"},
	{"ec2:vpc-endpoint", "ec2:subnet"},
	{"ec2:network-interface", "ec2:security-group"},
	{"ec2:security-group", "ec2:subnet"},
	{"ec2:subnet", "ec2:route-table"},
	{"ec2:subnet", "ec2:network-acl"},
	{"ec2:route-table", "ec2:internet-gateway"},
	{"ec2:internet-gateway", "ec2:vpc"},
	{"ec2:subnet", "ec2:vpc"},
	{"ec2:security-group", "ec2:vpc"},
	{"eks:cluster", "ec2:launch-template"},
	{"eks:cluster", "iam:role"},
	{"iam:instance-profile", "iam:role"},
	{"iam:policy", "iam:role"},
	{"ecs:service", "elasticloadbalancing:targetgroup"},
}

func TestStepsRespectDependencies(t *testing.T) {
	rank := stepRank()
	for _, p := range mustPrecede {
		a, okA := rank[p[0]]
		b, okB := rank[p[1]]
		if !okA || !okB {
			t.Errorf("no step for %s or %s", p[0], p[1])
			continue
		}
		if a >= b {
			t.Errorf("%s is deleted at step %d, not before %s (step %d)", p[0], a, p[1], b)
		}
	}
}

func TestSecurityGroupsRevokedBeforeAnyDeleted(t *testing.T) {
	var whats []string
	for _, s := range steps() {
		if s.Type == "ec2:security-group" {
			whats = append(whats, s.What)
		}
	}
	if len(whats) != 2 || !strings.HasPrefix(whats[0], "revoke") || !strings.Contains(whats[1], "delete") {
		t.Errorf("security group steps = %q, want revoke then delete", whats)
	}
}

func TestNoTypeIsBothDeletedAndLeftToAWS(t *testing.T) {
	auto := leftToAWS()
	for _, s := range steps() {
		if _, ok := auto[s.Type]; ok {
			t.Errorf("%s has a step and is also left to AWS", s.Type)
		}
		if s.Do == nil {
			t.Errorf("step %q for %s has no function", s.What, s.Type)
		}
	}
}

// recordingPlan is steps() with each Do replaced by a recorder, so the
// engine's walk can be watched without AWS.
func recordingPlan(calls *[]string, fail map[string]error) []step {
	var plan []step
	for _, s := range steps() {
		s := s
		s.Do = func(_ context.Context, _ *Clients, r Resource) error {
			*calls = append(*calls, s.What+" "+r.ARN)
			return fail[s.What+" "+r.ARN]
		}
		plan = append(plan, s)
	}
	return plan
}

func res(t *testing.T, arn string) Resource {
	t.Helper()
	r, err := ParseARN(arn)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func runResources(t *testing.T) []Resource {
	// Deliberately listed parents first, the reverse of a safe order.
	arns := []string{
		"arn:aws:ec2:r:1:vpc/vpc-1",
		"arn:aws:iam::1:role/mfdt-batch",
		"arn:aws:ec2:r:1:subnet/subnet-1",
		"arn:aws:ec2:r:1:security-group/sg-1",
		"arn:aws:ec2:r:1:security-group/sg-2",
		"arn:aws:rds:r:1:subgrp:mfdt-db",
		"arn:aws:rds:r:1:db:mfdt-db",
		"arn:aws:elasticloadbalancing:r:1:targetgroup/md-api/1",
		"arn:aws:elasticloadbalancing:r:1:loadbalancer/net/mfdt-nlb/1",
		"arn:aws:apigateway:r::/vpclinks/v1",
		"arn:aws:ecs:r:1:cluster/mfdt-metadata",
		"arn:aws:ecs:r:1:service/mfdt-metadata/mfdt-metadata-service",
		"arn:aws:batch:r:1:compute-environment/mfdt-batch",
		"arn:aws:batch:r:1:job-queue/mfdt-batch-queue",
		"arn:aws:eks:r:1:cluster/mfdt-eks",
		"arn:aws:eks:r:1:nodegroup/mfdt-eks/default/u",
		"arn:aws:ec2:r:1:natgateway/nat-1",
		"arn:aws:ec2:r:1:elastic-ip/eipalloc-1",
		"arn:aws:ec2:r:1:internet-gateway/igw-1",
		"arn:aws:ec2:r:1:route-table/rtb-1",
	}
	var rs []Resource
	for _, a := range arns {
		rs = append(rs, res(t, a))
	}
	return rs
}

func TestDeleteWalksDependencyOrder(t *testing.T) {
	var calls []string
	if err := deleteWith(context.Background(), &Clients{}, recordingPlan(&calls, nil), leftToAWS(), runResources(t), nil); err != nil {
		t.Fatalf("deleteWith: %v", err)
	}
	// Position of the first call per ARN.
	first := map[string]int{}
	for i, c := range calls {
		arn := c[strings.LastIndex(c, " ")+1:]
		if _, ok := first[arn]; !ok {
			first[arn] = i
		}
	}
	byKey := map[string]int{}
	for arn, i := range first {
		k := res(t, arn).Key()
		if j, ok := byKey[k]; !ok || i < j {
			byKey[k] = i
		}
	}
	checked := 0
	for _, p := range mustPrecede {
		a, okA := byKey[p[0]]
		b, okB := byKey[p[1]]
		if !okA || !okB {
			continue
		}
		checked++
		if a >= b {
			t.Errorf("%s was deleted (call %d) after %s (call %d)", p[0], a, p[1], b)
		}
	}
	if checked < 15 {
		t.Errorf("only %d dependency pairs exercised; the fixture lost coverage", checked)
	}
	if len(first) != len(runResources(t)) {
		t.Errorf("%d resources touched, want %d: %q", len(first), len(runResources(t)), calls)
	}
}

func TestDeleteWithReorderedTableBreaksOrder(t *testing.T) {
	// Guard that the order test can fail: swap VPC before subnets.
	var calls []string
	plan := recordingPlan(&calls, nil)
	var vpc, subnet int
	for i, s := range plan {
		switch s.Type {
		case "ec2:vpc":
			vpc = i
		case "ec2:subnet":
			subnet = i
		}
	}
	plan[vpc], plan[subnet] = plan[subnet], plan[vpc]
	_ = deleteWith(context.Background(), &Clients{}, plan, nil, runResources(t), nil)
	iv, is := -1, -1
	for i, c := range calls {
		if strings.HasSuffix(c, "vpc/vpc-1") && iv < 0 {
			iv = i
		}
		if strings.HasSuffix(c, "subnet/subnet-1") && is < 0 {
			is = i
		}
	}
	if !(iv < is) {
		t.Errorf("reordered table still deleted the subnet first; the engine ignores the table order")
	}
}

type apiErr struct{ code string }

func (e apiErr) Error() string                 { return e.code }
func (e apiErr) ErrorCode() string             { return e.code }
func (e apiErr) ErrorMessage() string          { return e.code }
func (e apiErr) ErrorFault() smithy.ErrorFault { return smithy.FaultClient }

func TestDeleteCollectsErrorsAndContinues(t *testing.T) {
	var calls []string
	sg1 := "arn:aws:ec2:r:1:security-group/sg-1"
	gone := "arn:aws:ec2:r:1:subnet/subnet-1"
	fail := map[string]error{
		"revoke all rules (cross references) " + sg1: errors.New("UnauthorizedOperation"),
		"delete subnet " + gone:                      fmt.Errorf("wrapped: %w", apiErr{"InvalidSubnetID.NotFound"}),
	}
	rs := append(runResources(t),
		res(t, "arn:aws:elasticloadbalancing:r:1:listener/net/mfdt-nlb/1/2"),
		res(t, "arn:aws:states:r:1:stateMachine:mfdt-sfn-flow"))
	var logs []string
	err := deleteWith(context.Background(), &Clients{}, recordingPlan(&calls, fail), leftToAWS(), rs,
		func(f string, a ...any) { logs = append(logs, fmt.Sprintf(f, a...)) })
	if err == nil {
		t.Fatal("deleteWith returned nil with a failed resource and an unknown type")
	}
	msg := err.Error()
	if !strings.Contains(msg, sg1) || !strings.Contains(msg, "UnauthorizedOperation") {
		t.Errorf("error does not name the failed ARN and cause: %v", msg)
	}
	if !strings.Contains(msg, "stateMachine:mfdt-sfn-flow") || !strings.Contains(msg, "no deleter") {
		t.Errorf("error does not report the type without deleter: %v", msg)
	}
	if strings.Contains(msg, gone) {
		t.Errorf("an already-deleted resource was reported as a failure: %v", msg)
	}
	if strings.Contains(msg, "listener") {
		t.Errorf("a listener (deleted with its load balancer) was reported: %v", msg)
	}
	if n := strings.Count(msg, "\n") + 1; n != 2 {
		t.Errorf("error has %d lines, want 2 (one per resource left): %v", n, msg)
	}
	joined := strings.Join(calls, "\n")
	if strings.Contains(joined, "delete security group "+sg1) {
		t.Error("sg-1 was deleted after its revoke failed")
	}
	for _, want := range []string{"arn:aws:ec2:r:1:vpc/vpc-1", "arn:aws:iam::1:role/mfdt-batch", "security group arn:aws:ec2:r:1:security-group/sg-2"} {
		if !strings.Contains(joined, want) {
			t.Errorf("a failure stopped the rest: no call for %s", want)
		}
	}
	if strings.Contains(joined, "listener/") {
		t.Error("a deleter ran for a listener, which AWS deletes with its load balancer")
	}
	if !strings.Contains(strings.Join(logs, "\n"), "left to AWS (deleted with its load balancer)") {
		t.Errorf("listener not logged as left to AWS: %q", logs)
	}
}

func TestDeleteStopsOnCancelledContext(t *testing.T) {
	var calls []string
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := deleteWith(ctx, &Clients{}, recordingPlan(&calls, nil), nil, runResources(t)[:2], nil)
	if len(calls) != 0 {
		t.Errorf("calls made after cancel: %q", calls)
	}
	if err == nil || !strings.Contains(err.Error(), "not attempted") {
		t.Errorf("err = %v, want each resource reported as not attempted", err)
	}
}

func TestPlanDeletionGroupsInOrder(t *testing.T) {
	rs := append(runResources(t),
		res(t, "arn:aws:elasticloadbalancing:r:1:listener/net/mfdt-nlb/1/2"),
		res(t, "arn:aws:states:r:1:stateMachine:x"))
	p := PlanDeletion(rs)
	rank := stepRank()
	for i := 1; i < len(p.Groups); i++ {
		if rank[p.Groups[i-1].Type] >= rank[p.Groups[i].Type] {
			t.Errorf("group %s listed before %s against the deletion order", p.Groups[i-1].Type, p.Groups[i].Type)
		}
	}
	for _, g := range p.Groups {
		if g.Type == "ec2:security-group" && len(g.Steps) != 2 {
			t.Errorf("security groups show %d steps, want revoke and delete", len(g.Steps))
		}
	}
	if len(p.Auto) != 1 || p.Auto[0].Type != "elasticloadbalancing:listener" {
		t.Errorf("Auto = %+v, want the listener", p.Auto)
	}
	if len(p.Unknown) != 1 || p.Unknown[0].Type != "stateMachine" {
		t.Errorf("Unknown = %+v, want the state machine", p.Unknown)
	}
}
