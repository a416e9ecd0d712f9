// Command docgen regenerates the terraform-docs block of every module README
// in one process, byte-identical to the terraform-docs v0.24.0 CLI, and checks
// the Terraform examples written in those READMEs.
//
//	go run ./tools/docgen [-check] [DIR ...]
//
// Without DIR it discovers every Terraform module under the current
// directory (skipping hidden and testdata directories) and touches only the
// READMEs that already hold the <!-- BEGIN_TF_DOCS --> / <!-- END_TF_DOCS -->
// markers. A named DIR is handled as `terraform-docs -c CONFIG DIR` would:
// a README without markers gets the block appended, a missing one is created.
//
// Exit status: 0 all current, 1 a README is stale (-check) or an example is
// wrong, 2 an error (missing directory, bad config, invalid HCL, ...).
package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/outerbounds/terraform-aws-metaflow/tools/docgen/internal/runner"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	flags := flag.NewFlagSet("docgen", flag.ContinueOnError)
	flags.SetOutput(stderr)
	check := flags.Bool("check", false, "write nothing; exit 1 and print a diff for every stale README")
	root := flags.String("root", "", "repository root: bounds the config search, and the directory `outerbounds/metaflow/aws` stands for in examples (default: nearest .git ancestor)")
	flags.Usage = func() {
		fmt.Fprintln(stderr, "usage: docgen [-check] [-root DIR] [DIR ...]")
		flags.PrintDefaults()
	}
	if err := flags.Parse(args); err != nil {
		return 2
	}
	report := runner.Run(runner.Options{
		Check:    *check,
		Dirs:     flags.Args(),
		RepoRoot: *root,
		Stdout:   stdout,
		Stderr:   stderr,
	})
	return report.ExitCode(*check)
}
