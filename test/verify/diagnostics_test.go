package verify

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/batch"
	batchtypes "github.com/aws/aws-sdk-go-v2/service/batch/types"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	logstypes "github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs/types"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	ecstypes "github.com/aws/aws-sdk-go-v2/service/ecs/types"
)

var diagT0 = time.Date(2026, 11, 25, 15, 0, 0, 0, time.UTC)

type fakeJobList struct {
	jobs map[batchtypes.JobStatus][]batchtypes.JobSummary
	err  error
	in   []*batch.ListJobsInput
}

func (f *fakeJobList) ListJobs(_ context.Context, in *batch.ListJobsInput, _ ...func(*batch.Options)) (*batch.ListJobsOutput, error) {
	f.in = append(f.in, in)
	if f.err != nil {
		return nil, f.err
	}
	return &batch.ListJobsOutput{JobSummaryList: f.jobs[in.JobStatus]}, nil
}

func jobSummary(name string, minute int, reason string, container *batchtypes.ContainerSummary) batchtypes.JobSummary {
	j := batchtypes.JobSummary{JobName: aws.String(name), JobId: aws.String("id-" + name), CreatedAt: aws.Int64(diagT0.Add(time.Duration(minute) * time.Minute).UnixMilli()), Container: container}
	if reason != "" {
		j.StatusReason = aws.String(reason)
	}
	return j
}

func TestBatchJobReasons(t *testing.T) {
	var many []batchtypes.JobSummary
	for i := range 8 {
		many = append(many, jobSummary(fmt.Sprintf("old-%d", i), i, "Essential container in task exited", nil))
	}
	tests := []struct {
		name      string
		fake      fakeJobList
		queue     string
		want      []string // substrings, in order, one per line
		wantLines int
	}{
		{name: "failed and stuck jobs explained", queue: "q", fake: fakeJobList{jobs: map[batchtypes.JobStatus][]batchtypes.JobSummary{
			batchtypes.JobStatusFailed: {
				jobSummary("smoke-1", 1, "Essential container in task exited", &batchtypes.ContainerSummary{ExitCode: aws.Int32(137), Reason: aws.String("OutOfMemoryError: Container killed due to memory usage")}),
				jobSummary("smoke-2", 5, "CannotPullContainerError: pull image manifest has been retried 5 time(s)", &batchtypes.ContainerSummary{}),
			},
			batchtypes.JobStatusRunnable: {jobSummary("waiting", 3, "", nil)},
		}}, want: []string{
			"batch FAILED job smoke-2 (id-smoke-2) created 2026-11-25T15:05:00Z: CannotPullContainerError",
			"batch FAILED job smoke-1 (id-smoke-1) created 2026-11-25T15:01:00Z: Essential container in task exited; container: OutOfMemoryError: Container killed due to memory usage; exit code 137",
			"batch RUNNABLE job waiting (id-waiting) created 2026-11-25T15:03:00Z: no reason given",
		}},
		{name: "bounded: newest five and a count", queue: "q", fake: fakeJobList{jobs: map[batchtypes.JobStatus][]batchtypes.JobSummary{batchtypes.JobStatusFailed: many}},
			want: []string{"old-7", "old-6", "old-5", "old-4", "old-3", "3 more FAILED jobs in q not shown"}},
		{name: "nothing wrong", queue: "q", want: []string{"no FAILED or RUNNABLE jobs in q"}},
		{name: "api error becomes a line", queue: "q", fake: fakeJobList{err: errors.New("AccessDeniedException")},
			want: []string{"listing FAILED jobs in q: AccessDeniedException", "listing RUNNABLE jobs in q: AccessDeniedException"}},
		{name: "no queue", queue: "", want: []string{"no job queue"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := tc.fake
			got := BatchJobReasons(context.Background(), &f, tc.queue)
			wantLines(t, got, tc.want)
			for _, in := range f.in {
				if aws.ToString(in.JobQueue) != tc.queue {
					t.Fatalf("listed jobs of %q, want %q", aws.ToString(in.JobQueue), tc.queue)
				}
			}
		})
	}
}

type fakeStoppedTasks struct {
	tasks            []ecstypes.Task
	listErr, descErr error
	listed           *ecs.ListTasksInput
}

