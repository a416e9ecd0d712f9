package verify

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	"github.com/aws/aws-sdk-go-v2/service/rds/types"
)

// RDSAPI is the part of the RDS client CheckDatabase and CheckDatabases need.
type RDSAPI interface {
	DescribeDBInstances(ctx context.Context, in *rds.DescribeDBInstancesInput, optFns ...func(*rds.Options)) (*rds.DescribeDBInstancesOutput, error)
	DescribeDBClusters(ctx context.Context, in *rds.DescribeDBClustersInput, optFns ...func(*rds.Options)) (*rds.DescribeDBClustersOutput, error)
}

// rdsSettling are statuses an RDS resource passes through right after
// creation; waiting is the right answer to them.
var rdsSettling = []string{
	"creating", "backing-up", "modifying", "configuring-enhanced-monitoring",
	"configuring-log-exports", "configuring-iam-database-auth", "rebooting",
	"resetting-master-credentials", "starting", "upgrading", "maintenance",
}

// The engines modules/datastore accepts (its db_engine validation): the
// engine, not the version, decides between one RDS instance and an Aurora
// cluster.
const (
	EnginePostgres       = "postgres"
	EngineAuroraPostgres = "aurora-postgresql"
)

// DatabaseExpectations says which databases CheckDatabase looks at and what
// it requires of them beyond "available, storage-encrypted, not public,
// PostgreSQL". Zero fields other than the selector are not checked.
type DatabaseExpectations struct {
	// Prefix selects every instance and cluster whose identifier starts with
	// it (the run's resource prefix); Identifier selects exactly one (the
	// datastore names the instance and the cluster alike). One is required.
	Prefix     string
	Identifier string
	// Engine is the module's db_engine: EnginePostgres means one RDS
	// instance and no cluster, EngineAuroraPostgres an Aurora cluster with
	// its instances. Empty accepts either.
	Engine string
	// MajorVersion is the requested db_engine_version ("17" or "16.4"):
	// only the PostgreSQL major version of both sides is compared, since AWS
	// picks (and upgrades) the minor.
	MajorVersion string
	// SubnetIDs are the subnets the module was given: every database's DB
	// subnet group must span exactly this set.
	SubnetIDs []string
}

// DatabaseReport lists the databases found and checked.
type DatabaseReport struct {
	Instances []string
	Clusters  []string
	// Engine and EngineVersion are those of the cluster, or of the last
	// instance when there is none.
	Engine        string
	EngineVersion string
	// SubnetIDs are the (sorted) subnets of the DB subnet group.
	SubnetIDs []string
}

// CheckDatabases finds the RDS instances and Aurora clusters whose identifier
// starts with prefix (the run's unique resource prefix) and checks each is
// available, storage-encrypted, PostgreSQL and not publicly accessible.
// Finding none is an error: every example here has a database.
func CheckDatabases(ctx context.Context, api RDSAPI, prefix string) (DatabaseReport, error) {
	if prefix == "" {
		return DatabaseReport{}, fmt.Errorf("rds: empty identifier prefix would match every database in the account")
	}
	return CheckDatabase(ctx, api, DatabaseExpectations{Prefix: prefix})
}

