package offline

import (
	"context"
	"encoding/json"
	"net/netip"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/outerbounds/terraform-aws-metaflow/test/internal/tfoffline"
)

// networkPlan is the part of modules/common's outputs this test reads.
type networkPlan struct {
	PrivateSubnetCIDRs []string            `json:"private_subnet_cidrs"`
	PublicSubnetCIDRs  []string            `json:"public_subnet_cidrs"`
	AssignPublicIP     bool                `json:"assign_public_ip"`
	SubnetIDs          map[string][]string `json:"subnet_ids"`
}

type vpcCase struct {
	name        string
	vpcCIDR     string
	azs         []string
	publicOnly  bool
	wantPrivate []string // exact CIDRs, nil to check only the invariants
	wantPublic  []string
}

type selectionCase struct {
	name           string
	private        []string
	public         []string
	uiPublic       bool
	wantComponents []string // subnets of every component but the UI load balancer
	wantUI         []string
	wantPublicIP   bool
}

var components = []string{"batch", "database", "ecs_services", "eks", "internal_load_balancer", "migration_lambda"}

// TestNetworkPlan evaluates the network plan of modules/common for every case
// in one apply: the CIDRs of a created VPC, and the subnets each component
// gets from the subnets available (created or existing).
func TestNetworkPlan(t *testing.T) {
	t.Parallel()
	three := []string{"us-east-1a", "us-east-1b", "us-east-1c"}
	vpcCases := []vpcCase{
		{name: "default_16_three_zones", vpcCIDR: "10.0.0.0/16", azs: three,
			wantPrivate: []string{"10.0.0.0/20", "10.0.16.0/20", "10.0.32.0/20"},
			wantPublic:  []string{"10.0.48.0/20", "10.0.64.0/20", "10.0.80.0/20"}},
		{name: "two_zones", vpcCIDR: "10.10.0.0/16", azs: three[:2],
			wantPrivate: []string{"10.10.0.0/20", "10.10.16.0/20"},
			wantPublic:  []string{"10.10.48.0/20", "10.10.64.0/20"}},
		{name: "public_only", vpcCIDR: "10.0.0.0/16", azs: three, publicOnly: true,
			wantPrivate: []string{},
			wantPublic:  []string{"10.0.48.0/20", "10.0.64.0/20", "10.0.80.0/20"}},
		{name: "smallest_vpc_24", vpcCIDR: "192.168.7.0/24", azs: three,
			wantPrivate: []string{"192.168.7.0/28", "192.168.7.16/28", "192.168.7.32/28"},
			wantPublic:  []string{"192.168.7.48/28", "192.168.7.64/28", "192.168.7.80/28"}},
		{name: "vpc_20", vpcCIDR: "172.31.16.0/20", azs: three},
		{name: "vpc_18_public_only_two_zones", vpcCIDR: "10.1.64.0/18", azs: three[:2], publicOnly: true},
	}
	selectionCases := []selectionCase{
		{name: "private_and_public", private: []string{"subnet-p1", "subnet-p2"}, public: []string{"subnet-u1", "subnet-u2"},
			wantComponents: []string{"subnet-p1", "subnet-p2"}, wantUI: []string{"subnet-p1", "subnet-p2"}},
		{name: "private_and_public_ui_public", private: []string{"subnet-p1", "subnet-p2"}, public: []string{"subnet-u1", "subnet-u2"}, uiPublic: true,
			wantComponents: []string{"subnet-p1", "subnet-p2"}, wantUI: []string{"subnet-u1", "subnet-u2"}},
		{name: "private_only", private: []string{"subnet-p1", "subnet-p2"},
			wantComponents: []string{"subnet-p1", "subnet-p2"}, wantUI: []string{"subnet-p1", "subnet-p2"}},
		{name: "public_only_gets_public_ip", public: []string{"subnet-u1", "subnet-u2"},
			wantComponents: []string{"subnet-u1", "subnet-u2"}, wantUI: []string{"subnet-u1", "subnet-u2"}, wantPublicIP: true},
		{name: "public_only_ui_public", public: []string{"subnet-u1", "subnet-u2"}, uiPublic: true,
			wantComponents: []string{"subnet-u1", "subnet-u2"}, wantUI: []string{"subnet-u1", "subnet-u2"}, wantPublicIP: true},
	}

	instances := map[string]map[string]any{}
	for _, c := range vpcCases {
		instances["vpc_"+c.name] = map[string]any{
			"resource_prefix": "metaflow", "vpc_cidr": c.vpcCIDR, "azs": c.azs, "create_public_subnets_only": c.publicOnly,
		}
	}
	for _, c := range selectionCases {
		instances["sel_"+c.name] = map[string]any{
			"resource_prefix": "metaflow", "private_subnet_ids": c.private, "public_subnet_ids": c.public, "ui_is_public": c.uiPublic,
		}
	}
	dir := tfoffline.ModuleHarness(t, filepath.Join(tfoffline.RepoRoot(t), "modules", "common"), instances)
	ctx, cancel := context.WithTimeout(t.Context(), deadline)
	defer cancel()
	outputs, err := tfoffline.ApplyOutputs(t, ctx, tfoffline.Options(t, dir, nil))
	if err != nil {
		t.Fatal(err)
	}
	decode := func(t *testing.T, name string) networkPlan {
		t.Helper()
		var p networkPlan
		if err := json.Unmarshal(outputs[name], &p); err != nil {
			t.Fatalf("decoding %s: %v", name, err)
		}
		return p
	}

	for _, c := range vpcCases {
		t.Run("vpc/"+c.name, func(t *testing.T) {
			p := decode(t, "vpc_"+c.name)
			checkVPCPlan(t, c, p)
		})
	}
	for _, c := range selectionCases {
		t.Run("selection/"+c.name, func(t *testing.T) {
			p := decode(t, "sel_"+c.name)
			for _, comp := range components {
				if got := p.SubnetIDs[comp]; !slices.Equal(got, c.wantComponents) {
					t.Errorf("%s subnets = %v, want %v", comp, got, c.wantComponents)
				}
			}
			if got := p.SubnetIDs["ui_load_balancer"]; !slices.Equal(got, c.wantUI) {
				t.Errorf("ui_load_balancer subnets = %v, want %v", got, c.wantUI)
			}
			if len(p.SubnetIDs) != len(components)+1 {
				t.Errorf("subnet_ids has keys %v, want exactly %v and ui_load_balancer", keysOf(p.SubnetIDs), components)
			}
			if p.AssignPublicIP != c.wantPublicIP {
				t.Errorf("assign_public_ip = %v, want %v", p.AssignPublicIP, c.wantPublicIP)
			}
		})
	}
}

