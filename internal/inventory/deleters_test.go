package inventory

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	batchtypes "github.com/aws/aws-sdk-go-v2/service/batch/types"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	kmstypes "github.com/aws/aws-sdk-go-v2/service/kms/types"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	rdstypes "github.com/aws/aws-sdk-go-v2/service/rds/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
)

func quick(c *Clients) *Clients {
	c.Poll, c.Timeout = time.Millisecond, 200*time.Millisecond
	return c
}

func TestDeleteBucketEmptiesAllVersionsFirst(t *testing.T) {
	log := &calls{}
	f := &fakeS3{calls: log, versions: []*s3.ListObjectVersionsOutput{
		{IsTruncated: aws.Bool(true), NextKeyMarker: aws.String("p1"), NextVersionIdMarker: aws.String("v"),
			Versions:      []s3types.ObjectVersion{{Key: aws.String("a"), VersionId: aws.String("1")}, {Key: aws.String("a"), VersionId: aws.String("2")}},
			DeleteMarkers: []s3types.DeleteMarkerEntry{{Key: aws.String("b"), VersionId: aws.String("3")}}},
		{Versions: []s3types.ObjectVersion{{Key: aws.String("c"), VersionId: aws.String("4")}}},
	}}
	err := Delete(context.Background(), quick(&Clients{S3: f}), []Resource{res(t, "arn:aws:s3:::mfdt-run001-s3")}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(f.deleted, ","); got != "a@1,a@2,b@3,c@4" {
		t.Errorf("deleted versions %s, want every version and delete marker of both pages", got)
	}
	if log.index("DeleteBucket") < log.index("DeleteObjects mfdt-run001-s3 n=1") {
		t.Errorf("bucket deleted before it was empty:\n%s", log)
	}
}

func TestDeleteDBInstanceSkipsFinalSnapshotAndLiftsProtection(t *testing.T) {
	log := &calls{}
	f := &fakeRDS{calls: log, instances: map[string]*rds.DescribeDBInstancesOutput{
		"mfdt-run001-db": {DBInstances: []rdstypes.DBInstance{{DBInstanceStatus: aws.String("available"), DeletionProtection: aws.Bool(true)}}},
	}}
	err := Delete(context.Background(), quick(&Clients{RDS: f}), []Resource{res(t, "arn:aws:rds:r:1:db:mfdt-run001-db")}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if log.index("ModifyDBInstance mfdt-run001-db protection=false") < 0 || log.index("ModifyDBInstance") > log.index("DeleteDBInstance") {
		t.Errorf("deletion protection not lifted before delete:\n%s", log)
	}
	if len(f.deleteCalls) != 1 || !aws.ToBool(f.deleteCalls[0].SkipFinalSnapshot) || f.deleteCalls[0].FinalDBSnapshotIdentifier != nil {
		t.Errorf("DeleteDBInstance = %+v, want SkipFinalSnapshot and no snapshot name", f.deleteCalls)
	}
	if strings.Count(log.String(), "DescribeDBInstances") < 2 {
		t.Errorf("did not wait for the instance to be gone:\n%s", log)
	}
}

func TestScheduleKeyDeletion(t *testing.T) {
	log := &calls{}
	f := &fakeKMS{calls: log, keys: map[string]*kmstypes.KeyMetadata{
		"mine":   {KeyManager: kmstypes.KeyManagerTypeCustomer, KeyState: kmstypes.KeyStateEnabled},
		"aws-s3": {KeyManager: kmstypes.KeyManagerTypeAws, KeyState: kmstypes.KeyStateEnabled},
	}}
	err := Delete(context.Background(), quick(&Clients{KMS: f}), []Resource{
		res(t, "arn:aws:kms:r:1:key/mine"), res(t, "arn:aws:kms:r:1:key/aws-s3"),
	}, nil)
	if err == nil || !strings.Contains(err.Error(), "key/aws-s3") || !strings.Contains(err.Error(), "refusing") {
		t.Errorf("err = %v, want a refusal naming the AWS managed key", err)
	}
	if log.index("ScheduleKeyDeletion mine days=7") < 0 || log.index("DeleteAlias alias/mfdt-run001-s3") > log.index("ScheduleKeyDeletion mine") {
		t.Errorf("customer key not scheduled for 7 days after its aliases:\n%s", log)
	}
	if log.index("ScheduleKeyDeletion aws-s3") >= 0 {
		t.Error("an AWS managed key was scheduled for deletion")
	}
}

func TestSecurityGroupsThatReferenceEachOther(t *testing.T) {
	log := &calls{}
	pair := func(id string) []ec2types.IpPermission {
		return []ec2types.IpPermission{{IpProtocol: aws.String("tcp"), UserIdGroupPairs: []ec2types.UserIdGroupPair{{GroupId: aws.String(id)}}}}
	}
	f := &fakeEC2{calls: log,
		groups: map[string]*ec2types.SecurityGroup{
			"sg-nlb": {GroupId: aws.String("sg-nlb"), GroupName: aws.String("nlb"), IpPermissionsEgress: pair("sg-svc")},
			"sg-svc": {GroupId: aws.String("sg-svc"), GroupName: aws.String("svc"), IpPermissions: pair("sg-nlb")},
			"sg-def": {GroupId: aws.String("sg-def"), GroupName: aws.String("default")},
		},
		enis: map[string][]ec2types.NetworkInterface{
			"sg-svc": {{NetworkInterfaceId: aws.String("eni-lambda"), Status: ec2types.NetworkInterfaceStatusAvailable}},
		},
	}
	err := Delete(context.Background(), quick(&Clients{EC2: f}), []Resource{
		res(t, "arn:aws:ec2:r:1:security-group/sg-nlb"),
		res(t, "arn:aws:ec2:r:1:security-group/sg-svc"),
		res(t, "arn:aws:ec2:r:1:security-group/sg-def"),
	}, nil)
	if err != nil {
		t.Fatalf("Delete: %v\n%s", err, log)
	}
	if _, ok := f.groups["sg-nlb"]; ok {
		t.Error("sg-nlb left")
	}
	if _, ok := f.groups["sg-svc"]; ok {
		t.Error("sg-svc left")
	}
	if _, ok := f.groups["sg-def"]; !ok || log.index("DeleteSecurityGroup sg-def") >= 0 {
		t.Error("the VPC's default group was deleted; it goes with the VPC")
	}
	if log.index("DeleteNetworkInterface eni-lambda") < 0 || log.index("DeleteNetworkInterface eni-lambda") > log.index("DeleteSecurityGroup sg-svc") {
		t.Errorf("detached interface not deleted before its group:\n%s", log)
	}
	if log.index("RevokeSecurityGroupIngress sg-svc") > log.index("DeleteSecurityGroup") {
		t.Errorf("a group was deleted before every rule was revoked:\n%s", log)
	}
}

func TestBatchJobQueueDisabledBeforeDelete(t *testing.T) {
	log := &calls{}
	f := &fakeBatch{calls: log, queue: &batchtypes.JobQueueDetail{State: batchtypes.JQStateEnabled, Status: batchtypes.JQStatusValid}}
	err := Delete(context.Background(), quick(&Clients{Batch: f}), []Resource{res(t, "arn:aws:batch:r:1:job-queue/mfdt-run001-batch-queue")}, nil)
	if err != nil {
		t.Fatalf("Delete: %v\n%s", err, log)
	}
	if log.index("UpdateJobQueue DISABLED") < 0 || log.index("DeleteJobQueue state=DISABLED") < 0 {
		t.Errorf("queue not disabled then deleted:\n%s", log)
	}
}

func TestDeleteVPCEndpoint(t *testing.T) {
	tests := []struct {
		name    string
		answer  vpceAnswer
		wantErr string
		want    []string // calls, in order
	}{
		{name: "deleted", answer: vpceAnswer{state: ec2types.StateDeleted}, want: []string{"DeleteVpcEndpoints vpce-1", "DescribeVpcEndpoints vpce-1"}},
		{name: "already gone", answer: vpceAnswer{refused: "InvalidVpcEndpointId.NotFound"}, want: []string{"DeleteVpcEndpoints vpce-1"}},
		{name: "refused", answer: vpceAnswer{refused: "UnauthorizedOperation"}, wantErr: "deleting VPC endpoint vpce-1: UnauthorizedOperation"},
		{name: "never deleted", answer: vpceAnswer{state: ec2types.StateDeleting}, wantErr: "gave up after"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			log := &calls{}
			f := &fakeEC2{calls: log, vpce: map[string]vpceAnswer{"vpce-1": tc.answer}}
			err := Delete(context.Background(), quick(&Clients{EC2: f}), []Resource{res(t, "arn:aws:ec2:r:1:vpc-endpoint/vpce-1")}, nil)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want one containing %q\n%s", err, tc.wantErr, log)
				}
				return
			}
			if err != nil {
				t.Fatalf("Delete: %v\n%s", err, log)
			}
			for i, c := range tc.want {
				if log.index(c) < 0 || (i > 0 && log.index(c) < log.index(tc.want[i-1])) {
					t.Fatalf("want calls %v in order, got:\n%s", tc.want, log)
				}
			}
		})
	}
}

