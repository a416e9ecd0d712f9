package verify

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/batch"
	batchtypes "github.com/aws/aws-sdk-go-v2/service/batch/types"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	logstypes "github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs/types"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	ecstypes "github.com/aws/aws-sdk-go-v2/service/ecs/types"
)

// The diagnostics below are what a human looks at first when a validate
// stage fails. They never fail a test themselves: every problem becomes a
// line. Their output is bounded (a few jobs or tasks, at most maxLogTail log
// lines, each at most maxDiagLine characters) so a log stays readable.
const (
	maxDiagLine     = 400
	maxDiagJobs     = 5  // per status
	maxDiagTasks    = 10 // stopped tasks described
	maxLogTail      = 500
	maxLogStreams   = 5
	defaultLogLines = 50
)

// BatchJobListAPI is the part of the Batch client BatchJobReasons needs.
type BatchJobListAPI interface {
	ListJobs(ctx context.Context, in *batch.ListJobsInput, optFns ...func(*batch.Options)) (*batch.ListJobsOutput, error)
}

// BatchJobReasons lists the newest FAILED and RUNNABLE jobs of the queue with
// why: the job's statusReason and its container's reason and exit code. A
// FAILED job says what broke (image pull, role, command); a job stuck in
// RUNNABLE says no capacity can be placed (subnets, instance types).
func BatchJobReasons(ctx context.Context, api BatchJobListAPI, queue string) []string {
	if queue == "" {
		return []string{"batch: no job queue to look at"}
	}
	var lines []string
	for _, status := range []batchtypes.JobStatus{batchtypes.JobStatusFailed, batchtypes.JobStatusRunnable} {
		out, err := api.ListJobs(ctx, &batch.ListJobsInput{JobQueue: aws.String(queue), JobStatus: status, MaxResults: aws.Int32(100)})
		if err != nil {
			lines = append(lines, diagLine("batch: listing %s jobs in %s: %v", status, queue, err))
			continue
		}
		jobs := slices.Clone(out.JobSummaryList)
		slices.SortFunc(jobs, func(a, b batchtypes.JobSummary) int {
			return cmp.Compare(aws.ToInt64(b.CreatedAt), aws.ToInt64(a.CreatedAt))
		})
		for _, j := range jobs[:min(len(jobs), maxDiagJobs)] {
			reason := jobReason(j.StatusReason, nil, nil)
			if c := j.Container; c != nil {
				reason = jobReason(j.StatusReason, c.Reason, c.ExitCode)
			}
			lines = append(lines, diagLine("batch %s job %s (%s) created %s: %s", status,
				aws.ToString(j.JobName), aws.ToString(j.JobId), millisUTC(j.CreatedAt), reason))
		}
		if len(jobs) > maxDiagJobs {
			lines = append(lines, diagLine("batch: %d more %s jobs in %s not shown", len(jobs)-maxDiagJobs, status, queue))
		}
	}
	if len(lines) == 0 {
		lines = append(lines, diagLine("batch: no FAILED or RUNNABLE jobs in %s", queue))
	}
	return lines
}

// ECSTaskAPI is the part of the ECS client ECSStoppedTaskReasons needs.
type ECSTaskAPI interface {
	ListTasks(ctx context.Context, in *ecs.ListTasksInput, optFns ...func(*ecs.Options)) (*ecs.ListTasksOutput, error)
	DescribeTasks(ctx context.Context, in *ecs.DescribeTasksInput, optFns ...func(*ecs.Options)) (*ecs.DescribeTasksOutput, error)
}

