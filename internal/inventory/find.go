package inventory

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	rdstypes "github.com/aws/aws-sdk-go-v2/service/rds/types"
	tagging "github.com/aws/aws-sdk-go-v2/service/resourcegroupstaggingapi"
	taggingtypes "github.com/aws/aws-sdk-go-v2/service/resourcegroupstaggingapi/types"
)

// RunIDPattern is the form of the run ids test/deploy makes (NewRunNames:
// "mfdt-" and 6 lowercase letters or digits; the id is also the resource
// prefix). Find matches log group names only with run ids of this form: a
// tag value such as "metaflow" given to janitor -run would otherwise select,
// by name, every log group of the account that contains it.
var RunIDPattern = regexp.MustCompile(`^mfdt-[a-z0-9]{6}$`)

// Find lists the resources in c's region (and IAM, unless c.SkipIAM) that
// carry f.TagKey (with value f.TagValue unless that is ""), plus the log
// groups AWS creates untagged whose name contains a run id (f.TagValue, or
// any run id found tagged), and drops entries the tagging API still returns
// for resources already deleted (or deregistered: INACTIVE ECS task and
// Batch job definitions, KMS keys pending deletion, secrets scheduled for
// deletion).
//
// A list failing does not hide what the others found: Find returns every
// resource it could list and inspect, with an error naming each list (or
// resource's tags) it could not read. Callers decide: the janitor deletes
// what it found and exits 1; Leftovers fails the audit.
//
// Age: Created is the creation time the service reports (coverage.go lists
// where); a resource without one takes the earliest creation time among
// resources with the same run tag value, since a run creates its resources
// within an hour; with neither it stays zero, and OlderThan > 0 leaves it
// out unless KeepUnknownAge.
func Find(ctx context.Context, c *Clients, f Filter) ([]Resource, error) {
	if f.TagKey == "" {
		return nil, errors.New("find: a tag key is required")
	}
	byARN := map[string]Resource{}
	var order []string
	add := func(r Resource) {
		if old, ok := byARN[r.ARN]; ok {
			if old.Created.IsZero() {
				old.Created = r.Created
			}
			byARN[r.ARN] = old
			return
		}
		if r.Region == "" && r.Service != "iam" {
			r.Region = c.Region
		}
		byARN[r.ARN] = r
		order = append(order, r.ARN)
	}
	match := func(tags map[string]string) bool {
		v, ok := tags[f.TagKey]
		return ok && (f.TagValue == "" || v == f.TagValue)
	}

	var errs []error
	if err := findTagged(ctx, c, f, add); err != nil {
		errs = append(errs, fmt.Errorf("tagging API: %w", err))
	}
	if err := findRDSSnapshots(ctx, c, match, add); err != nil {
		errs = append(errs, fmt.Errorf("RDS snapshots: %w", err))
	}
	if !c.SkipIAM {
		if err := findIAM(ctx, c, match, add); err != nil {
			errs = append(errs, fmt.Errorf("IAM: %w", err))
		}
	}
	hints := map[string]bool{}
	if f.TagValue != "" {
		hints[f.TagValue] = true
	} else {
		for _, r := range byARN {
			if v := r.Tags[f.TagKey]; v != "" {
				hints[v] = true
			}
		}
	}
	if err := findLogGroups(ctx, c, hints, add); err != nil {
		errs = append(errs, fmt.Errorf("CloudWatch log groups: %w", err))
	}
	listErr := errors.Join(errs...)

	in := newInspector(c)
	var out []Resource
	for _, arn := range order {
		r := byARN[arn]
		exists, created, err := in.inspect(ctx, r)
		switch {
		case err != nil && isGone(err):
			continue
		case err != nil:
			// Kept: better reported than silently dropped.
		case !exists:
			continue
		}
		if r.Created.IsZero() {
			r.Created = created
		}
		r.Region = in.region(r)
		out = append(out, r)
	}
	inheritRunAge(out, f.TagKey)

	now := f.now()
	kept := out[:0]
	for _, r := range out {
		if f.OlderThan > 0 {
			age, ok := r.Age(now)
			if (!ok && !f.KeepUnknownAge) || (ok && age < f.OlderThan) {
				continue
			}
		}
		kept = append(kept, r)
	}
	SortForDeletion(kept)
	return kept, listErr
}

// inheritRunAge gives resources of unknown age the earliest creation time
// of their run.
func inheritRunAge(rs []Resource, key string) {
	first := map[string]time.Time{}
	for _, r := range rs {
		run, ok := r.Tags[key]
		if !ok || r.Created.IsZero() {
			continue
		}
		if t, ok := first[run]; !ok || r.Created.Before(t) {
			first[run] = r.Created
		}
	}
	for i := range rs {
		if rs[i].Created.IsZero() {
			if t, ok := first[rs[i].Tags[key]]; ok {
				rs[i].Created = t
			}
		}
	}
}

