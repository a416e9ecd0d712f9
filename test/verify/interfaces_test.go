package verify

import (
	"net/http"

	"github.com/aws/aws-sdk-go-v2/service/batch"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// The real clients satisfy the interfaces the checks take, so the deploy
// tests can pass them straight in.
var (
	_ RDSAPI           = (*rds.Client)(nil)
	_ DynamoDBAPI      = (*dynamodb.Client)(nil)
	_ DynamoDBTableAPI = (*dynamodb.Client)(nil)
	_ IAMAPI           = (*iam.Client)(nil)
	_ BucketHeadAPI    = (*s3.Client)(nil)
	_ JobQueueAPI      = (*batch.Client)(nil)
	_ BatchJobListAPI  = (*batch.Client)(nil)
	_ ECSTaskAPI       = (*ecs.Client)(nil)
	_ LogsAPI          = (*cloudwatchlogs.Client)(nil)
	_ LogGroupsAPI     = (*cloudwatchlogs.Client)(nil)
	_ HTTPDoer         = (*http.Client)(nil)
)