// ECSStoppedTaskReasons lists the cluster's most recently stopped tasks with
// their stop code, stoppedReason and each container's reason and exit code:
// where a metadata service that never became healthy says why (secret not
// readable, image not pulled, health check failed). ECS keeps stopped tasks
// for about an hour.
func ECSStoppedTaskReasons(ctx context.Context, api ECSTaskAPI, cluster string) []string {
	if cluster == "" {
		return []string{"ecs: no cluster to look at"}
	}
	lt, err := api.ListTasks(ctx, &ecs.ListTasksInput{Cluster: aws.String(cluster), DesiredStatus: ecstypes.DesiredStatusStopped, MaxResults: aws.Int32(100)})
	if err != nil {
		return []string{diagLine("ecs: listing stopped tasks in %s: %v", cluster, err)}
	}
	if len(lt.TaskArns) == 0 {
		return []string{diagLine("ecs: no stopped tasks in %s (ECS keeps them about an hour)", cluster)}
	}
	dt, err := api.DescribeTasks(ctx, &ecs.DescribeTasksInput{Cluster: aws.String(cluster), Tasks: lt.TaskArns})
	if err != nil {
		return []string{diagLine("ecs: describing %d stopped tasks in %s: %v", len(lt.TaskArns), cluster, err)}
	}
	tasks := slices.Clone(dt.Tasks)
	slices.SortFunc(tasks, func(a, b ecstypes.Task) int {
		return aws.ToTime(b.StoppedAt).Compare(aws.ToTime(a.StoppedAt))
	})
	var lines []string
	for _, task := range tasks[:min(len(tasks), maxDiagTasks)] {
		parts := []string{string(task.StopCode)}
		if r := aws.ToString(task.StoppedReason); r != "" {
			parts = append(parts, r)
		}
		for _, c := range task.Containers {
			detail := ""
			if r := aws.ToString(c.Reason); r != "" {
				detail = r
			}
			if c.ExitCode != nil {
				detail = strings.TrimPrefix(detail+fmt.Sprintf(", exit code %d", *c.ExitCode), ", ")
			}
			if detail != "" {
				parts = append(parts, "container "+aws.ToString(c.Name)+": "+detail)
			}
		}
		stopped := "(not yet)"
		if task.StoppedAt != nil {
			stopped = task.StoppedAt.UTC().Format(time.RFC3339)
		}
		lines = append(lines, diagLine("ecs task %s %s stopped %s: %s", aws.ToString(task.Group), lastPart(aws.ToString(task.TaskArn)),
			stopped, strings.Join(slices.DeleteFunc(parts, func(s string) bool { return s == "" }), "; ")))
	}
	if len(tasks) > maxDiagTasks {
		lines = append(lines, diagLine("ecs: %d more stopped tasks in %s not shown", len(tasks)-maxDiagTasks, cluster))
	}
	return lines
}

// LogsAPI is the part of the CloudWatch Logs client LogTail needs.
type LogsAPI interface {
	DescribeLogStreams(ctx context.Context, in *cloudwatchlogs.DescribeLogStreamsInput, optFns ...func(*cloudwatchlogs.Options)) (*cloudwatchlogs.DescribeLogStreamsOutput, error)
	GetLogEvents(ctx context.Context, in *cloudwatchlogs.GetLogEventsInput, optFns ...func(*cloudwatchlogs.Options)) (*cloudwatchlogs.GetLogEventsOutput, error)
}

