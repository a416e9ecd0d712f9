package inventory

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/batch"
	batchtypes "github.com/aws/aws-sdk-go-v2/service/batch/types"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/smithy-go"
)

// apiMsgErr is an AWS error with a message distinct from its code.
type apiMsgErr struct{ code, msg string }

func (e apiMsgErr) Error() string                 { return e.code + ": " + e.msg }
func (e apiMsgErr) ErrorCode() string             { return e.code }
func (e apiMsgErr) ErrorMessage() string          { return e.msg }
func (e apiMsgErr) ErrorFault() smithy.ErrorFault { return smithy.FaultClient }

// scripted answers each call with the next error of errs, then nil.
type scripted struct {
	errs []error
	n    int
}

func (s *scripted) next() error {
	s.n++
	if s.n <= len(s.errs) {
		return s.errs[s.n-1]
	}
	return nil
}

type fakeEIP struct {
	EC2API
	release *scripted
}

func (f *fakeEIP) DescribeAddresses(context.Context, *ec2.DescribeAddressesInput, ...func(*ec2.Options)) (*ec2.DescribeAddressesOutput, error) {
	return &ec2.DescribeAddressesOutput{}, nil
}

func (f *fakeEIP) ReleaseAddress(context.Context, *ec2.ReleaseAddressInput, ...func(*ec2.Options)) (*ec2.ReleaseAddressOutput, error) {
	return &ec2.ReleaseAddressOutput{}, f.release.next()
}

type fakeCE struct {
	BatchAPI
	del *scripted
	// status is what Describe reports once a delete has failed (before:
	// VALID, so the deleter's own wait for a settled status passes).
	status batchtypes.CEStatus
	gone   bool
}

func (f *fakeCE) DescribeComputeEnvironments(context.Context, *batch.DescribeComputeEnvironmentsInput, ...func(*batch.Options)) (*batch.DescribeComputeEnvironmentsOutput, error) {
	if f.gone {
		return &batch.DescribeComputeEnvironmentsOutput{}, nil
	}
	return &batch.DescribeComputeEnvironmentsOutput{ComputeEnvironments: []batchtypes.ComputeEnvironmentDetail{
		{State: batchtypes.CEStateDisabled, Status: f.described()},
	}}, nil
}

func (f *fakeCE) described() batchtypes.CEStatus {
	if f.del.n > 0 && f.status != "" {
		return f.status
	}
	return batchtypes.CEStatusValid
}

func (f *fakeCE) DeleteComputeEnvironment(context.Context, *batch.DeleteComputeEnvironmentInput, ...func(*batch.Options)) (*batch.DeleteComputeEnvironmentOutput, error) {
	err := f.del.next()
	if err == nil {
		f.gone = true
	}
	return &batch.DeleteComputeEnvironmentOutput{}, err
}

// Only the known transient answers are waited out: an EIP a NAT gateway
// being deleted still holds answers AuthFailure "You do not have permission
// to access the specified resource."; a compute environment a queue was
// just taken off answers ClientException "Cannot delete, found existing
// JobQueue relationship". The same codes with any other message (a real
// permission or request error) fail at once instead of waiting out the
// 30-minute bound.
func TestRetriesOnlyKnownTransientMessages(t *testing.T) {
	natHeld := apiMsgErr{"AuthFailure", "You do not have permission to access the specified resource."}
	badCreds := apiMsgErr{"AuthFailure", "AWS was not able to validate the provided access credentials"}
	queueRel := apiMsgErr{"ClientException", "Cannot delete, found existing JobQueue relationship."}
	otherClient := apiMsgErr{"ClientException", "compute environment arn:aws:batch:r:1:compute-environment/x is not in a valid state for deletion"}

	eip := res(t, "arn:aws:ec2:r:1:elastic-ip/eipalloc-1")
	ce := res(t, "arn:aws:batch:r:1:compute-environment/mfdt-run001-cpu")
	cases := []struct {
		name      string
		errs      []error
		status    batchtypes.CEStatus
		run       func(*scripted, batchtypes.CEStatus) error
		wantCalls int
		wantErr   string
	}{
		{"EIP held by a NAT gateway", []error{natHeld, natHeld}, "", releaseEIP(eip), 3, ""},
		{"EIP AuthFailure otherwise", []error{badCreds, badCreds}, "", releaseEIP(eip), 1, "validate the provided access credentials"},
		{"CE still in a queue", []error{queueRel, queueRel}, batchtypes.CEStatusValid, deleteCE(ce), 3, ""},
		{"CE still updating", []error{otherClient, otherClient}, batchtypes.CEStatusUpdating, deleteCE(ce), 3, ""},
		{"CE ClientException otherwise", []error{otherClient, otherClient}, batchtypes.CEStatusValid, deleteCE(ce), 1, "not in a valid state"},
	}
	for _, tc := range cases {
		s := &scripted{errs: tc.errs}
		err := tc.run(s, tc.status)
		if s.n != tc.wantCalls {
			t.Errorf("%s: %d delete calls, want %d", tc.name, s.n, tc.wantCalls)
		}
		switch {
		case tc.wantErr == "" && err != nil:
			t.Errorf("%s: %v, want success after the transient errors", tc.name, err)
		case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr) || strings.Contains(err.Error(), "gave up")):
			t.Errorf("%s: err = %v, want the error %q at once", tc.name, err, tc.wantErr)
		}
	}
}

func releaseEIP(r Resource) func(*scripted, batchtypes.CEStatus) error {
	return func(s *scripted, _ batchtypes.CEStatus) error {
		return Delete(context.Background(), quick(&Clients{EC2: &fakeEIP{release: s}}), []Resource{r}, nil)
	}
}

func deleteCE(r Resource) func(*scripted, batchtypes.CEStatus) error {
	return func(s *scripted, st batchtypes.CEStatus) error {
		f := &fakeCE{del: s, status: st}
		return Delete(context.Background(), quick(&Clients{Batch: f}), []Resource{r}, nil)
	}
}