func findTagged(ctx context.Context, c *Clients, f Filter, add func(Resource)) error {
	tf := taggingtypes.TagFilter{Key: aws.String(f.TagKey)}
	if f.TagValue != "" {
		tf.Values = []string{f.TagValue}
	}
	p := tagging.NewGetResourcesPaginator(c.Tagging, &tagging.GetResourcesInput{TagFilters: []taggingtypes.TagFilter{tf}})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return err
		}
		for _, m := range page.ResourceTagMappingList {
			r, err := ParseARN(aws.ToString(m.ResourceARN))
			if err != nil {
				return err
			}
			if r.Service == "iam" {
				// us-east-1's tagging API lists IAM too, deleted roles
				// included for a while; findIAM lists IAM live (once, in
				// the region without SkipIAM).
				continue
			}
			r.Tags = map[string]string{}
			for _, t := range m.Tags {
				r.Tags[aws.ToString(t.Key)] = aws.ToString(t.Value)
			}
			add(r)
		}
	}
	return nil
}

func rdsTags(tl []rdstypes.Tag) map[string]string {
	m := map[string]string{}
	for _, t := range tl {
		m[aws.ToString(t.Key)] = aws.ToString(t.Value)
	}
	return m
}

// findRDSSnapshots lists manual snapshots (a final snapshot is one; the
// automated ones go with their database) with their tags
// (copy_tags_to_snapshot gives them the database's).
func findRDSSnapshots(ctx context.Context, c *Clients, match func(map[string]string) bool, add func(Resource)) error {
	sp := rds.NewDescribeDBSnapshotsPaginator(c.RDS, &rds.DescribeDBSnapshotsInput{SnapshotType: aws.String("manual")})
	for sp.HasMorePages() {
		page, err := sp.NextPage(ctx)
		if err != nil {
			return err
		}
		for _, s := range page.DBSnapshots {
			tags := rdsTags(s.TagList)
			if !match(tags) {
				continue
			}
			r, err := ParseARN(aws.ToString(s.DBSnapshotArn))
			if err != nil {
				return err
			}
			r.Tags, r.Created = tags, aws.ToTime(s.SnapshotCreateTime)
			add(r)
		}
	}
	cp := rds.NewDescribeDBClusterSnapshotsPaginator(c.RDS, &rds.DescribeDBClusterSnapshotsInput{SnapshotType: aws.String("manual")})
	for cp.HasMorePages() {
		page, err := cp.NextPage(ctx)
		if err != nil {
			return err
		}
		for _, s := range page.DBClusterSnapshots {
			tags := rdsTags(s.TagList)
			if !match(tags) {
				continue
			}
			r, err := ParseARN(aws.ToString(s.DBClusterSnapshotArn))
			if err != nil {
				return err
			}
			r.Tags, r.Created = tags, aws.ToTime(s.SnapshotCreateTime)
			add(r)
		}
	}
	return nil
}

func iamTags(tl []iamtypes.Tag) map[string]string {
	m := map[string]string{}
	for _, t := range tl {
		m[aws.ToString(t.Key)] = aws.ToString(t.Value)
	}
	return m
}