// LogTail returns the last n events (default 50, at most 500) of the log
// group across its most recently written streams, oldest first, as
// "TIME [STREAM] MESSAGE". Values in secrets are masked out of the messages.
func LogTail(ctx context.Context, api LogsAPI, group string, n int, secrets ...string) []string {
	if group == "" {
		return []string{"logs: no log group to look at"}
	}
	if n <= 0 {
		n = defaultLogLines
	}
	n = min(n, maxLogTail)
	ds, err := api.DescribeLogStreams(ctx, &cloudwatchlogs.DescribeLogStreamsInput{
		LogGroupName: aws.String(group),
		OrderBy:      logstypes.OrderByLastEventTime,
		Descending:   aws.Bool(true),
		Limit:        aws.Int32(maxLogStreams),
	})
	var nf *logstypes.ResourceNotFoundException
	switch {
	case errors.As(err, &nf):
		return []string{diagLine("logs: group %s does not exist", group)}
	case err != nil:
		return []string{diagLine("logs: listing streams of %s: %v", group, err)}
	}
	type event struct {
		ts     int64
		stream string
		msg    string
	}
	var events []event
	var lines []string
	for _, s := range ds.LogStreams[:min(len(ds.LogStreams), maxLogStreams)] {
		stream := aws.ToString(s.LogStreamName)
		out, err := api.GetLogEvents(ctx, &cloudwatchlogs.GetLogEventsInput{
			LogGroupName:  aws.String(group),
			LogStreamName: aws.String(stream),
			StartFromHead: aws.Bool(false),
			Limit:         aws.Int32(int32(n)),
		})
		if err != nil {
			lines = append(lines, diagLine("logs: reading %s/%s: %v", group, stream, err))
			continue
		}
		for _, e := range out.Events {
			events = append(events, event{ts: aws.ToInt64(e.Timestamp), stream: stream, msg: aws.ToString(e.Message)})
		}
	}
	if len(events) == 0 && len(lines) == 0 {
		return []string{diagLine("logs: group %s has no events", group)}
	}
	slices.SortStableFunc(events, func(a, b event) int { return cmp.Compare(a.ts, b.ts) })
	events = events[max(0, len(events)-n):]
	for _, e := range events {
		msg := strings.TrimRight(e.msg, "\r\n")
		for _, s := range secrets {
			if s != "" {
				msg = strings.ReplaceAll(msg, s, MaskSecret(s))
			}
		}
		lines = append(lines, diagLine("%s [%s] %s", time.UnixMilli(e.ts).UTC().Format(time.RFC3339), shortStream(e.stream), msg))
	}
	return lines
}

// LogGroupsAPI is the part of the CloudWatch Logs client LogGroupsMatching needs.
type LogGroupsAPI interface {
	DescribeLogGroups(ctx context.Context, in *cloudwatchlogs.DescribeLogGroupsInput, optFns ...func(*cloudwatchlogs.Options)) (*cloudwatchlogs.DescribeLogGroupsOutput, error)
}

// LogGroupsMatching lists (sorted, at most 50) the log groups whose name
// contains pattern, such as the run's resource prefix: the module's groups
// are PREFIX-metadata-service..., PREFIX-ui..., /aws/lambda/PREFIX-..., so
// one pattern finds the groups to hand to LogTail.
func LogGroupsMatching(ctx context.Context, api LogGroupsAPI, pattern string) ([]string, error) {
	if pattern == "" {
		return nil, errors.New("logs: empty pattern would list every log group")
	}
	var names []string
	p := cloudwatchlogs.NewDescribeLogGroupsPaginator(api, &cloudwatchlogs.DescribeLogGroupsInput{LogGroupNamePattern: aws.String(pattern)})
	for p.HasMorePages() && len(names) < 50 {
		page, err := p.NextPage(ctx)
		if err != nil {
			return sortedCopy(names), fmt.Errorf("logs: listing groups matching %q: %w", pattern, err)
		}
		for _, g := range page.LogGroups {
			names = append(names, aws.ToString(g.LogGroupName))
		}
	}
	return sortedCopy(names[:min(len(names), 50)]), nil
}

// diagLine formats one diagnostic line, on one line and bounded.
func diagLine(format string, args ...any) string {
	s := strings.ReplaceAll(fmt.Sprintf(format, args...), "\n", " | ")
	if len(s) > maxDiagLine {
		s = s[:maxDiagLine] + "..."
	}
	return s
}

func millisUTC(ms *int64) string {
	if ms == nil {
		return "(unknown)"
	}
	return time.UnixMilli(*ms).UTC().Format(time.RFC3339)
}

func lastPart(arn string) string {
	return arn[strings.LastIndex(arn, "/")+1:]
}

// shortStream keeps the end of a stream name (ECS: PREFIX/CONTAINER/TASK_ID),
// which is what tells streams apart.
func shortStream(s string) string {
	if len(s) <= 48 {
		return s
	}
	return "..." + s[len(s)-45:]
}