func checkVPCPlan(t *testing.T, c vpcCase, p networkPlan) {
	t.Helper()
	vpc := netip.MustParsePrefix(c.vpcCIDR)
	wantPrivate := len(c.azs)
	if c.publicOnly {
		wantPrivate = 0
	}
	if len(p.PrivateSubnetCIDRs) != wantPrivate {
		t.Errorf("%d private subnets %v, want %d", len(p.PrivateSubnetCIDRs), p.PrivateSubnetCIDRs, wantPrivate)
	}
	if len(p.PublicSubnetCIDRs) != len(c.azs) {
		t.Errorf("%d public subnets %v, want one per zone (%d)", len(p.PublicSubnetCIDRs), p.PublicSubnetCIDRs, len(c.azs))
	}
	all := append(slices.Clone(p.PrivateSubnetCIDRs), p.PublicSubnetCIDRs...)
	var prefixes []netip.Prefix
	for _, s := range all {
		sub, err := netip.ParsePrefix(s)
		if err != nil {
			t.Errorf("subnet %q is not a CIDR: %v", s, err)
			continue
		}
		if sub.Masked() != sub {
			t.Errorf("subnet %s is not written as its network address", s)
		}
		if sub.Bits() > 28 {
			t.Errorf("subnet %s is smaller than the /28 AWS allows", s)
		}
		if !vpc.Contains(sub.Addr()) || sub.Bits() < vpc.Bits() {
			t.Errorf("subnet %s is not inside the VPC %s", s, vpc)
		}
		for _, other := range prefixes {
			if other.Overlaps(sub) {
				t.Errorf("subnets %s and %s overlap", other, sub)
			}
		}
		prefixes = append(prefixes, sub)
	}
	if c.wantPrivate != nil && !slices.Equal(p.PrivateSubnetCIDRs, c.wantPrivate) {
		t.Errorf("private subnets = %v, want %v", p.PrivateSubnetCIDRs, c.wantPrivate)
	}
	if c.wantPublic != nil && !slices.Equal(p.PublicSubnetCIDRs, c.wantPublic) {
		t.Errorf("public subnets = %v, want %v", p.PublicSubnetCIDRs, c.wantPublic)
	}
}