// CheckDatabase checks the datastore's database: every selected instance and
// cluster is available (settling statuses are ErrNotReady), storage-encrypted,
// not publicly accessible, runs PostgreSQL (the expected engine and major
// version when given) and sits in exactly the expected subnets. An Aurora
// cluster without an instance yet is not ready.
func CheckDatabase(ctx context.Context, api RDSAPI, want DatabaseExpectations) (DatabaseReport, error) {
	if want.Prefix == "" && want.Identifier == "" {
		return DatabaseReport{}, fmt.Errorf("rds: neither identifier nor prefix given: that would match every database in the account")
	}
	if want.Engine != "" && want.Engine != EnginePostgres && want.Engine != EngineAuroraPostgres {
		return DatabaseReport{}, fmt.Errorf("rds: expected engine %q is not one the datastore creates (%s or %s)", want.Engine, EnginePostgres, EngineAuroraPostgres)
	}
	// RDS stores identifiers in lower case whatever case they were given in.
	selected := func(id string) bool {
		if want.Identifier != "" {
			return strings.EqualFold(id, want.Identifier)
		}
		return strings.HasPrefix(strings.ToLower(id), strings.ToLower(want.Prefix))
	}
	var report DatabaseReport
	clusterSubnetGroups := map[string]string{}

	clusters := rds.NewDescribeDBClustersPaginator(api, &rds.DescribeDBClustersInput{})
	for clusters.HasMorePages() {
		page, err := clusters.NextPage(ctx)
		if err != nil {
			return DatabaseReport{}, fmt.Errorf("rds: listing clusters: %w", err)
		}
		for _, c := range page.DBClusters {
			id := aws.ToString(c.DBClusterIdentifier)
			if !selected(id) {
				continue
			}
			if err := checkCluster(c, want); err != nil {
				return DatabaseReport{}, err
			}
			report.Clusters = append(report.Clusters, id)
			report.Engine, report.EngineVersion = aws.ToString(c.Engine), aws.ToString(c.EngineVersion)
			clusterSubnetGroups[id] = aws.ToString(c.DBSubnetGroup)
		}
	}

	instances := rds.NewDescribeDBInstancesPaginator(api, &rds.DescribeDBInstancesInput{})
	for instances.HasMorePages() {
		page, err := instances.NextPage(ctx)
		if err != nil {
			return DatabaseReport{}, fmt.Errorf("rds: listing instances: %w", err)
		}
		for _, db := range page.DBInstances {
			id := aws.ToString(db.DBInstanceIdentifier)
			cluster := aws.ToString(db.DBClusterIdentifier)
			// Aurora members may be named by the cluster; count them via their cluster.
			_, member := clusterSubnetGroups[cluster]
			if !member && !selected(id) {
				continue
			}
			subnets, err := checkInstance(db, member, clusterSubnetGroups[cluster], want)
			if err != nil {
				return DatabaseReport{}, err
			}
			report.Instances = append(report.Instances, id)
			report.SubnetIDs = subnets
			if len(report.Clusters) == 0 {
				report.Engine, report.EngineVersion = aws.ToString(db.Engine), aws.ToString(db.EngineVersion)
			}
		}
	}

	what := fmt.Sprintf("whose identifier starts with %q", want.Prefix)
	if want.Identifier != "" {
		what = fmt.Sprintf("with identifier %q", want.Identifier)
	}
	if len(report.Instances) == 0 && len(report.Clusters) == 0 {
		return DatabaseReport{}, fmt.Errorf("rds: no instance or cluster %s", what)
	}
	if want.Engine == EngineAuroraPostgres && len(report.Clusters) == 0 {
		return DatabaseReport{}, fmt.Errorf("rds: no Aurora cluster %s, but db_engine is %s (found only instances %s)", what, want.Engine, strings.Join(report.Instances, ", "))
	}
	if len(report.Clusters) > 0 && len(report.Instances) == 0 {
		return DatabaseReport{}, notReady("rds: cluster %s has no instance yet", strings.Join(report.Clusters, ", "))
	}
	return report, nil
}

func checkCluster(c types.DBCluster, want DatabaseExpectations) error {
	id := aws.ToString(c.DBClusterIdentifier)
	if err := checkRDSStatus("cluster", id, aws.ToString(c.Status)); err != nil {
		return err
	}
	if want.Engine == EnginePostgres {
		return fmt.Errorf("rds: found Aurora cluster %s, but db_engine is %s (one RDS instance, no cluster)", id, want.Engine)
	}
	if !aws.ToBool(c.StorageEncrypted) {
		return fmt.Errorf("rds: cluster %s storage is not encrypted", id)
	}
	// Set only for Multi-AZ DB clusters; Aurora reports it per instance.
	if aws.ToBool(c.PubliclyAccessible) {
		return fmt.Errorf("rds: cluster %s is publicly accessible", id)
	}
	return checkEngine("cluster", id, aws.ToString(c.Engine), aws.ToString(c.EngineVersion), EngineAuroraPostgres, want)
}