func (f *fakeStoppedTasks) ListTasks(_ context.Context, in *ecs.ListTasksInput, _ ...func(*ecs.Options)) (*ecs.ListTasksOutput, error) {
	f.listed = in
	if f.listErr != nil {
		return nil, f.listErr
	}
	out := &ecs.ListTasksOutput{}
	for _, t := range f.tasks {
		out.TaskArns = append(out.TaskArns, aws.ToString(t.TaskArn))
	}
	return out, nil
}

func (f *fakeStoppedTasks) DescribeTasks(_ context.Context, in *ecs.DescribeTasksInput, _ ...func(*ecs.Options)) (*ecs.DescribeTasksOutput, error) {
	if f.descErr != nil {
		return nil, f.descErr
	}
	return &ecs.DescribeTasksOutput{Tasks: f.tasks}, nil
}

func stoppedTask(id string, minute int, code ecstypes.TaskStopCode, reason string, containers ...ecstypes.Container) ecstypes.Task {
	return ecstypes.Task{
		TaskArn:       aws.String("arn:aws:ecs:us-west-2:111122223333:task/mfabc/" + id),
		Group:         aws.String("service:mfabc-metadata"),
		StopCode:      code,
		StoppedReason: aws.String(reason),
		StoppedAt:     aws.Time(diagT0.Add(time.Duration(minute) * time.Minute)),
		Containers:    containers,
	}
}

func TestECSStoppedTaskReasons(t *testing.T) {
	var many []ecstypes.Task
	for i := range 12 {
		many = append(many, stoppedTask(fmt.Sprintf("t%02d", i), i, ecstypes.TaskStopCodeServiceSchedulerInitiated, "Task failed ELB health checks"))
	}
	tests := []struct {
		name string
		fake fakeStoppedTasks
		want []string
	}{
		{name: "secret and health check failures", fake: fakeStoppedTasks{tasks: []ecstypes.Task{
			stoppedTask("aaa", 1, ecstypes.TaskStopCodeTaskFailedToStart, "ResourceInitializationError: unable to pull secrets or registry auth: AccessDeniedException"),
			stoppedTask("bbb", 7, ecstypes.TaskStopCodeEssentialContainerExited, "Essential container in task exited",
				ecstypes.Container{Name: aws.String("metadata-service"), ExitCode: aws.Int32(1), Reason: aws.String("")},
				ecstypes.Container{Name: aws.String("sidecar")}),
		}}, want: []string{
			"ecs task service:mfabc-metadata bbb stopped 2026-11-25T15:07:00Z: EssentialContainerExited; Essential container in task exited; container metadata-service: exit code 1",
			"ecs task service:mfabc-metadata aaa stopped 2026-11-25T15:01:00Z: TaskFailedToStart; ResourceInitializationError: unable to pull secrets",
		}},
		{name: "bounded", fake: fakeStoppedTasks{tasks: many}, want: []string{"t11", "t10", "t09", "t08", "t07", "t06", "t05", "t04", "t03", "t02", "2 more stopped tasks in mfabc not shown"}},
		{name: "none stopped", want: []string{"no stopped tasks in mfabc"}},
		{name: "list error", fake: fakeStoppedTasks{listErr: errors.New("ClusterNotFoundException")}, want: []string{"listing stopped tasks in mfabc: ClusterNotFoundException"}},
		{name: "describe error", fake: fakeStoppedTasks{tasks: many[:1], descErr: errors.New("throttled")}, want: []string{"describing 1 stopped tasks in mfabc: throttled"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := tc.fake
			wantLines(t, ECSStoppedTaskReasons(context.Background(), &f, "mfabc"), tc.want)
			if f.listed == nil || f.listed.DesiredStatus != ecstypes.DesiredStatusStopped || aws.ToString(f.listed.Cluster) != "mfabc" {
				t.Fatalf("ListTasks input %+v, want the cluster's STOPPED tasks", f.listed)
			}
		})
	}
	wantLines(t, ECSStoppedTaskReasons(context.Background(), &fakeStoppedTasks{}, ""), []string{"no cluster"})
}

type fakeLogs struct {
	streams   map[string][]logstypes.OutputLogEvent // stream -> events, oldest first
	order     []string                              // streams by last event, newest first
	groupErr  error
	streamErr map[string]error
	limits    []int32
}