func keysOf[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// TestNetworkWiring reads the root module (it needs the AWS provider, so it
// cannot be applied offline) and checks that each component takes its
// subnets and public-IP decision from modules/common's network plan.
func TestNetworkWiring(t *testing.T) {
	t.Parallel()
	rc := loadRootConfig(t, tfoffline.RepoRoot(t))
	subnetsOf := []struct{ module, argument, planKey string }{
		{"datastore", "subnet_ids", "database"},
		{"computation", "subnet_ids", "batch"},
		{"metadata_service", "subnet_ids", "ecs_services"},
		{"ui", "subnet_ids", "ecs_services"},
		{"ui", "alb_subnet_ids", "ui_load_balancer"},
	}
	planFromCommon := false
	if attr, ok := rc.locals["subnet_ids"]; ok {
		planFromCommon = strings.TrimSpace(rc.text(attr.Expr.Range())) == "module.common.subnet_ids"
	}
	for _, w := range subnetsOf {
		t.Run(w.module+"."+w.argument, func(t *testing.T) {
			call := rc.block("module", w.module)
			if call == nil {
				t.Fatalf("the root has no module %q call", w.module)
			}
			attr, ok := call.Body.Attributes[w.argument]
			if !ok {
				t.Fatalf("module %q does not set %s", w.module, w.argument)
			}
			got := strings.TrimSpace(rc.text(attr.Expr.Range()))
			direct := "module.common.subnet_ids." + w.planKey
			viaLocal := "local.subnet_ids." + w.planKey
			if got != direct && !(got == viaLocal && planFromCommon) {
				t.Errorf("module %q %s = %s, want %s (or %s with local.subnet_ids = module.common.subnet_ids)", w.module, w.argument, got, direct, viaLocal)
			}
		})
	}
	for _, mod := range []string{"metadata_service", "ui"} {
		t.Run(mod+".assign_public_ip", func(t *testing.T) {
			call := rc.block("module", mod)
			if call == nil {
				t.Fatalf("the root has no module %q call", mod)
			}
			attr, ok := call.Body.Attributes["assign_public_ip"]
			if !ok {
				t.Fatalf("module %q does not set assign_public_ip: tasks in public-only subnets could not pull their images", mod)
			}
			if refs := rc.references(attr.Expr); !refs["module.common.assign_public_ip"] {
				t.Errorf("module %q assign_public_ip reaches %v, not module.common.assign_public_ip", mod, sortedRefs(refs))
			}
		})
	}
	t.Run("common_gets_the_available_subnets", func(t *testing.T) {
		call := rc.block("module", "common")
		if call == nil {
			t.Fatal("the root has no module \"common\" call")
		}
		for arg, want := range map[string]string{
			"private_subnet_ids": "var.existing_private_subnet_ids",
			"public_subnet_ids":  "var.existing_public_subnet_ids",
			"ui_is_public":       "var.metaflow_ui_is_public",
			"vpc_cidr":           "var.vpc_cidr",
		} {
			attr, ok := call.Body.Attributes[arg]
			if !ok {
				t.Errorf("module \"common\" does not set %s", arg)
				continue
			}
			if refs := rc.references(attr.Expr); !refs[want] {
				t.Errorf("module \"common\" %s reaches %v, not %s", arg, sortedRefs(refs), want)
			}
		}
	})
}
