package verify

import (
	"context"
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// SFNTTLAttribute is the attribute modules/step-functions enables TTL on: the
// one Metaflow writes on its Step Functions foreach bookkeeping items.
const SFNTTLAttribute = "ttl"

// DynamoDBTableAPI is the part of the DynamoDB client that tells whether a
// table exists (CheckProfileResources).
type DynamoDBTableAPI interface {
	DescribeTable(ctx context.Context, in *dynamodb.DescribeTableInput, optFns ...func(*dynamodb.Options)) (*dynamodb.DescribeTableOutput, error)
}

// DynamoDBAPI is the part of the DynamoDB client CheckStepFunctionsTable needs.
type DynamoDBAPI interface {
	DynamoDBTableAPI
	DescribeTimeToLive(ctx context.Context, in *dynamodb.DescribeTimeToLiveInput, optFns ...func(*dynamodb.Options)) (*dynamodb.DescribeTimeToLiveOutput, error)
}

// CheckStepFunctionsTable checks the table named by METAFLOW_SFN_DYNAMO_DB_TABLE:
// it exists and is ACTIVE, and TTL is ENABLED on SFNTTLAttribute (without it
// the bookkeeping items never expire). CREATING/UPDATING and TTL ENABLING are
// ErrNotReady.
func CheckStepFunctionsTable(ctx context.Context, api DynamoDBAPI, table string) error {
	if table == "" {
		return errors.New("dynamodb: table name is empty (is METAFLOW_SFN_DYNAMO_DB_TABLE set by this example?)")
	}
	if err := checkTableActive(ctx, api, table); err != nil {
		return err
	}
	ttl, err := api.DescribeTimeToLive(ctx, &dynamodb.DescribeTimeToLiveInput{TableName: aws.String(table)})
	if err != nil {
		return fmt.Errorf("dynamodb: TTL of table %s: %w", table, err)
	}
	d := ttl.TimeToLiveDescription
	if d == nil {
		return fmt.Errorf("dynamodb: table %s reports no TTL description", table)
	}
	switch d.TimeToLiveStatus {
	case types.TimeToLiveStatusEnabled:
	case types.TimeToLiveStatusEnabling:
		return notReady("dynamodb: TTL of table %s is ENABLING", table)
	default:
		return fmt.Errorf("dynamodb: TTL of table %s is %s, want ENABLED on %q", table, orAny(string(d.TimeToLiveStatus)), SFNTTLAttribute)
	}
	if got := aws.ToString(d.AttributeName); got != SFNTTLAttribute {
		return fmt.Errorf("dynamodb: TTL of table %s is on attribute %q, want %q (the one Metaflow writes)", table, got, SFNTTLAttribute)
	}
	return nil
}

// checkTableActive requires the table to exist and be ACTIVE.
func checkTableActive(ctx context.Context, api DynamoDBTableAPI, table string) error {
	out, err := api.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String(table)})
	var nf *types.ResourceNotFoundException
	switch {
	case errors.As(err, &nf):
		return fmt.Errorf("dynamodb: table %s does not exist: %w", table, err)
	case err != nil:
		return fmt.Errorf("dynamodb: describing table %s: %w", table, err)
	case out.Table == nil:
		return fmt.Errorf("dynamodb: table %s: empty description", table)
	}
	switch s := out.Table.TableStatus; s {
	case types.TableStatusActive:
		return nil
	case types.TableStatusCreating, types.TableStatusUpdating:
		return notReady("dynamodb: table %s is %s", table, s)
	default:
		return fmt.Errorf("dynamodb: table %s is %s, want ACTIVE", table, s)
	}
}
