package verify

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/rds"
)

// RDSAPI is the part of the RDS client CheckDatabases needs.
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

// DatabaseReport lists the databases found and checked.
type DatabaseReport struct {
	Instances []string
	Clusters  []string
}

// CheckDatabases finds the RDS instances and Aurora clusters whose identifier
// starts with prefix (the run's unique resource prefix) and checks each is
// available, storage-encrypted and (instances) not publicly accessible. Finding
// none is an error: every example here has a database.
func CheckDatabases(ctx context.Context, api RDSAPI, prefix string) (DatabaseReport, error) {
	if prefix == "" {
		return DatabaseReport{}, fmt.Errorf("rds: empty identifier prefix would match every database in the account")
	}
	var report DatabaseReport

	clusters := rds.NewDescribeDBClustersPaginator(api, &rds.DescribeDBClustersInput{})
	for clusters.HasMorePages() {
		page, err := clusters.NextPage(ctx)
		if err != nil {
			return DatabaseReport{}, fmt.Errorf("rds: listing clusters: %w", err)
		}
		for _, c := range page.DBClusters {
			id := aws.ToString(c.DBClusterIdentifier)
			if !strings.HasPrefix(id, prefix) {
				continue
			}
			if err := checkRDSStatus("cluster", id, aws.ToString(c.Status)); err != nil {
				return DatabaseReport{}, err
			}
			if !aws.ToBool(c.StorageEncrypted) {
				return DatabaseReport{}, fmt.Errorf("rds: cluster %s storage is not encrypted", id)
			}
			report.Clusters = append(report.Clusters, id)
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
			// Aurora members may be named by the cluster; count them via their cluster.
			if !strings.HasPrefix(id, prefix) && !slices.Contains(report.Clusters, aws.ToString(db.DBClusterIdentifier)) {
				continue
			}
			if err := checkRDSStatus("instance", id, aws.ToString(db.DBInstanceStatus)); err != nil {
				return DatabaseReport{}, err
			}
			if !aws.ToBool(db.StorageEncrypted) {
				return DatabaseReport{}, fmt.Errorf("rds: instance %s storage is not encrypted", id)
			}
			if aws.ToBool(db.PubliclyAccessible) {
				return DatabaseReport{}, fmt.Errorf("rds: instance %s is publicly accessible", id)
			}
			report.Instances = append(report.Instances, id)
		}
	}

	if len(report.Instances) == 0 && len(report.Clusters) == 0 {
		return DatabaseReport{}, fmt.Errorf("rds: no instance or cluster whose identifier starts with %q", prefix)
	}
	if len(report.Clusters) > 0 && len(report.Instances) == 0 {
		return DatabaseReport{}, notReady("rds: cluster %s has no instance yet", strings.Join(report.Clusters, ", "))
	}
	return report, nil
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
