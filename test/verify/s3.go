package verify

import (
	"context"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// S3API is the part of the S3 client CheckBucket needs.
type S3API interface {
	GetBucketEncryption(ctx context.Context, in *s3.GetBucketEncryptionInput, optFns ...func(*s3.Options)) (*s3.GetBucketEncryptionOutput, error)
	GetPublicAccessBlock(ctx context.Context, in *s3.GetPublicAccessBlockInput, optFns ...func(*s3.Options)) (*s3.GetPublicAccessBlockOutput, error)
}

// CheckBucket checks the datastore bucket's default encryption is SSE-KMS (with
// wantKeyARN when it is not empty) and that all four public access block flags
// are on.
func CheckBucket(ctx context.Context, api S3API, bucket, wantKeyARN string) error {
	if bucket == "" {
		return fmt.Errorf("s3: bucket name is empty (is metaflow_s3_bucket_name set by this example?)")
	}
	enc, err := api.GetBucketEncryption(ctx, &s3.GetBucketEncryptionInput{Bucket: aws.String(bucket)})
	if err != nil {
		return fmt.Errorf("s3: bucket %s encryption: %w", bucket, err)
	}
	if enc.ServerSideEncryptionConfiguration == nil || len(enc.ServerSideEncryptionConfiguration.Rules) == 0 {
		return fmt.Errorf("s3: bucket %s has no default encryption rule", bucket)
	}
	kmsOK := false
	var seen []string
	for _, r := range enc.ServerSideEncryptionConfiguration.Rules {
		d := r.ApplyServerSideEncryptionByDefault
		if d == nil {
			continue
		}
		seen = append(seen, string(d.SSEAlgorithm))
		if d.SSEAlgorithm != types.ServerSideEncryptionAwsKms && d.SSEAlgorithm != types.ServerSideEncryptionAwsKmsDsse {
			continue
		}
		if wantKeyARN == "" || sameKMSKey(aws.ToString(d.KMSMasterKeyID), wantKeyARN) {
			kmsOK = true
		} else {
			seen = append(seen, "key "+aws.ToString(d.KMSMasterKeyID))
		}
	}
	if !kmsOK {
		return fmt.Errorf("s3: bucket %s default encryption is %v, want aws:kms with key %s", bucket, seen, orAny(wantKeyARN))
	}

	pab, err := api.GetPublicAccessBlock(ctx, &s3.GetPublicAccessBlockInput{Bucket: aws.String(bucket)})
	if err != nil {
		return fmt.Errorf("s3: bucket %s public access block: %w", bucket, err)
	}
	c := pab.PublicAccessBlockConfiguration
	if c == nil {
		return fmt.Errorf("s3: bucket %s has no public access block", bucket)
	}
	var off []string
	for name, v := range map[string]*bool{
		"BlockPublicAcls":       c.BlockPublicAcls,
		"BlockPublicPolicy":     c.BlockPublicPolicy,
		"IgnorePublicAcls":      c.IgnorePublicAcls,
		"RestrictPublicBuckets": c.RestrictPublicBuckets,
	} {
		if !aws.ToBool(v) {
			off = append(off, name)
		}
	}
	if len(off) > 0 {
		return fmt.Errorf("s3: bucket %s public access block has %s off", bucket, strings.Join(sortedCopy(off), ", "))
	}
	return nil
}

// sameKMSKey compares a key reference from S3 (key id or ARN) with a key ARN.
func sameKMSKey(got, wantARN string) bool {
	if got == wantARN {
		return true
	}
	// S3 may report the bare key id; the ARN ends with "key/<id>".
	return got != "" && strings.HasSuffix(wantARN, "key/"+got)
}

func orAny(s string) string {
	if s == "" {
		return "(any)"
	}
	return s
}
