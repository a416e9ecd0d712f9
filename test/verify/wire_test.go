package verify

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// These tests run the new checks through the real SDK clients against local
// endpoints that answer in each service's wire protocol (query/XML for IAM
// and RDS, JSON 1.0/1.1 for DynamoDB and Logs, REST for S3): field names,
// nesting and error codes are the SDK's, not a Go fake's.

func sdkConfig(srv *httptest.Server) aws.Config {
	return aws.Config{
		Region:       "us-west-2",
		Credentials:  credentials.NewStaticCredentialsProvider("AKIDEXAMPLE", "not-a-secret", ""),
		BaseEndpoint: aws.String(srv.URL),
		HTTPClient:   srv.Client(),
	}
}

// queryEndpoint serves an AWS query protocol endpoint: the form's Action
// picks the answer; a status of 300 or more sends the body as an error.
func queryEndpoint(t *testing.T, xmlns string, answers func(action string, form url.Values) (int, string)) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := r.ParseForm(); err != nil {
			t.Errorf("form: %v", err)
		}
		action := r.Form.Get("Action")
		status, body := answers(action, r.Form)
		w.Header().Set("Content-Type", "text/xml")
		w.WriteHeader(status)
		if status >= 300 {
			fmt.Fprintf(w, `<ErrorResponse xmlns="%s"><Error><Type>Sender</Type>%s</Error><RequestId>r-1</RequestId></ErrorResponse>`, xmlns, body)
			return
		}
		fmt.Fprintf(w, `<%[1]sResponse xmlns="%[2]s"><%[1]sResult>%[3]s</%[1]sResult><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></%[1]sResponse>`, action, xmlns, body)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestCheckRoleTrustThroughTheSDK(t *testing.T) {
	srv := queryEndpoint(t, "https://iam.amazonaws.com/doc/2010-05-08/", func(action string, form url.Values) (int, string) {
		if action != "GetRole" {
			return 400, "<Code>InvalidAction</Code><Message>" + action + "</Message>"
		}
		name := form.Get("RoleName")
		if name != "mfabc-sfn" {
			return 404, "<Code>NoSuchEntity</Code><Message>The role with name " + name + " cannot be found.</Message>"
		}
		// IAM answers the trust policy URL-encoded.
		return 200, "<Role><Path>/</Path><AssumeRolePolicyDocument>" + url.QueryEscape(sfnTrust) + "</AssumeRolePolicyDocument>" +
			"<RoleName>mfabc-sfn</RoleName><RoleId>AROAEXAMPLE</RoleId><Arn>arn:aws:iam::111122223333:role/mfabc-sfn</Arn>" +
			"<CreateDate>2026-11-25T15:00:00Z</CreateDate></Role>"
	})
	cfg := sdkConfig(srv)
	cfg.Region = "us-east-1"
	client := iam.NewFromConfig(cfg)
	ctx := context.Background()
	if err := CheckRoleTrust(ctx, client, "arn:aws:iam::111122223333:role/mfabc-sfn", StatesPrincipal); err != nil {
		t.Fatalf("states trust: %v", err)
	}
	checkErr(t, CheckRoleTrust(ctx, client, "arn:aws:iam::111122223333:role/mfabc-sfn", EventsPrincipal), "does not allow sts:AssumeRole to events.amazonaws.com", false)
	checkErr(t, CheckRoleTrust(ctx, client, "arn:aws:iam::111122223333:role/gone", StatesPrincipal), "role gone does not exist", false)
}

// jsonEndpoint serves an AWS JSON protocol endpoint: X-Amz-Target picks the
// answer; an answer with "__type" is sent as a 400 error.
func jsonEndpoint(t *testing.T, contentType string, answers func(target string, in map[string]any) map[string]any) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		var in map[string]any
		if err := json.Unmarshal(b, &in); err != nil {
			t.Errorf("request body %q: %v", b, err)
		}
		target := r.Header.Get("X-Amz-Target")
		out := answers(target[strings.Index(target, ".")+1:], in)
		w.Header().Set("Content-Type", contentType)
		if _, isErr := out["__type"]; isErr {
			w.WriteHeader(http.StatusBadRequest)
		}
		_ = json.NewEncoder(w).Encode(out)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestCheckStepFunctionsTableThroughTheSDK(t *testing.T) {
	ttlStatus := "ENABLED"
	srv := jsonEndpoint(t, "application/x-amz-json-1.0", func(op string, in map[string]any) map[string]any {
		if in["TableName"] != "mfabc-sfn-state" {
			return map[string]any{"__type": "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException", "message": "Requested resource not found"}
		}
		switch op {
		case "DescribeTable":
			return map[string]any{"Table": map[string]any{"TableName": "mfabc-sfn-state", "TableStatus": "ACTIVE", "ItemCount": 0}}
		case "DescribeTimeToLive":
			return map[string]any{"TimeToLiveDescription": map[string]any{"AttributeName": "ttl", "TimeToLiveStatus": ttlStatus}}
		}
		return map[string]any{"__type": "com.amazon.coral.service#UnknownOperationException"}
	})
	client := dynamodb.NewFromConfig(sdkConfig(srv))
	ctx := context.Background()
	if err := CheckStepFunctionsTable(ctx, client, "mfabc-sfn-state"); err != nil {
		t.Fatal(err)
	}
	ttlStatus = "DISABLED"
	checkErr(t, CheckStepFunctionsTable(ctx, client, "mfabc-sfn-state"), "TTL of table mfabc-sfn-state is DISABLED", false)
	checkErr(t, CheckStepFunctionsTable(ctx, client, "other"), "table other does not exist", false)
}

