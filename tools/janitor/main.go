// Command janitor lists, and with -delete removes, the AWS resources that
// deploy-test runs left behind: everything tagged metaflow-test-run (one run
// with -run) older than -older-than, in dependency order. Dry run by default.
//
//	go run ./tools/janitor [-region R ...] [-older-than 6h] [-run RUN_ID] [-delete]
//
// Exit status: 0 done (or nothing found), 1 a list or a deletion failed
// (something is left), 2 bad flags or no AWS credentials.
package main

import (
	"context"
	"os"
	"os/signal"

	"github.com/outerbounds/terraform-aws-metaflow/tools/janitor/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := cli.Run(ctx, os.Args[1:], os.Stdout, os.Stderr, cli.AWS())
	stop()
	os.Exit(code)
}
