// Package cli is the janitor command: flags, the dry-run listing and the
// deletion, over internal/inventory.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/smithy-go/logging"

	"github.com/outerbounds/terraform-aws-metaflow/internal/inventory"
)

// Exit statuses.
const (
	ExitOK    = 0
	ExitLeft  = 1 // a list failed (what was listed is still handled), something could not be deleted, or -delete left resources of unknown age
	ExitUsage = 2 // bad flags, no credentials
)

// Options are the parsed flags.
type Options struct {
	Regions   []string
	OlderThan time.Duration
	Run       string
	Delete    bool
}

// Deps is what Run needs from the outside world; tests replace it.
type Deps struct {
	// LoadConfig loads the AWS configuration (region, credentials).
	LoadConfig func(ctx context.Context) (aws.Config, error)
	// NewClients builds one region's clients.
	NewClients func(cfg aws.Config, region string) *inventory.Clients
	Now        func() time.Time
}

// AWS is the real world: the SDK's default configuration chain.
func AWS() Deps {
	return Deps{
		LoadConfig: func(ctx context.Context) (aws.Config, error) {
			// The SDK's own warnings (IMDS fallbacks when there are no
			// credentials) would break the one-line message.
			return config.LoadDefaultConfig(ctx, config.WithLogger(logging.Nop{}))
		},
		NewClients: func(cfg aws.Config, region string) *inventory.Clients {
			cfg = cfg.Copy()
			cfg.Region = region
			return inventory.NewClients(cfg)
		},
		Now: time.Now,
	}
}

