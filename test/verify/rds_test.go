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

var testSubnets = []string{"subnet-0bbbbbbbbbbbbbbbb", "subnet-0aaaaaaaaaaaaaaaa"}

func subnetGroup(name string, ids ...string) *types.DBSubnetGroup {
	g := &types.DBSubnetGroup{DBSubnetGroupName: aws.String(name)}
	for _, id := range ids {
		g.Subnets = append(g.Subnets, types.Subnet{SubnetIdentifier: aws.String(id)})
	}
	return g
}

// instance is a single RDS for PostgreSQL 17 instance in testSubnets.
func instance(id, status string, encrypted, public bool) types.DBInstance {
	return types.DBInstance{
		DBInstanceIdentifier: aws.String(id),
		DBInstanceStatus:     aws.String(status),
		StorageEncrypted:     aws.Bool(encrypted),
		PubliclyAccessible:   aws.Bool(public),
		Engine:               aws.String("postgres"),
		EngineVersion:        aws.String("17.4"),
		DBSubnetGroup:        subnetGroup("mfabc-db", testSubnets...),
	}
}

// auroraMember is an instance of the Aurora PostgreSQL cluster "mfabc-db".
func auroraMember(id string) types.DBInstance {
	db := instance(id, "available", true, false)
	db.DBClusterIdentifier = aws.String("mfabc-db")
	db.Engine = aws.String("aurora-postgresql")
	db.EngineVersion = aws.String("16.6")
	return db
}

func auroraCluster(status string, encrypted bool) types.DBCluster {
	return types.DBCluster{
		DBClusterIdentifier: aws.String("mfabc-db"),
		Status:              aws.String(status),
		StorageEncrypted:    aws.Bool(encrypted),
		Engine:              aws.String("aurora-postgresql"),
		EngineVersion:       aws.String("16.6"),
		DBSubnetGroup:       aws.String("mfabc-db"),
	}
}