func TestWaitsAreBounded(t *testing.T) {
	log := &calls{}
	f := &fakeEC2{calls: log, natgw: ec2types.NatGatewayStateDeleting}
	start := time.Now()
	err := Delete(context.Background(), quick(&Clients{EC2: f}), []Resource{res(t, "arn:aws:ec2:r:1:natgateway/nat-1")}, nil)
	if err == nil || !strings.Contains(err.Error(), "natgateway/nat-1") || !strings.Contains(err.Error(), "gave up after") {
		t.Errorf("err = %v, want a timeout naming the NAT gateway", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("wait took %v, bound is 200ms", d)
	}
}

func TestOneFailedDeleteDoesNotStopTheOthers(t *testing.T) {
	log := &calls{}
	f := &fakeLogs{calls: log, fail: map[string]error{"/aws/lambda/a": errors.New("AccessDeniedException: no")}}
	err := Delete(context.Background(), quick(&Clients{Logs: f}), []Resource{
		res(t, "arn:aws:logs:r:1:log-group:/aws/lambda/a"),
		res(t, "arn:aws:logs:r:1:log-group:/aws/lambda/b"),
	}, nil)
	if err == nil || !strings.Contains(err.Error(), "arn:aws:logs:r:1:log-group:/aws/lambda/a") || strings.Contains(err.Error(), "lambda/b") {
		t.Errorf("err = %v, want exactly the failed group's ARN", err)
	}
	if log.index("DeleteLogGroup /aws/lambda/b") < 0 {
		t.Errorf("second group not deleted after the first failed:\n%s", log)
	}
}

// RDS: DeleteAutomatedBackups is not applicable to an Aurora cluster member
// (its backups are the cluster's, removed with the cluster); like Terraform's
// aws_rds_cluster_instance, the call for a member leaves it out. A
// stand-alone instance still asks for its automated backups to go.
func TestDeleteDBInstanceAutomatedBackupsOnlyForStandalone(t *testing.T) {
	cases := []struct {
		name    string
		cluster *string
		want    *bool
	}{
		{"standalone", nil, aws.Bool(true)},
		{"aurora member", aws.String("mfdt-run001-aurora"), nil},
	}
	for _, tc := range cases {
		f := &fakeRDS{calls: &calls{}, instances: map[string]*rds.DescribeDBInstancesOutput{
			"mfdt-run001-db": {DBInstances: []rdstypes.DBInstance{{DBInstanceStatus: aws.String("available"), DBClusterIdentifier: tc.cluster}}},
		}}
		if err := Delete(context.Background(), quick(&Clients{RDS: f}), []Resource{res(t, "arn:aws:rds:r:1:db:mfdt-run001-db")}, nil); err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if len(f.deleteCalls) != 1 {
			t.Fatalf("%s: %d DeleteDBInstance calls, want 1", tc.name, len(f.deleteCalls))
		}
		got := f.deleteCalls[0].DeleteAutomatedBackups
		if (got == nil) != (tc.want == nil) || (got != nil && *got != *tc.want) {
			t.Errorf("%s: DeleteAutomatedBackups = %v, want %v", tc.name, fmtBoolPtr(got), fmtBoolPtr(tc.want))
		}
	}
}

func fmtBoolPtr(b *bool) string {
	if b == nil {
		return "unset"
	}
	if *b {
		return "true"
	}
	return "false"
}

// An interface that reports "available" but refuses deletion once (its
// release is still settling) is still in use: deleteSecurityGroup keeps
// waiting within the bound instead of giving up on the group at once; one
// that never goes is reported, with its error, at the bound.
func TestSecurityGroupWaitsThroughAFailedInterfaceDelete(t *testing.T) {
	newEC2 := func(fails int) (*fakeEC2, *calls) {
		log := &calls{}
		return &fakeEC2{calls: log,
			groups: map[string]*ec2types.SecurityGroup{"sg-svc": {GroupId: aws.String("sg-svc"), GroupName: aws.String("svc")}},
			enis: map[string][]ec2types.NetworkInterface{
				"sg-svc": {{NetworkInterfaceId: aws.String("eni-lambda"), Status: ec2types.NetworkInterfaceStatusAvailable}},
			},
			eniFails: map[string]int{"eni-lambda": fails},
		}, log
	}
	sg := []Resource{res(t, "arn:aws:ec2:r:1:security-group/sg-svc")}

	f, log := newEC2(2)
	if err := Delete(context.Background(), quick(&Clients{EC2: f}), sg, nil); err != nil {
		t.Fatalf("Delete gave up on a transient interface failure: %v\n%s", err, log)
	}
	if _, ok := f.groups["sg-svc"]; ok || strings.Count(log.String(), "DeleteNetworkInterface eni-lambda") != 3 {
		t.Errorf("group left or interface not retried:\n%s", log)
	}

	f, log = newEC2(1 << 30)
	err := Delete(context.Background(), quick(&Clients{EC2: f}), sg, nil)
	if err == nil || !strings.Contains(err.Error(), "gave up") || !strings.Contains(err.Error(), "eni-lambda") || !strings.Contains(err.Error(), "InvalidNetworkInterface.InUse") {
		t.Errorf("err = %v, want a timeout naming the interface and its last error", err)
	}
	if log.index("DeleteSecurityGroup") >= 0 {
		t.Errorf("group deleted while its interface remained:\n%s", log)
	}
}