var (
	regionRE = regexp.MustCompile(`^[a-z]{2}(-[a-z]+)+-[0-9]+$`)
	// Tag values allow more, but a run id is a resource-name prefix.
	runRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$`)
)

// ParseFlags parses args; errors name the flag and what it accepts.
func ParseFlags(args []string, usage io.Writer) (Options, error) {
	var o Options
	fs := flag.NewFlagSet("janitor", flag.ContinueOnError)
	// Errors are returned, printed once by Run; only -h prints the usage.
	fs.SetOutput(io.Discard)
	fs.Func("region", "AWS region to search; repeat or comma-separate for several (default: AWS_REGION)", func(v string) error {
		for _, r := range strings.Split(v, ",") {
			r = strings.TrimSpace(r)
			if !regionRE.MatchString(r) {
				return fmt.Errorf("%q is not an AWS region name (like us-east-1)", r)
			}
			o.Regions = append(o.Regions, r)
		}
		return nil
	})
	o.OlderThan = 6 * time.Hour
	fs.Func("older-than", "only resources at least this old (a Go duration: 90m, 6h; 0 = any age) (default 6h)", func(v string) error {
		d, err := time.ParseDuration(v)
		if err != nil || d < 0 {
			return errors.New("want a duration of 0 or more, like 90m or 6h")
		}
		o.OlderThan = d
		return nil
	})
	fs.StringVar(&o.Run, "run", "", "only this run's resources (the "+inventory.RunTagKey+" tag value)")
	fs.BoolVar(&o.Delete, "delete", false, "delete what is listed (default: dry run, list only)")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: janitor [-region R ...] [-older-than 6h] [-run RUN_ID] [-delete]\n\n"+
			"Lists AWS resources tagged %s (deploy-test leftovers) in deletion order; -delete removes them.\n\n", inventory.RunTagKey)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fs.SetOutput(usage)
			fs.Usage()
		}
		// The flag package's message names the flag and the bad value.
		return o, err
	}
	if fs.NArg() > 0 {
		return o, fmt.Errorf("unexpected argument %q: janitor takes flags only (-region, -older-than, -run, -delete)", fs.Arg(0))
	}
	if o.Run != "" && !runRE.MatchString(o.Run) {
		return o, fmt.Errorf("invalid value %q for flag -run: a run id is 1-128 letters, digits, '.', '_' or '-', starting with a letter or digit", o.Run)
	}
	seen := map[string]bool{}
	regions := o.Regions[:0]
	for _, r := range o.Regions {
		if !seen[r] {
			seen[r] = true
			regions = append(regions, r)
		}
	}
	o.Regions = regions
	return o, nil
}

// Filter is the inventory filter for o. Resources of unknown age are kept
// so Run can show them apart; -older-than never deletes them.
func (o Options) Filter(now time.Time) inventory.Filter {
	return inventory.Filter{TagKey: inventory.RunTagKey, TagValue: o.Run, OlderThan: o.OlderThan, Now: now, KeepUnknownAge: true}
}

// checkDeleteScope refuses a deletion not scoped to test runs: the filter
// must select the run tag, and either one run or resources old enough that
// no test still running owns them.
func checkDeleteScope(f inventory.Filter) error {
	if f.TagKey != inventory.RunTagKey {
		return fmt.Errorf("-delete: refusing to delete resources not selected by the %s tag (filter key %q)", inventory.RunTagKey, f.TagKey)
	}
	if f.TagValue == "" && f.OlderThan <= 0 {
		return fmt.Errorf("-delete: with -older-than 0 give -run RUN_ID, or every run's resources, running tests' included, would go")
	}
	return nil
}

// Run is the janitor; it returns the exit status.
func Run(ctx context.Context, args []string, stdout, stderr io.Writer, d Deps) int {
	o, err := ParseFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return ExitOK
	}
	if err != nil {
		fmt.Fprintf(stderr, "janitor: %v (see -h)\n", err)
		return ExitUsage
	}
	now := d.Now()
	f := o.Filter(now)
	if o.Delete {
		if err := checkDeleteScope(f); err != nil {
			fmt.Fprintf(stderr, "janitor: %v\n", err)
			return ExitUsage
		}
	}
	cfg, err := d.LoadConfig(ctx)
	if err != nil {
		fmt.Fprintf(stderr, "janitor: loading the AWS configuration: %s\n", firstLine(err))
		return ExitUsage
	}
	if err := checkCredentials(ctx, cfg); err != nil {
		fmt.Fprintf(stderr, "janitor: no AWS credentials (set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or assume a role): %s\n", firstLine(err))
		return ExitUsage
	}
	if len(o.Regions) == 0 {
		if cfg.Region == "" {
			fmt.Fprintln(stderr, "janitor: invalid value for flag -region: none given and AWS_REGION is not set; name a region like us-east-1")
			return ExitUsage
		}
		o.Regions = []string{cfg.Region}
	}

	clients := map[string]*inventory.Clients{}
	var found []inventory.Resource
	seen := map[string]bool{}
	listFailed := false
	for i, region := range o.Regions {
		c := d.NewClients(cfg, region)
		c.SkipIAM = i > 0 // IAM is global: list it once
		clients[region] = c
		// A failed list leaves the others' results: what was found is
		// still listed (and deleted), and the exit status is 1.
		rs, err := inventory.Find(ctx, c, f)
		if err != nil {
			listFailed = true
			fmt.Fprintf(stderr, "janitor: listing %s incomplete, could not list: %s\n", region, oneLine(err))
		}
		for _, r := range rs {
			if !seen[r.ARN] {
				seen[r.ARN] = true
				found = append(found, r)
			}
		}
	}
	// With -older-than > 0, a resource of unknown age (no creation time of
	// its own, no dated resource of its run left: a VPC DeleteVpc refused)
	// is shown apart and never deleted; -run RUN -older-than 0 deletes it.
	var unknown []inventory.Resource
	if o.OlderThan > 0 {
		dated := found[:0]
		for _, r := range found {
			if _, ok := r.Age(now); ok {
				dated = append(dated, r)
			} else {
				unknown = append(unknown, r)
			}
		}
		found = dated
	}
	inventory.SortForDeletion(found)
	inventory.SortForDeletion(unknown)

	scope := "any run"
	if o.Run != "" {
		scope = "run " + o.Run
	}
	age := "any age"
	if o.OlderThan > 0 {
		age = "older than " + o.OlderThan.String()
	}
	fmt.Fprintf(stdout, "%d resource(s) tagged %s (%s), %s, in %s", len(found)+len(unknown), inventory.RunTagKey, scope, age, strings.Join(o.Regions, ", "))
	if len(unknown) > 0 {
		fmt.Fprintf(stdout, "; %d of them of unknown age, listed apart and not deleted", len(unknown))
	}
	fmt.Fprintln(stdout)
	WritePlan(stdout, inventory.PlanDeletion(found), now)
	WriteUnknownAge(stdout, unknown, now)

	// unknownLeft reports the resources of unknown age a -delete run left.
	unknownLeft := func() bool {
		if len(unknown) == 0 {
			return false
		}
		fmt.Fprintf(stderr, "janitor: %d resource(s) of unknown age left, not deleted by -older-than (see \"age unknown\" above):\n", len(unknown))
		for _, r := range unknown {
			fmt.Fprintf(stderr, "  %s (run %s)\n", r.ARN, r.Run())
		}
		return true
	}
	if !o.Delete {
		if len(found) > 0 {
			fmt.Fprintln(stdout, "dry run: nothing deleted; add -delete to delete the above")
		}
		if listFailed {
			return ExitLeft
		}
		return ExitOK
	}
	if len(found) == 0 {
		if unknownLeft() || listFailed {
			return ExitLeft
		}
		return ExitOK
	}

	logf := func(format string, args ...any) {
		fmt.Fprintf(stdout, "  "+format+"\n", args...)
	}
	var errs []error
	byRegion := map[string][]inventory.Resource{}
	var global []inventory.Resource
	for _, r := range found {
		if r.Region == "" {
			global = append(global, r)
		} else {
			byRegion[r.Region] = append(byRegion[r.Region], r)
		}
	}
	// A bucket listed from one region may live in another (its ARN names
	// none); it is deleted through its own region's clients.
	var regions []string
	for region := range byRegion {
		regions = append(regions, region)
	}
	sort.Strings(regions)
	for _, region := range regions {
		rs := byRegion[region]
		c := clients[region]
		if c == nil {
			c = d.NewClients(cfg, region)
			clients[region] = c
		}
		fmt.Fprintf(stdout, "deleting %d resource(s) in %s\n", len(rs), region)
		if err := inventory.Delete(ctx, c, rs, logf); err != nil {
			errs = append(errs, err)
		}
	}
	// IAM last: the regional resources above use the roles until gone.
	if len(global) > 0 {
		fmt.Fprintf(stdout, "deleting %d global (IAM) resource(s)\n", len(global))
		if err := inventory.Delete(ctx, clients[o.Regions[0]], global, logf); err != nil {
			errs = append(errs, err)
		}
	}
	if err := errors.Join(errs...); err != nil {
		lines := strings.Split(err.Error(), "\n")
		fmt.Fprintf(stderr, "janitor: %d resource(s) left:\n", len(lines))
		for _, l := range lines {
			fmt.Fprintf(stderr, "  %s\n", l)
		}
		unknownLeft()
		return ExitLeft
	}
	fmt.Fprintf(stdout, "deleted %d resource(s)\n", len(found))
	if unknownLeft() || listFailed {
		return ExitLeft
	}
	return ExitOK
}

// WriteUnknownAge prints the resources whose age is unknown, which
// -older-than never selects, and for each run the flags that delete them.
func WriteUnknownAge(w io.Writer, rs []inventory.Resource, now time.Time) {
	if len(rs) == 0 {
		return
	}
	fmt.Fprintln(w, "age unknown: not deleted by -older-than; delete with -run RUN -older-than 0:")
	regions := map[string]map[string]bool{} // run -> regions
	for _, r := range rs {
		fmt.Fprintf(w, "      %s\n", resourceLine(r, now))
		if regions[r.Run()] == nil {
			regions[r.Run()] = map[string]bool{}
		}
		if r.Region != "" {
			regions[r.Run()][r.Region] = true
		}
	}
	var runs []string
	for run := range regions {
		if run != "" {
			runs = append(runs, run)
		}
	}
	sort.Strings(runs)
	for _, run := range runs {
		var rr []string
		for region := range regions[run] {
			rr = append(rr, region)
		}
		sort.Strings(rr)
		flags := ""
		if len(rr) > 0 {
			flags = "-region " + strings.Join(rr, ",") + " "
		}
		fmt.Fprintf(w, "      to delete run %s: %s-run %s -older-than 0 -delete\n", run, flags, run)
	}
}

// WritePlan prints the dry run: numbered groups in deletion order, each
// resource with region, age and run, then what AWS removes with a parent
// and what has no deleter.
func WritePlan(w io.Writer, p inventory.Plan, now time.Time) {
	for i, g := range p.Groups {
		fmt.Fprintf(w, "%2d. %s: %s\n", i+1, g.Type, strings.Join(g.Steps, "; then "))
		for _, r := range g.Resources {
			fmt.Fprintf(w, "      %s\n", resourceLine(r, now))
		}
	}
	if len(p.Auto) > 0 {
		fmt.Fprintln(w, "left to AWS (removed with their parent):")
		for _, g := range p.Auto {
			for _, r := range g.Resources {
				fmt.Fprintf(w, "      %s (%s)\n", resourceLine(r, now), g.Steps[0])
			}
		}
	}
	if len(p.Unknown) > 0 {
		fmt.Fprintln(w, "no deleter, delete by hand:")
		for _, r := range p.Unknown {
			fmt.Fprintf(w, "      %s\n", resourceLine(r, now))
		}
	}
}

func resourceLine(r inventory.Resource, now time.Time) string {
	region := r.Region
	if region == "" {
		region = "global"
	}
	age := "age ?"
	if a, ok := r.Age(now); ok {
		age = "age " + inventory.FormatAge(a)
	}
	run := r.Run()
	if run == "" {
		run = "(matched by name)"
	}
	return fmt.Sprintf("%-10s %-10s run %-20s %s", region, age, run, r.ARN)
}

func checkCredentials(ctx context.Context, cfg aws.Config) error {
	if cfg.Credentials == nil {
		return errors.New("no credential source found")
	}
	ctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	creds, err := cfg.Credentials.Retrieve(ctx)
	if err != nil {
		return err
	}
	if !creds.HasKeys() {
		return errors.New("credentials have no keys")
	}
	return nil
}

func firstLine(err error) string {
	s := err.Error()
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return s
}

// oneLine folds a joined error onto one line.
func oneLine(err error) string {
	return strings.ReplaceAll(err.Error(), "\n", "; ")
}