func (f *fakeLogs) DescribeLogStreams(_ context.Context, in *cloudwatchlogs.DescribeLogStreamsInput, _ ...func(*cloudwatchlogs.Options)) (*cloudwatchlogs.DescribeLogStreamsOutput, error) {
	if f.groupErr != nil {
		return nil, f.groupErr
	}
	if in.OrderBy != logstypes.OrderByLastEventTime || !aws.ToBool(in.Descending) {
		return nil, errors.New("want the newest streams first")
	}
	out := &cloudwatchlogs.DescribeLogStreamsOutput{}
	for _, s := range f.order[:min(len(f.order), int(aws.ToInt32(in.Limit)))] {
		out.LogStreams = append(out.LogStreams, logstypes.LogStream{LogStreamName: aws.String(s)})
	}
	return out, nil
}

func (f *fakeLogs) GetLogEvents(_ context.Context, in *cloudwatchlogs.GetLogEventsInput, _ ...func(*cloudwatchlogs.Options)) (*cloudwatchlogs.GetLogEventsOutput, error) {
	s := aws.ToString(in.LogStreamName)
	if err := f.streamErr[s]; err != nil {
		return nil, err
	}
	if aws.ToBool(in.StartFromHead) {
		return nil, errors.New("want the tail, not the head")
	}
	f.limits = append(f.limits, aws.ToInt32(in.Limit))
	ev := f.streams[s]
	return &cloudwatchlogs.GetLogEventsOutput{Events: ev[max(0, len(ev)-int(aws.ToInt32(in.Limit))):]}, nil
}

func logEvent(second int, msg string) logstypes.OutputLogEvent {
	return logstypes.OutputLogEvent{Timestamp: aws.Int64(diagT0.Add(time.Duration(second) * time.Second).UnixMilli()), Message: aws.String(msg)}
}

func TestLogTail(t *testing.T) {
	two := fakeLogs{
		order: []string{"metadata/metadata-service/bbb", "metadata/metadata-service/aaa"},
		streams: map[string][]logstypes.OutputLogEvent{
			"metadata/metadata-service/aaa": {logEvent(1, "starting"), logEvent(3, "psycopg2.OperationalError: password authentication failed\n")},
			"metadata/metadata-service/bbb": {logEvent(2, "starting"), logEvent(4, "using key "+testKey)},
		},
	}
	var lots []logstypes.OutputLogEvent
	for i := range 700 {
		lots = append(lots, logEvent(i, fmt.Sprintf("line %d", i)))
	}
	tests := []struct {
		name    string
		fake    fakeLogs
		n       int
		want    []string
		wantMax int32
	}{
		{name: "merged across streams, oldest first, secrets masked", fake: two, n: 3, want: []string{
			"2026-11-25T15:00:02Z [metadata/metadata-service/bbb] starting",
			"2026-11-25T15:00:03Z [metadata/metadata-service/aaa] psycopg2.OperationalError: password authentication failed",
			"2026-11-25T15:00:04Z [metadata/metadata-service/bbb] using key (redacted, ",
		}, wantMax: 3},
		{name: "at most 500 lines", fake: fakeLogs{order: []string{"s"}, streams: map[string][]logstypes.OutputLogEvent{"s": lots}}, n: 10000, wantMax: 500},
		{name: "default 50 lines", fake: fakeLogs{order: []string{"s"}, streams: map[string][]logstypes.OutputLogEvent{"s": lots}}, n: 0, wantMax: 50},
		{name: "group missing", fake: fakeLogs{groupErr: &logstypes.ResourceNotFoundException{Message: aws.String("The specified log group does not exist.")}}, n: 5,
			want: []string{"logs: group /ecs/mfabc does not exist"}},
		{name: "no events", fake: fakeLogs{order: []string{"s"}}, n: 5, want: []string{"has no events"}},
		{name: "one stream unreadable", fake: fakeLogs{order: []string{"x", "s"}, streams: map[string][]logstypes.OutputLogEvent{"s": {logEvent(1, "ok")}}, streamErr: map[string]error{"x": errors.New("throttled")}}, n: 5,
			want: []string{"reading /ecs/mfabc/x: throttled", "[s] ok"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := tc.fake
			got := LogTail(context.Background(), &f, "/ecs/mfabc", tc.n, testKey)
			if tc.want != nil {
				wantLines(t, got, tc.want)
			}
			if tc.wantMax > 0 {
				if len(got) > int(tc.wantMax) {
					t.Fatalf("%d lines, want at most %d", len(got), tc.wantMax)
				}
				for _, l := range f.limits {
					if l != tc.wantMax {
						t.Fatalf("asked for %d events per stream, want %d", l, tc.wantMax)
					}
				}
			}
			if tc.name == "at most 500 lines" && (len(got) != 500 || !strings.HasSuffix(got[499], "line 699")) {
				t.Fatalf("want the newest 500 lines ending with line 699, got %d ending %q", len(got), got[len(got)-1])
			}
			for _, l := range got {
				if strings.Contains(l, testKey) {
					t.Fatalf("line leaks a secret: %q", l)
				}
			}
		})
	}
	wantLines(t, LogTail(context.Background(), &fakeLogs{}, "", 5), []string{"no log group"})
}

