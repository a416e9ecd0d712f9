package inventory

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// deleteBucket deletes every object version and delete marker, 1000 per
// call, then the bucket.
func deleteBucket(ctx context.Context, c *Clients, r Resource) error {
	p := s3.NewListObjectVersionsPaginator(c.S3, &s3.ListObjectVersionsInput{Bucket: &r.ID})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return fmt.Errorf("listing object versions: %w", err)
		}
		var ids []s3types.ObjectIdentifier
		for _, v := range page.Versions {
			ids = append(ids, s3types.ObjectIdentifier{Key: v.Key, VersionId: v.VersionId})
		}
		for _, m := range page.DeleteMarkers {
			ids = append(ids, s3types.ObjectIdentifier{Key: m.Key, VersionId: m.VersionId})
		}
		for len(ids) > 0 {
			n := min(len(ids), 1000)
			out, err := c.S3.DeleteObjects(ctx, &s3.DeleteObjectsInput{Bucket: &r.ID, Delete: &s3types.Delete{Objects: ids[:n], Quiet: aws.Bool(true)}})
			if err != nil {
				return fmt.Errorf("deleting objects: %w", err)
			}
			if len(out.Errors) > 0 {
				e := out.Errors[0]
				return fmt.Errorf("deleting object %s: %s", aws.ToString(e.Key), aws.ToString(e.Message))
			}
			ids = ids[n:]
		}
	}
	_, err := c.S3.DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: &r.ID})
	return err
}

func deleteInstanceProfile(ctx context.Context, c *Clients, r Resource) error {
	out, err := c.IAM.GetInstanceProfile(ctx, &iam.GetInstanceProfileInput{InstanceProfileName: &r.ID})
	if err != nil {
		return err
	}
	for _, role := range out.InstanceProfile.Roles {
		if _, err := c.IAM.RemoveRoleFromInstanceProfile(ctx, &iam.RemoveRoleFromInstanceProfileInput{InstanceProfileName: &r.ID, RoleName: role.RoleName}); err != nil && !isGone(err) {
			return fmt.Errorf("removing role %s: %w", aws.ToString(role.RoleName), err)
		}
	}
	_, err = c.IAM.DeleteInstanceProfile(ctx, &iam.DeleteInstanceProfileInput{InstanceProfileName: &r.ID})
	return err
}

func deletePolicy(ctx context.Context, c *Clients, r Resource) error {
	ents := iam.NewListEntitiesForPolicyPaginator(c.IAM, &iam.ListEntitiesForPolicyInput{PolicyArn: &r.ARN})
	for ents.HasMorePages() {
		page, err := ents.NextPage(ctx)
		if err != nil {
			return err
		}
		for _, x := range page.PolicyRoles {
			if _, err := c.IAM.DetachRolePolicy(ctx, &iam.DetachRolePolicyInput{PolicyArn: &r.ARN, RoleName: x.RoleName}); err != nil && !isGone(err) {
				return fmt.Errorf("detaching from role %s: %w", aws.ToString(x.RoleName), err)
			}
		}
		for _, x := range page.PolicyUsers {
			if _, err := c.IAM.DetachUserPolicy(ctx, &iam.DetachUserPolicyInput{PolicyArn: &r.ARN, UserName: x.UserName}); err != nil && !isGone(err) {
				return fmt.Errorf("detaching from user %s: %w", aws.ToString(x.UserName), err)
			}
		}
		for _, x := range page.PolicyGroups {
			if _, err := c.IAM.DetachGroupPolicy(ctx, &iam.DetachGroupPolicyInput{PolicyArn: &r.ARN, GroupName: x.GroupName}); err != nil && !isGone(err) {
				return fmt.Errorf("detaching from group %s: %w", aws.ToString(x.GroupName), err)
			}
		}
	}
	vers, err := c.IAM.ListPolicyVersions(ctx, &iam.ListPolicyVersionsInput{PolicyArn: &r.ARN})
	if err != nil {
		return err
	}
	for _, v := range vers.Versions {
		if !v.IsDefaultVersion {
			if _, err := c.IAM.DeletePolicyVersion(ctx, &iam.DeletePolicyVersionInput{PolicyArn: &r.ARN, VersionId: v.VersionId}); err != nil && !isGone(err) {
				return fmt.Errorf("deleting version %s: %w", aws.ToString(v.VersionId), err)
			}
		}
	}
	_, err = c.IAM.DeletePolicy(ctx, &iam.DeletePolicyInput{PolicyArn: &r.ARN})
	return err
}

func deleteRole(ctx context.Context, c *Clients, r Resource) error {
	att := iam.NewListAttachedRolePoliciesPaginator(c.IAM, &iam.ListAttachedRolePoliciesInput{RoleName: &r.ID})
	for att.HasMorePages() {
		page, err := att.NextPage(ctx)
		if err != nil {
			return err
		}
		for _, p := range page.AttachedPolicies {
			if _, err := c.IAM.DetachRolePolicy(ctx, &iam.DetachRolePolicyInput{RoleName: &r.ID, PolicyArn: p.PolicyArn}); err != nil && !isGone(err) {
				return fmt.Errorf("detaching %s: %w", aws.ToString(p.PolicyArn), err)
			}
		}
	}
	inl := iam.NewListRolePoliciesPaginator(c.IAM, &iam.ListRolePoliciesInput{RoleName: &r.ID})
	for inl.HasMorePages() {
		page, err := inl.NextPage(ctx)
		if err != nil {
			return err
		}
		for _, name := range page.PolicyNames {
			if _, err := c.IAM.DeleteRolePolicy(ctx, &iam.DeleteRolePolicyInput{RoleName: &r.ID, PolicyName: aws.String(name)}); err != nil && !isGone(err) {
				return fmt.Errorf("deleting inline policy %s: %w", name, err)
			}
		}
	}
	ips, err := c.IAM.ListInstanceProfilesForRole(ctx, &iam.ListInstanceProfilesForRoleInput{RoleName: &r.ID})
	if err != nil {
		return err
	}
	for _, ip := range ips.InstanceProfiles {
		if _, err := c.IAM.RemoveRoleFromInstanceProfile(ctx, &iam.RemoveRoleFromInstanceProfileInput{RoleName: &r.ID, InstanceProfileName: ip.InstanceProfileName}); err != nil && !isGone(err) {
			return fmt.Errorf("leaving instance profile %s: %w", aws.ToString(ip.InstanceProfileName), err)
		}
	}
	_, err = c.IAM.DeleteRole(ctx, &iam.DeleteRoleInput{RoleName: &r.ID})
	return err
}

func deleteOIDCProvider(ctx context.Context, c *Clients, r Resource) error {
	_, err := c.IAM.DeleteOpenIDConnectProvider(ctx, &iam.DeleteOpenIDConnectProviderInput{OpenIDConnectProviderArn: &r.ARN})
	return err
}
