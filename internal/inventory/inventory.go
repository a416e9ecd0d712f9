// Package inventory finds the AWS resources a deploy-test run left behind,
// by the run's tag, and deletes them in dependency order.
//
// Finding: the Resource Groups Tagging API lists most tagged resources in a
// region, but not everything a run leaves: IAM is global and not listed per
// region, RDS final snapshots and CloudWatch log groups AWS creates itself
// are not always tagged, and the API also returns resources deleted a while
// ago. Find therefore adds IAM roles, policies, instance profiles and OIDC
// providers (by their tags), RDS snapshots (by their tags) and log groups (by
// their tags, or, for the groups AWS names after a resource, by the run id in
// the name), and drops entries that no longer exist. See coverage.go for the
// resource types of the module and how each is found and removed.
//
// Deleting: Delete walks one ordered list of steps (deleters.go), so a parent
// goes after everything that depends on it; one failure does not stop the
// rest, and the error names the ARN of each resource left.
package inventory

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"
)

// RunTagKey is the tag every resource of a deploy-test run carries; its
// value is the run id.
const RunTagKey = "metaflow-test-run"

// Resource is one AWS resource found by Find.
type Resource struct {
	ARN string
	// Service is the ARN's service ("ec2", "rds", "iam", ...).
	Service string
	// Type is the resource type within the service ("vpc", "db",
	// "security-group", ...); Service+":"+Type keys the deleter table.
	Type string
	// ID is what the service's delete API takes (name, id or ARN).
	ID string
	// Region is empty for global resources (IAM).
	Region string
	// Created is when the resource was created, where the service says;
	// otherwise the earliest creation time among resources with the same run
	// tag value; zero when neither is known.
	Created time.Time
	Tags    map[string]string
}

// Key is Service:Type, the key of the deleter table.
func (r Resource) Key() string { return r.Service + ":" + r.Type }

// Run is the value of the run tag, or "".
func (r Resource) Run() string { return r.Tags[RunTagKey] }

// Age is how old the resource is at now, and false when that is unknown.
func (r Resource) Age(now time.Time) (time.Duration, bool) {
	if r.Created.IsZero() {
		return 0, false
	}
	return now.Sub(r.Created), true
}

// Filter selects resources for Find.
type Filter struct {
	// TagKey is required: Find never lists untagged resources wholesale.
	TagKey string
	// TagValue "" matches any value of TagKey.
	TagValue string
	// OlderThan > 0 keeps only resources at least that old at Now;
	// resources whose age is unknown are left out then, unless
	// KeepUnknownAge.
	OlderThan time.Duration
	// KeepUnknownAge keeps, with OlderThan > 0, the resources whose age is
	// unknown (Created zero: no creation time of their own and no dated
	// resource of their run left, like a VPC DeleteVpc refused), so the
	// caller can show them; it must not take them for old.
	KeepUnknownAge bool
	// Now defaults to time.Now().
	Now time.Time
}

func (f Filter) now() time.Time {
	if f.Now.IsZero() {
		return time.Now()
	}
	return f.Now
}

// Leftovers audits one run after terraform destroy: everything still tagged
// with the run id, whatever its age. Unlike a janitor run, the audit fails
// when any list failed (an audit that could not look is not clean): the
// error is Find's, returned with what was found.
func Leftovers(ctx context.Context, c *Clients, runID string) ([]Resource, error) {
	if runID == "" {
		return nil, fmt.Errorf("leftovers: empty run id would match every run")
	}
	return Find(ctx, c, Filter{TagKey: RunTagKey, TagValue: runID})
}

// Describe renders resources for a human, one line each, in deletion order:
// type, ARN (or name), region, age where known.
func Describe(rs []Resource) string {
	return describeAt(rs, time.Now())
}

func describeAt(rs []Resource, now time.Time) string {
	if len(rs) == 0 {
		return "no resources"
	}
	sorted := append([]Resource(nil), rs...)
	SortForDeletion(sorted)
	var b strings.Builder
	fmt.Fprintf(&b, "%d resource(s):\n", len(sorted))
	for _, r := range sorted {
		fmt.Fprintf(&b, "  %-32s %s", r.Key(), r.ARN)
		if r.Region != "" {
			fmt.Fprintf(&b, " (%s)", r.Region)
		}
		if age, ok := r.Age(now); ok {
			fmt.Fprintf(&b, " age %s", FormatAge(age))
		}
		b.WriteString("\n")
	}
	return b.String()
}

// FormatAge prints a duration rounded for people: 45m, 6h12m, 3d4h.
func FormatAge(d time.Duration) string {
	if d < 0 {
		d = 0
	}
	switch {
	case d < time.Hour:
		return fmt.Sprintf("%dm", int(d.Minutes()))
	case d < 48*time.Hour:
		return fmt.Sprintf("%dh%02dm", int(d.Hours()), int(d.Minutes())%60)
	default:
		return fmt.Sprintf("%dd%dh", int(d.Hours())/24, int(d.Hours())%24)
	}
}

// SortForDeletion orders resources as Delete removes them: by the first step
// that handles their type, then by ARN; types without a step go last.
func SortForDeletion(rs []Resource) {
	rank := stepRank()
	sort.SliceStable(rs, func(i, j int) bool {
		ri, rj := rankOf(rank, rs[i]), rankOf(rank, rs[j])
		if ri != rj {
			return ri < rj
		}
		return rs[i].ARN < rs[j].ARN
	})
}

func rankOf(rank map[string]int, r Resource) int {
	if n, ok := rank[r.Key()]; ok {
		return n
	}
	return len(rank) + 1000
}