func TestLogTailThroughTheSDK(t *testing.T) {
	srv := jsonEndpoint(t, "application/x-amz-json-1.1", func(op string, in map[string]any) map[string]any {
		switch op {
		case "DescribeLogStreams":
			if in["orderBy"] != "LastEventTime" || in["descending"] != true {
				return map[string]any{"__type": "InvalidParameterException", "message": fmt.Sprint(in)}
			}
			return map[string]any{"logStreams": []any{map[string]any{"logStreamName": "metadata/metadata-service/abc", "lastEventTimestamp": 2000}}}
		case "GetLogEvents":
			return map[string]any{"events": []any{
				map[string]any{"timestamp": 1764082800000, "message": "starting", "ingestionTime": 1},
				map[string]any{"timestamp": 1764082801000, "message": "FATAL: password authentication failed", "ingestionTime": 2},
			}}
		}
		return map[string]any{"__type": "UnknownOperationException"}
	})
	lines := LogTail(context.Background(), cloudwatchlogs.NewFromConfig(sdkConfig(srv)), "/ecs/mfabc-metadata", 10)
	wantLines(t, lines, []string{"2025-11-25T15:00:00Z [metadata/metadata-service/abc] starting", "[metadata/metadata-service/abc] FATAL: password authentication failed"})
}

func TestCheckDatabaseThroughTheSDK(t *testing.T) {
	srv := queryEndpoint(t, "http://rds.amazonaws.com/doc/2014-10-31/", func(action string, _ url.Values) (int, string) {
		switch action {
		case "DescribeDBClusters":
			return 200, "<DBClusters/>"
		case "DescribeDBInstances":
			return 200, `<DBInstances><DBInstance>
				<DBInstanceIdentifier>mfabc-db</DBInstanceIdentifier><DBInstanceStatus>available</DBInstanceStatus>
				<Engine>postgres</Engine><EngineVersion>17.4</EngineVersion>
				<StorageEncrypted>true</StorageEncrypted><PubliclyAccessible>false</PubliclyAccessible>
				<DBSubnetGroup><DBSubnetGroupName>mfabc-db</DBSubnetGroupName><VpcId>vpc-1</VpcId><SubnetGroupStatus>Complete</SubnetGroupStatus>
					<Subnets>
						<Subnet><SubnetIdentifier>subnet-0bbbbbbbbbbbbbbbb</SubnetIdentifier><SubnetStatus>Active</SubnetStatus></Subnet>
						<Subnet><SubnetIdentifier>subnet-0aaaaaaaaaaaaaaaa</SubnetIdentifier><SubnetStatus>Active</SubnetStatus></Subnet>
					</Subnets>
				</DBSubnetGroup>
			</DBInstance></DBInstances>`
		}
		return 400, "<Code>InvalidAction</Code><Message>" + action + "</Message>"
	})
	client := rds.NewFromConfig(sdkConfig(srv))
	want := DatabaseExpectations{Identifier: "mfabc-db", Engine: EnginePostgres, MajorVersion: "17", SubnetIDs: testSubnets}
	report, err := CheckDatabase(context.Background(), client, want)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(report.SubnetIDs, sortedCopy(testSubnets)) || report.EngineVersion != "17.4" {
		t.Fatalf("report %+v", report)
	}
	want.MajorVersion = "16"
	_, err = CheckDatabase(context.Background(), client, want)
	checkErr(t, err, "want major 16", false)
}

func TestProfileBucketThroughTheSDK(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodHead {
			w.WriteHeader(http.StatusMethodNotAllowed)
			return
		}
		if strings.Trim(r.URL.Path, "/") != "mfabc-bucket" {
			w.WriteHeader(http.StatusNotFound) // HEAD: no body, as S3 answers
			return
		}
		w.Header().Set("x-amz-bucket-region", "us-west-2")
	}))
	defer srv.Close()
	client := s3.NewFromConfig(sdkConfig(srv), func(o *s3.Options) { o.UsePathStyle = true })
	deps := ProfileDeps{S3: client}
	if _, err := CheckProfileResources(context.Background(), deps, map[string]string{"METAFLOW_DATASTORE_SYSROOT_S3": "s3://mfabc-bucket/metaflow"}); err != nil {
		t.Fatal(err)
	}
	_, err := CheckProfileResources(context.Background(), deps, map[string]string{"METAFLOW_DATASTORE_SYSROOT_S3": "s3://gone-bucket/metaflow"})
	checkErr(t, err, "bucket gone-bucket does not exist", false)
}