func TestDiagLineBounded(t *testing.T) {
	l := diagLine("%s", strings.Repeat("x", 5000)+"\nsecond line")
	if len(l) > maxDiagLine+3 || strings.Contains(l, "\n") {
		t.Fatalf("line of %d chars (or with a newline)", len(l))
	}
}

// wantLines asserts one line per want, in order, each containing its want.
func wantLines(t *testing.T, got, want []string) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d lines, want %d:\n%s", len(got), len(want), strings.Join(got, "\n"))
	}
	for i := range want {
		if !strings.Contains(got[i], want[i]) {
			t.Fatalf("line %d %q does not contain %q\nall:\n%s", i, got[i], want[i], strings.Join(got, "\n"))
		}
	}
}

type fakeLogGroups struct {
	names []string
	err   error
	asked []string
}

func (f *fakeLogGroups) DescribeLogGroups(_ context.Context, in *cloudwatchlogs.DescribeLogGroupsInput, _ ...func(*cloudwatchlogs.Options)) (*cloudwatchlogs.DescribeLogGroupsOutput, error) {
	f.asked = append(f.asked, aws.ToString(in.LogGroupNamePattern))
	if f.err != nil {
		return nil, f.err
	}
	// Two groups per page, as a paginated account answers.
	start := 0
	if in.NextToken != nil {
		fmt.Sscan(*in.NextToken, &start)
	}
	out := &cloudwatchlogs.DescribeLogGroupsOutput{}
	var matched []string
	for _, n := range f.names {
		if strings.Contains(n, aws.ToString(in.LogGroupNamePattern)) {
			matched = append(matched, n)
		}
	}
	for _, n := range matched[start:min(start+2, len(matched))] {
		out.LogGroups = append(out.LogGroups, logstypes.LogGroup{LogGroupName: aws.String(n)})
	}
	if start+2 < len(matched) {
		out.NextToken = aws.String(fmt.Sprint(start + 2))
	}
	return out, nil
}

func TestLogGroupsMatching(t *testing.T) {
	f := &fakeLogGroups{names: []string{"mfabc-ui", "/aws/lambda/mfabc-db-migrate", "other-app", "mfabc-metadata-service", "/aws/batch/job"}}
	got, err := LogGroupsMatching(context.Background(), f, "mfabc-")
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"/aws/lambda/mfabc-db-migrate", "mfabc-metadata-service", "mfabc-ui"}; !slices.Equal(got, want) {
		t.Fatalf("groups %v, want %v", got, want)
	}
	var many []string
	for i := range 80 {
		many = append(many, fmt.Sprintf("mfabc-%02d", i))
	}
	if got, err := LogGroupsMatching(context.Background(), &fakeLogGroups{names: many}, "mfabc-"); err != nil || len(got) != 50 {
		t.Fatalf("got %d groups (%v), want the bound of 50", len(got), err)
	}
	if _, err := LogGroupsMatching(context.Background(), &fakeLogGroups{err: errors.New("AccessDenied")}, "mfabc-"); err == nil || !strings.Contains(err.Error(), "AccessDenied") {
		t.Fatalf("want the API error, got %v", err)
	}
	if _, err := LogGroupsMatching(context.Background(), f, ""); err == nil {
		t.Fatal("an empty pattern must be refused")
	}
}