// checkInstance checks one instance (member says it belongs to a selected
// cluster, whose subnet group name is clusterGroup) and returns its subnets.
func checkInstance(db types.DBInstance, member bool, clusterGroup string, want DatabaseExpectations) ([]string, error) {
	id := aws.ToString(db.DBInstanceIdentifier)
	if err := checkRDSStatus("instance", id, aws.ToString(db.DBInstanceStatus)); err != nil {
		return nil, err
	}
	if !aws.ToBool(db.StorageEncrypted) {
		return nil, fmt.Errorf("rds: instance %s storage is not encrypted", id)
	}
	if aws.ToBool(db.PubliclyAccessible) {
		return nil, fmt.Errorf("rds: instance %s is publicly accessible", id)
	}
	engine := EnginePostgres
	if member {
		engine = EngineAuroraPostgres
	} else if want.Engine == EngineAuroraPostgres {
		return nil, fmt.Errorf("rds: instance %s is not in an Aurora cluster, but db_engine is %s", id, want.Engine)
	}
	if err := checkEngine("instance", id, aws.ToString(db.Engine), aws.ToString(db.EngineVersion), engine, want); err != nil {
		return nil, err
	}
	g := db.DBSubnetGroup
	if g == nil {
		return nil, fmt.Errorf("rds: instance %s reports no DB subnet group", id)
	}
	if member && clusterGroup != "" && aws.ToString(g.DBSubnetGroupName) != clusterGroup {
		return nil, fmt.Errorf("rds: instance %s is in subnet group %q, its cluster in %q", id, aws.ToString(g.DBSubnetGroupName), clusterGroup)
	}
	var subnets []string
	for _, s := range g.Subnets {
		subnets = append(subnets, aws.ToString(s.SubnetIdentifier))
	}
	subnets = sortedCopy(subnets)
	if len(want.SubnetIDs) > 0 && !slices.Equal(subnets, sortedCopy(want.SubnetIDs)) {
		return nil, fmt.Errorf("rds: instance %s subnet group %s spans subnets %v, want %v",
			id, aws.ToString(g.DBSubnetGroupName), subnets, sortedCopy(want.SubnetIDs))
	}
	return subnets, nil
}

// checkEngine requires engine to be wantEngine (what the shape implies) and,
// when asked, the major version to match.
func checkEngine(kind, id, engine, version, wantEngine string, want DatabaseExpectations) error {
	if engine != wantEngine {
		return fmt.Errorf("rds: %s %s engine is %q, want %q", kind, id, engine, wantEngine)
	}
	if want.MajorVersion == "" {
		return nil
	}
	got, ok := PostgresMajor(version)
	wantMajor, wantOK := PostgresMajor(want.MajorVersion)
	if !wantOK {
		return fmt.Errorf("rds: expected version %q is not a PostgreSQL version", want.MajorVersion)
	}
	if !ok || got != wantMajor {
		return fmt.Errorf("rds: %s %s runs %s %s (major %s), want major %s", kind, id, engine, version, orAny(got), wantMajor)
	}
	return nil
}

// PostgresMajor returns the major part of a PostgreSQL version: the first
// number from 10 on ("16.4" -> "16"), the first two before ("9.6.24" -> "9.6").
func PostgresMajor(version string) (string, bool) {
	parts := strings.Split(strings.TrimSpace(version), ".")
	first, err := strconv.Atoi(parts[0])
	if err != nil || first <= 0 {
		return "", false
	}
	if first >= 10 {
		return parts[0], true
	}
	if len(parts) < 2 {
		return "", false
	}
	if _, err := strconv.Atoi(parts[1]); err != nil {
		return "", false
	}
	return parts[0] + "." + parts[1], true
}

func checkRDSStatus(kind, id, status string) error {
	switch {
	case status == "available":
		return nil
	case slices.Contains(rdsSettling, status):
		return notReady("rds: %s %s is %s", kind, id, status)
	default:
		return fmt.Errorf("rds: %s %s status is %q, want available", kind, id, status)
	}
}
