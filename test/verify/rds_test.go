package verify

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	"github.com/aws/aws-sdk-go-v2/service/rds/types"
)

// fakeRDS serves instances two per page, like a paginated account.
type fakeRDS struct {
	instances []types.DBInstance
	clusters  []types.DBCluster
	err       error
}

func page[T any](items []T, marker *string) ([]T, *string) {
	start := 0
	if marker != nil {
		for i := range items {
			if string(rune('a'+i)) == *marker {
				start = i
			}
		}
	}
	end := min(start+2, len(items))
	if end < len(items) {
		return items[start:end], aws.String(string(rune('a' + end)))
	}
	return items[start:end], nil
}

func (f *fakeRDS) DescribeDBInstances(_ context.Context, in *rds.DescribeDBInstancesInput, _ ...func(*rds.Options)) (*rds.DescribeDBInstancesOutput, error) {
	if f.err != nil {
		return nil, f.err
	}
	items, next := page(f.instances, in.Marker)
	return &rds.DescribeDBInstancesOutput{DBInstances: items, Marker: next}, nil
}

func (f *fakeRDS) DescribeDBClusters(_ context.Context, in *rds.DescribeDBClustersInput, _ ...func(*rds.Options)) (*rds.DescribeDBClustersOutput, error) {
	if f.err != nil {
		return nil, f.err
	}
	items, next := page(f.clusters, in.Marker)
	return &rds.DescribeDBClustersOutput{DBClusters: items, Marker: next}, nil
}

func instance(id, status string, encrypted, public bool) types.DBInstance {
	return types.DBInstance{
		DBInstanceIdentifier: aws.String(id),
		DBInstanceStatus:     aws.String(status),
		StorageEncrypted:     aws.Bool(encrypted),
		PubliclyAccessible:   aws.Bool(public),
	}
}

func TestCheckDatabases(t *testing.T) {
	others := []types.DBInstance{
		instance("someone-else-db", "failed", false, true),
		instance("another", "available", true, false),
		instance("third", "available", true, false),
	}
	auroraMember := instance("mfabc-db-1", "available", true, false)
	auroraMember.DBClusterIdentifier = aws.String("mfabc-db")
	oddlyNamedMember := instance("writer-0", "available", true, false)
	oddlyNamedMember.DBClusterIdentifier = aws.String("mfabc-db")
	cluster := types.DBCluster{DBClusterIdentifier: aws.String("mfabc-db"), Status: aws.String("available"), StorageEncrypted: aws.Bool(true)}

	tests := []struct {
		name          string
		prefix        string
		fake          fakeRDS
		wantErr       string
		wantNotReady  bool
		wantInstances []string
	}{
		{name: "one good instance among others on a later page", prefix: "mfabc-",
			fake:          fakeRDS{instances: append(slices.Clone(others), instance("mfabc-db", "available", true, false))},
			wantInstances: []string{"mfabc-db"}},
		{name: "backing up right after create", prefix: "mfabc-",
			fake: fakeRDS{instances: []types.DBInstance{instance("mfabc-db", "backing-up", true, false)}}, wantErr: "backing-up", wantNotReady: true},
		{name: "failed instance", prefix: "mfabc-",
			fake: fakeRDS{instances: []types.DBInstance{instance("mfabc-db", "incompatible-network", true, false)}}, wantErr: "incompatible-network"},
		{name: "unencrypted instance", prefix: "mfabc-",
			fake: fakeRDS{instances: []types.DBInstance{instance("mfabc-db", "available", false, false)}}, wantErr: "not encrypted"},
		{name: "public instance", prefix: "mfabc-",
			fake: fakeRDS{instances: []types.DBInstance{instance("mfabc-db", "available", true, true)}}, wantErr: "publicly accessible"},
		{name: "nothing with the prefix", prefix: "mfabc-", fake: fakeRDS{instances: others}, wantErr: "no instance or cluster"},
		{name: "empty prefix refused", prefix: "", fake: fakeRDS{instances: others}, wantErr: "empty identifier prefix"},
		{name: "api error", prefix: "mfabc-", fake: fakeRDS{err: errors.New("AccessDenied")}, wantErr: "AccessDenied"},
		{name: "aurora cluster and member", prefix: "mfabc-",
			fake:          fakeRDS{clusters: []types.DBCluster{cluster}, instances: []types.DBInstance{auroraMember, oddlyNamedMember}},
			wantInstances: []string{"mfabc-db-1", "writer-0"}},
		{name: "aurora cluster unencrypted", prefix: "mfabc-",
			fake:    fakeRDS{clusters: []types.DBCluster{{DBClusterIdentifier: aws.String("mfabc-db"), Status: aws.String("available"), StorageEncrypted: aws.Bool(false)}}},
			wantErr: "cluster mfabc-db storage is not encrypted"},
		{name: "aurora cluster without instance yet", prefix: "mfabc-",
			fake: fakeRDS{clusters: []types.DBCluster{cluster}}, wantErr: "has no instance yet", wantNotReady: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := tc.fake
			report, err := CheckDatabases(context.Background(), &f, tc.prefix)
			checkErr(t, err, tc.wantErr, tc.wantNotReady)
			if tc.wantErr == "" && !slices.Equal(report.Instances, tc.wantInstances) {
				t.Fatalf("instances %v, want %v", report.Instances, tc.wantInstances)
			}
		})
	}
}
