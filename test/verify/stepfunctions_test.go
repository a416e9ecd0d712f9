package verify

import (
	"context"
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

type fakeDynamo struct {
	status           types.TableStatus
	ttl              *types.TimeToLiveDescription
	tableErr, ttlErr error
	asked            []string
}

func (f *fakeDynamo) DescribeTable(_ context.Context, in *dynamodb.DescribeTableInput, _ ...func(*dynamodb.Options)) (*dynamodb.DescribeTableOutput, error) {
	f.asked = append(f.asked, aws.ToString(in.TableName))
	if f.tableErr != nil {
		return nil, f.tableErr
	}
	return &dynamodb.DescribeTableOutput{Table: &types.TableDescription{TableName: in.TableName, TableStatus: f.status}}, nil
}

func (f *fakeDynamo) DescribeTimeToLive(_ context.Context, in *dynamodb.DescribeTimeToLiveInput, _ ...func(*dynamodb.Options)) (*dynamodb.DescribeTimeToLiveOutput, error) {
	if f.ttlErr != nil {
		return nil, f.ttlErr
	}
	return &dynamodb.DescribeTimeToLiveOutput{TimeToLiveDescription: f.ttl}, nil
}

func ttlOn(attr string, status types.TimeToLiveStatus) *types.TimeToLiveDescription {
	return &types.TimeToLiveDescription{AttributeName: aws.String(attr), TimeToLiveStatus: status}
}

func TestCheckStepFunctionsTable(t *testing.T) {
	tests := []struct {
		name         string
		table        string
		fake         fakeDynamo
		wantErr      string
		wantNotReady bool
	}{
		{name: "active with ttl", table: "mfabc-sfn-state", fake: fakeDynamo{status: types.TableStatusActive, ttl: ttlOn("ttl", types.TimeToLiveStatusEnabled)}},
		{name: "still creating", table: "mfabc-sfn-state", fake: fakeDynamo{status: types.TableStatusCreating}, wantErr: "is CREATING", wantNotReady: true},
		{name: "archived", table: "mfabc-sfn-state", fake: fakeDynamo{status: types.TableStatusArchived}, wantErr: "is ARCHIVED, want ACTIVE"},
		{name: "key gone", table: "mfabc-sfn-state", fake: fakeDynamo{status: types.TableStatusInaccessibleEncryptionCredentials}, wantErr: "want ACTIVE"},
		{name: "missing table", table: "mfabc-sfn-state", fake: fakeDynamo{tableErr: &types.ResourceNotFoundException{Message: aws.String("Requested resource not found")}}, wantErr: "does not exist"},
		{name: "access denied", table: "mfabc-sfn-state", fake: fakeDynamo{tableErr: errors.New("AccessDeniedException")}, wantErr: "AccessDeniedException"},
		{name: "ttl disabled", table: "mfabc-sfn-state", fake: fakeDynamo{status: types.TableStatusActive, ttl: &types.TimeToLiveDescription{TimeToLiveStatus: types.TimeToLiveStatusDisabled}}, wantErr: "TTL of table mfabc-sfn-state is DISABLED"},
		{name: "ttl never set", table: "mfabc-sfn-state", fake: fakeDynamo{status: types.TableStatusActive, ttl: &types.TimeToLiveDescription{}}, wantErr: "is (any), want ENABLED"},
		{name: "ttl enabling", table: "mfabc-sfn-state", fake: fakeDynamo{status: types.TableStatusActive, ttl: ttlOn("ttl", types.TimeToLiveStatusEnabling)}, wantErr: "ENABLING", wantNotReady: true},
		{name: "ttl on another attribute", table: "mfabc-sfn-state", fake: fakeDynamo{status: types.TableStatusActive, ttl: ttlOn("expires_at", types.TimeToLiveStatusEnabled)}, wantErr: `on attribute "expires_at", want "ttl"`},
		{name: "ttl description missing", table: "mfabc-sfn-state", fake: fakeDynamo{status: types.TableStatusActive}, wantErr: "no TTL description"},
		{name: "ttl api error", table: "mfabc-sfn-state", fake: fakeDynamo{status: types.TableStatusActive, ttlErr: errors.New("throttled")}, wantErr: "throttled"},
		{name: "no table name", table: "", wantErr: "METAFLOW_SFN_DYNAMO_DB_TABLE"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := tc.fake
			err := CheckStepFunctionsTable(context.Background(), &f, tc.table)
			checkErr(t, err, tc.wantErr, tc.wantNotReady)
			if tc.table != "" && (len(f.asked) != 1 || f.asked[0] != tc.table) {
				t.Fatalf("described tables %v, want [%s]", f.asked, tc.table)
			}
		})
	}
}
