package verify

import (
	"context"
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

type fakeS3 struct {
	rules  []types.ServerSideEncryptionRule
	pab    *types.PublicAccessBlockConfiguration
	encErr error
	pabErr error
}

func (f *fakeS3) GetBucketEncryption(context.Context, *s3.GetBucketEncryptionInput, ...func(*s3.Options)) (*s3.GetBucketEncryptionOutput, error) {
	if f.encErr != nil {
		return nil, f.encErr
	}
	return &s3.GetBucketEncryptionOutput{ServerSideEncryptionConfiguration: &types.ServerSideEncryptionConfiguration{Rules: f.rules}}, nil
}

func (f *fakeS3) GetPublicAccessBlock(context.Context, *s3.GetPublicAccessBlockInput, ...func(*s3.Options)) (*s3.GetPublicAccessBlockOutput, error) {
	if f.pabErr != nil {
		return nil, f.pabErr
	}
	return &s3.GetPublicAccessBlockOutput{PublicAccessBlockConfiguration: f.pab}, nil
}

func TestCheckBucket(t *testing.T) {
	const keyARN = "arn:aws:kms:us-west-2:000000000000:key/1111-2222"
	kmsRule := func(key string) []types.ServerSideEncryptionRule {
		return []types.ServerSideEncryptionRule{{ApplyServerSideEncryptionByDefault: &types.ServerSideEncryptionByDefault{
			SSEAlgorithm: types.ServerSideEncryptionAwsKms, KMSMasterKeyID: aws.String(key)}}}
	}
	allOn := &types.PublicAccessBlockConfiguration{BlockPublicAcls: aws.Bool(true), BlockPublicPolicy: aws.Bool(true), IgnorePublicAcls: aws.Bool(true), RestrictPublicBuckets: aws.Bool(true)}
	oneOff := *allOn
	oneOff.RestrictPublicBuckets = aws.Bool(false)

	tests := []struct {
		name    string
		bucket  string
		wantKey string
		fake    fakeS3
		wantErr string
	}{
		{name: "kms with the stack key", bucket: "b", wantKey: keyARN, fake: fakeS3{rules: kmsRule(keyARN), pab: allOn}},
		{name: "kms key reported by id", bucket: "b", wantKey: keyARN, fake: fakeS3{rules: kmsRule("1111-2222"), pab: allOn}},
		{name: "kms with any key when none expected", bucket: "b", fake: fakeS3{rules: kmsRule("whatever"), pab: allOn}},
		{name: "kms with another key", bucket: "b", wantKey: keyARN, fake: fakeS3{rules: kmsRule("arn:aws:kms:us-west-2:000000000000:key/9999"), pab: allOn}, wantErr: "want aws:kms with key"},
		{name: "only SSE-S3", bucket: "b", fake: fakeS3{rules: []types.ServerSideEncryptionRule{{ApplyServerSideEncryptionByDefault: &types.ServerSideEncryptionByDefault{SSEAlgorithm: types.ServerSideEncryptionAes256}}}, pab: allOn}, wantErr: "AES256"},
		{name: "no rule", bucket: "b", fake: fakeS3{pab: allOn}, wantErr: "no default encryption"},
		{name: "public access flag off", bucket: "b", fake: fakeS3{rules: kmsRule("k"), pab: &oneOff}, wantErr: "RestrictPublicBuckets off"},
		{name: "no public access block", bucket: "b", fake: fakeS3{rules: kmsRule("k"), pabErr: errors.New("NoSuchPublicAccessBlockConfiguration")}, wantErr: "NoSuchPublicAccessBlockConfiguration"},
		{name: "encryption read fails", bucket: "b", fake: fakeS3{encErr: errors.New("AccessDenied")}, wantErr: "AccessDenied"},
		{name: "empty bucket output", bucket: "", wantErr: "bucket name is empty"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := tc.fake
			checkErr(t, CheckBucket(context.Background(), &f, tc.bucket, tc.wantKey), tc.wantErr, false)
		})
	}
}
