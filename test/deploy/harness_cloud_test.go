package deploy

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/acm"
	"github.com/aws/aws-sdk-go-v2/service/batch"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/ecs"

	"github.com/outerbounds/terraform-aws-metaflow/internal/inventory"
	"github.com/outerbounds/terraform-aws-metaflow/test/verify"
)

// cloud is what the stages do outside terraform: find the runner's address,
// lend the UI a certificate, audit leftovers and collect diagnostics. The
// offline lifecycle tests replace it with a recording fake.
type cloud interface {
	PublicIP(ctx context.Context) (string, error)
	ImportCertificate(ctx context.Context, runID string) (string, error)
	DeleteCertificate(ctx context.Context, arn string) error
	// Leftovers lists, one line each, what still carries the run tag.
	Leftovers(ctx context.Context, runID string) ([]string, error)
	// Diagnostics returns what a person looks at first when a check failed.
	Diagnostics(ctx context.Context, r *run) []string
}

// awsCloud is cloud on a real account.
type awsCloud struct {
	cfg  aws.Config
	logf func(string, ...any)
}

func newAWSCloud(cfg aws.Config, logf func(string, ...any)) awsCloud {
	return awsCloud{cfg: cfg, logf: logf}
}

func (c awsCloud) PublicIP(ctx context.Context) (string, error) {
	client := tcp4Client()
	client.Timeout = 10 * time.Second
	return PublicIPv4(ctx, client, PublicIPServices)
}

// ImportCertificate lends the UI listener a self-signed certificate. The
// name is under example.com (reserved, never anyone's): the probes skip
// verification, the listener only needs some certificate.
func (c awsCloud) ImportCertificate(ctx context.Context, runID string) (string, error) {
	return verify.ImportTestCertificate(ctx, acm.NewFromConfig(c.cfg), "ui."+runID+".example.com",
		map[string]string{RunTagKey: runID}, time.Now())
}

// DeleteCertificate retries while the load balancer, gone from terraform's
// view, still holds the certificate on ACM's side.
func (c awsCloud) DeleteCertificate(ctx context.Context, arn string) error {
	return verify.DeleteCertificateWhenFree(ctx, acm.NewFromConfig(c.cfg), arn, 30*time.Second, c.logf)
}

func (c awsCloud) Leftovers(ctx context.Context, runID string) ([]string, error) {
	rs, err := inventory.Leftovers(ctx, inventory.NewClients(c.cfg), runID)
	if err != nil || len(rs) == 0 {
		return nil, err
	}
	return strings.Split(strings.TrimRight(inventory.Describe(rs), "\n"), "\n"), nil
}

// Diagnostics collects, for a failed validate: why the queue's jobs failed
// or sit RUNNABLE, why the run's ECS tasks stopped, and the tails of the
// run's log groups (metadata service, UI, migration Lambda), API key masked.
func (c awsCloud) Diagnostics(ctx context.Context, r *run) []string {
	var lines []string
	if r.out.BatchJobQueue != "" {
		lines = append(lines, verify.BatchJobReasons(ctx, batch.NewFromConfig(c.cfg), r.out.BatchJobQueue)...)
	}
	ecsAPI := ecs.NewFromConfig(c.cfg)
	clusters, err := runClusters(ctx, ecsAPI, r.names.Prefix+"-")
	if err != nil {
		lines = append(lines, "ecs: "+err.Error())
	}
	for _, cluster := range clusters {
		lines = append(lines, verify.ECSStoppedTaskReasons(ctx, ecsAPI, cluster)...)
	}
	logs := cloudwatchlogs.NewFromConfig(c.cfg)
	groups, err := verify.LogGroupsMatching(ctx, logs, r.names.Prefix+"-")
	if err != nil {
		lines = append(lines, "logs: "+err.Error())
	}
	for _, g := range groups {
		lines = append(lines, verify.LogTail(ctx, logs, g, 30, r.apiKey, r.secrets.ServiceAuthKey)...)
	}
	return lines
}

// runClusters lists the ECS clusters whose name starts with prefix.
func runClusters(ctx context.Context, api ecs.ListClustersAPIClient, prefix string) ([]string, error) {
	var names []string
	p := ecs.NewListClustersPaginator(api, &ecs.ListClustersInput{})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return names, fmt.Errorf("listing clusters: %w", err)
		}
		for _, arn := range page.ClusterArns {
			if name := arn[strings.LastIndex(arn, "/")+1:]; strings.HasPrefix(name, prefix) {
				names = append(names, name)
			}
		}
	}
	return names, nil
}