// findIAM lists the account's roles, customer managed policies, instance
// profiles and OIDC providers and keeps those with the tag. The list calls
// do not return tags, so each is asked for its own; service-linked roles
// (path /aws-service-role/) are shared with everything else and skipped.
func findIAM(ctx context.Context, c *Clients, match func(map[string]string) bool, add func(Resource)) error {
	var errs []error
	roles := iam.NewListRolesPaginator(c.IAM, &iam.ListRolesInput{})
	for roles.HasMorePages() {
		page, err := roles.NextPage(ctx)
		if err != nil {
			errs = append(errs, fmt.Errorf("listing roles: %w", err))
			break
		}
		for _, role := range page.Roles {
			if strings.HasPrefix(aws.ToString(role.Path), "/aws-service-role/") {
				continue
			}
			t, err := c.IAM.ListRoleTags(ctx, &iam.ListRoleTagsInput{RoleName: role.RoleName})
			if err != nil {
				if isGone(err) {
					continue
				}
				errs = append(errs, fmt.Errorf("tags of role %s: %w", aws.ToString(role.RoleName), err))
				continue
			}
			if tags := iamTags(t.Tags); match(tags) {
				if err := addIAM(aws.ToString(role.Arn), tags, aws.ToTime(role.CreateDate), add); err != nil {
					errs = append(errs, err)
				}
			}
		}
	}
	pols := iam.NewListPoliciesPaginator(c.IAM, &iam.ListPoliciesInput{Scope: iamtypes.PolicyScopeTypeLocal})
	for pols.HasMorePages() {
		page, err := pols.NextPage(ctx)
		if err != nil {
			errs = append(errs, fmt.Errorf("listing policies: %w", err))
			break
		}
		for _, p := range page.Policies {
			t, err := c.IAM.ListPolicyTags(ctx, &iam.ListPolicyTagsInput{PolicyArn: p.Arn})
			if err != nil {
				if isGone(err) {
					continue
				}
				errs = append(errs, fmt.Errorf("tags of policy %s: %w", aws.ToString(p.Arn), err))
				continue
			}
			if tags := iamTags(t.Tags); match(tags) {
				if err := addIAM(aws.ToString(p.Arn), tags, aws.ToTime(p.CreateDate), add); err != nil {
					errs = append(errs, err)
				}
			}
		}
	}
	ips := iam.NewListInstanceProfilesPaginator(c.IAM, &iam.ListInstanceProfilesInput{})
	for ips.HasMorePages() {
		page, err := ips.NextPage(ctx)
		if err != nil {
			errs = append(errs, fmt.Errorf("listing instance profiles: %w", err))
			break
		}
		for _, ip := range page.InstanceProfiles {
			t, err := c.IAM.ListInstanceProfileTags(ctx, &iam.ListInstanceProfileTagsInput{InstanceProfileName: ip.InstanceProfileName})
			if err != nil {
				if isGone(err) {
					continue
				}
				errs = append(errs, fmt.Errorf("tags of instance profile %s: %w", aws.ToString(ip.InstanceProfileName), err))
				continue
			}
			if tags := iamTags(t.Tags); match(tags) {
				if err := addIAM(aws.ToString(ip.Arn), tags, aws.ToTime(ip.CreateDate), add); err != nil {
					errs = append(errs, err)
				}
			}
		}
	}
	oidc, err := c.IAM.ListOpenIDConnectProviders(ctx, &iam.ListOpenIDConnectProvidersInput{})
	if err != nil {
		return errors.Join(append(errs, fmt.Errorf("listing OIDC providers: %w", err))...)
	}
	for _, p := range oidc.OpenIDConnectProviderList {
		out, err := c.IAM.GetOpenIDConnectProvider(ctx, &iam.GetOpenIDConnectProviderInput{OpenIDConnectProviderArn: p.Arn})
		if err != nil {
			if isGone(err) {
				continue
			}
			errs = append(errs, fmt.Errorf("OIDC provider %s: %w", aws.ToString(p.Arn), err))
			continue
		}
		if tags := iamTags(out.Tags); match(tags) {
			if err := addIAM(aws.ToString(p.Arn), tags, aws.ToTime(out.CreateDate), add); err != nil {
				errs = append(errs, err)
			}
		}
	}
	return errors.Join(errs...)
}

func addIAM(arn string, tags map[string]string, created time.Time, add func(Resource)) error {
	r, err := ParseARN(arn)
	if err != nil {
		return err
	}
	r.Tags, r.Created = tags, created
	add(r)
	return nil
}

// findLogGroups adds the log groups whose name contains one of hints (run
// ids; only those of RunIDPattern's form are used). Tagged groups come from
// the tagging API; this finds the ones AWS creates itself and does not tag: /aws/ecs/containerinsights/<cluster>/
// performance (Container Insights is on for the module's clusters), a
// Lambda's /aws/lambda/<name> when the module's own group is gone, EKS's
// /aws/eks/<cluster>/cluster. Tags are the group's own, so Resource.Run()
// is "" for a group matched by name only.
func findLogGroups(ctx context.Context, c *Clients, hints map[string]bool, add func(Resource)) error {
	var usable []string
	for h := range hints {
		if RunIDPattern.MatchString(h) {
			usable = append(usable, h)
		}
	}
	if len(usable) == 0 {
		return nil
	}
	var errs []error
	p := cloudwatchlogs.NewDescribeLogGroupsPaginator(c.Logs, &cloudwatchlogs.DescribeLogGroupsInput{})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return errors.Join(append(errs, err)...)
		}
		for _, g := range page.LogGroups {
			name := aws.ToString(g.LogGroupName)
			hit := false
			for _, h := range usable {
				if strings.Contains(name, h) {
					hit = true
					break
				}
			}
			if !hit {
				continue
			}
			arn := aws.ToString(g.LogGroupArn)
			if arn == "" {
				arn = aws.ToString(g.Arn)
			}
			r, err := ParseARN(arn)
			if err != nil {
				errs = append(errs, err)
				continue
			}
			r.Tags = map[string]string{}
			t, err := c.Logs.ListTagsForResource(ctx, &cloudwatchlogs.ListTagsForResourceInput{ResourceArn: aws.String(r.ARN)})
			if err != nil && !isGone(err) {
				// Left out (the tagging API lists it if tagged): its run
				// is unknown without its tags.
				errs = append(errs, fmt.Errorf("tags of %s: %w", name, err))
				continue
			}
			if t != nil {
				for k, v := range t.Tags {
					r.Tags[k] = v
				}
			}
			if g.CreationTime != nil {
				r.Created = time.UnixMilli(*g.CreationTime)
			}
			add(r)
		}
	}
	return errors.Join(errs...)
}