func TestCheckDatabases(t *testing.T) {
	others := []types.DBInstance{
		instance("someone-else-db", "failed", false, true),
		instance("another", "available", true, false),
		instance("third", "available", true, false),
	}
	member := auroraMember("mfabc-db-1")
	oddlyNamedMember := auroraMember("writer-0")
	cluster := auroraCluster("available", true)

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
			fake:          fakeRDS{clusters: []types.DBCluster{cluster}, instances: []types.DBInstance{member, oddlyNamedMember}},
			wantInstances: []string{"mfabc-db-1", "writer-0"}},
		{name: "aurora cluster unencrypted", prefix: "mfabc-",
			fake:    fakeRDS{clusters: []types.DBCluster{auroraCluster("available", false)}},
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

func TestCheckDatabase(t *testing.T) {
	withEngine := func(db types.DBInstance, engine, version string) types.DBInstance {
		db.Engine, db.EngineVersion = aws.String(engine), aws.String(version)
		return db
	}
	withGroup := func(db types.DBInstance, g *types.DBSubnetGroup) types.DBInstance {
		db.DBSubnetGroup = g
		return db
	}
	good := instance("mfabc-db", "available", true, false)
	cluster := auroraCluster("available", true)
	members := []types.DBInstance{auroraMember("mfabc-db-1")}
	publicCluster := auroraCluster("available", true)
	publicCluster.PubliclyAccessible = aws.Bool(true)
	rds17 := DatabaseExpectations{Identifier: "mfabc-db", Engine: EnginePostgres, MajorVersion: "17", SubnetIDs: testSubnets}
	aurora16 := DatabaseExpectations{Identifier: "mfabc-db", Engine: EngineAuroraPostgres, MajorVersion: "16", SubnetIDs: testSubnets}
	with := func(e DatabaseExpectations, f func(*DatabaseExpectations)) DatabaseExpectations {
		f(&e)
		return e
	}

	tests := []struct {
		name         string
		want         DatabaseExpectations
		fake         fakeRDS
		wantErr      string
		wantNotReady bool
		wantReport   DatabaseReport
	}{
		{name: "rds instance as requested", want: rds17, fake: fakeRDS{instances: []types.DBInstance{good}},
			wantReport: DatabaseReport{Instances: []string{"mfabc-db"}, Engine: "postgres", EngineVersion: "17.4", SubnetIDs: sortedCopy(testSubnets)}},
		{name: "full version requested, major compared", want: with(rds17, func(e *DatabaseExpectations) { e.MajorVersion = "17.2" }),
			fake: fakeRDS{instances: []types.DBInstance{good}}, wantReport: DatabaseReport{Instances: []string{"mfabc-db"}, Engine: "postgres", EngineVersion: "17.4", SubnetIDs: sortedCopy(testSubnets)}},
		{name: "exact identifier ignores a namesake", want: rds17,
			fake:       fakeRDS{instances: []types.DBInstance{instance("mfabc-db-old", "failed", false, true), good}},
			wantReport: DatabaseReport{Instances: []string{"mfabc-db"}, Engine: "postgres", EngineVersion: "17.4", SubnetIDs: sortedCopy(testSubnets)}},
		{name: "identifier given in upper case, stored lower case", want: with(rds17, func(e *DatabaseExpectations) { e.Identifier = "MFABC-db" }),
			fake: fakeRDS{instances: []types.DBInstance{good}}, wantReport: DatabaseReport{Instances: []string{"mfabc-db"}, Engine: "postgres", EngineVersion: "17.4", SubnetIDs: sortedCopy(testSubnets)}},
		{name: "prefix in upper case", want: with(rds17, func(e *DatabaseExpectations) { e.Identifier, e.Prefix = "", "MFabc-" }),
			fake: fakeRDS{instances: []types.DBInstance{good}}, wantReport: DatabaseReport{Instances: []string{"mfabc-db"}, Engine: "postgres", EngineVersion: "17.4", SubnetIDs: sortedCopy(testSubnets)}},
		{name: "wrong major version", want: with(rds17, func(e *DatabaseExpectations) { e.MajorVersion = "16" }),
			fake: fakeRDS{instances: []types.DBInstance{good}}, wantErr: "runs postgres 17.4 (major 17), want major 16"},
		{name: "engine is not postgres", want: rds17,
			fake: fakeRDS{instances: []types.DBInstance{withEngine(good, "mysql", "8.0.40")}}, wantErr: `engine is "mysql", want "postgres"`},
		{name: "engine check also without expectations", want: DatabaseExpectations{Prefix: "mfabc-"},
			fake: fakeRDS{instances: []types.DBInstance{withEngine(good, "mariadb", "11.4")}}, wantErr: `engine is "mariadb"`},
		{name: "unencrypted instance", want: rds17,
			fake: fakeRDS{instances: []types.DBInstance{instance("mfabc-db", "available", false, false)}}, wantErr: "not encrypted"},
		{name: "public instance", want: rds17,
			fake: fakeRDS{instances: []types.DBInstance{instance("mfabc-db", "available", true, true)}}, wantErr: "publicly accessible"},
		{name: "instance still creating", want: rds17,
			fake: fakeRDS{instances: []types.DBInstance{instance("mfabc-db", "creating", true, false)}}, wantErr: "is creating", wantNotReady: true},
		{name: "subnets in another order pass", want: with(rds17, func(e *DatabaseExpectations) { e.SubnetIDs = sortedCopy(testSubnets) }),
			fake: fakeRDS{instances: []types.DBInstance{good}}, wantReport: DatabaseReport{Instances: []string{"mfabc-db"}, Engine: "postgres", EngineVersion: "17.4", SubnetIDs: sortedCopy(testSubnets)}},
		{name: "subnet group spans other subnets", want: with(rds17, func(e *DatabaseExpectations) { e.SubnetIDs = []string{testSubnets[0], "subnet-0ccccccccccccccc0"} }),
			fake: fakeRDS{instances: []types.DBInstance{good}}, wantErr: "spans subnets"},
		{name: "subnet group misses one subnet", want: with(rds17, func(e *DatabaseExpectations) {
			e.SubnetIDs = append(slices.Clone(testSubnets), "subnet-0ccccccccccccccc0")
		}),
			fake: fakeRDS{instances: []types.DBInstance{good}}, wantErr: "spans subnets"},
		{name: "no subnet group reported", want: rds17,
			fake: fakeRDS{instances: []types.DBInstance{withGroup(good, nil)}}, wantErr: "no DB subnet group"},
		{name: "instance where Aurora was asked for", want: aurora16,
			fake: fakeRDS{instances: []types.DBInstance{good}}, wantErr: "is not in an Aurora cluster"},
		{name: "cluster where one instance was asked for", want: rds17,
			fake: fakeRDS{clusters: []types.DBCluster{cluster}, instances: members}, wantErr: "found Aurora cluster mfabc-db, but db_engine is postgres"},
		{name: "aurora as requested", want: aurora16, fake: fakeRDS{clusters: []types.DBCluster{cluster}, instances: members},
			wantReport: DatabaseReport{Instances: []string{"mfabc-db-1"}, Clusters: []string{"mfabc-db"}, Engine: "aurora-postgresql", EngineVersion: "16.6", SubnetIDs: sortedCopy(testSubnets)}},
		{name: "aurora wrong major version", want: with(aurora16, func(e *DatabaseExpectations) { e.MajorVersion = "17" }),
			fake: fakeRDS{clusters: []types.DBCluster{cluster}, instances: members}, wantErr: "cluster mfabc-db runs aurora-postgresql 16.6 (major 16), want major 17"},
		{name: "aurora member in another subnet group", want: aurora16,
			fake: fakeRDS{clusters: []types.DBCluster{cluster}, instances: []types.DBInstance{withGroup(auroraMember("mfabc-db-1"), subnetGroup("default", testSubnets...))}}, wantErr: `in subnet group "default", its cluster in "mfabc-db"`},
		{name: "aurora cluster creating", want: aurora16,
			fake: fakeRDS{clusters: []types.DBCluster{auroraCluster("creating", true)}}, wantErr: "cluster mfabc-db is creating", wantNotReady: true},
		{name: "multi-AZ cluster public", want: aurora16,
			fake: fakeRDS{clusters: []types.DBCluster{publicCluster}, instances: members}, wantErr: "cluster mfabc-db is publicly accessible"},
		{name: "identifier not found", want: rds17,
			fake: fakeRDS{instances: []types.DBInstance{instance("other", "available", true, false)}}, wantErr: `no instance or cluster with identifier "mfabc-db"`},
		{name: "no selector", want: DatabaseExpectations{Engine: EnginePostgres}, wantErr: "neither identifier nor prefix"},
		{name: "unknown expected engine", want: with(rds17, func(e *DatabaseExpectations) { e.Engine = "mysql" }), wantErr: "not one the datastore creates"},
		{name: "garbage expected version", want: with(rds17, func(e *DatabaseExpectations) { e.MajorVersion = "latest" }),
			fake: fakeRDS{instances: []types.DBInstance{good}}, wantErr: "not a PostgreSQL version"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := tc.fake
			report, err := CheckDatabase(context.Background(), &f, tc.want)
			checkErr(t, err, tc.wantErr, tc.wantNotReady)
			if tc.wantErr != "" {
				return
			}
			if !slices.Equal(report.Instances, tc.wantReport.Instances) || !slices.Equal(report.Clusters, tc.wantReport.Clusters) ||
				report.Engine != tc.wantReport.Engine || report.EngineVersion != tc.wantReport.EngineVersion ||
				!slices.Equal(report.SubnetIDs, tc.wantReport.SubnetIDs) {
				t.Fatalf("report %+v, want %+v", report, tc.wantReport)
			}
		})
	}
}

func TestPostgresMajor(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"17", "17", true}, {"16.4", "16", true}, {"14.17.1", "14", true}, {"9.6.24", "9.6", true},
		{"9", "", false}, {"", "", false}, {"latest", "", false}, {"v17", "", false}, {"0.1", "", false},
	}
	for _, tc := range tests {
		got, ok := PostgresMajor(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("PostgresMajor(%q) = %q, %t; want %q, %t", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}
