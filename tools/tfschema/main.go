// Command tfschema is the offline provider reference: it prints resource and
// data-source schemas extracted from the pinned @cdktf/provider-* packages.
//
//	go run ./tools/tfschema show aws_batch_compute_environment   # a resource
//	go run ./tools/tfschema show data.aws_iam_policy_document    # a data source
//	go run ./tools/tfschema show provider.aws                    # the provider block
//	go run ./tools/tfschema list aws ecs_                        # names containing "ecs_"
//	go run ./tools/tfschema json aws > aws.json                  # `terraform providers schema -json` format
//	go run ./tools/tfschema fetch                                # cache every pinned schema
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"strings"

	"github.com/outerbounds/terraform-aws-metaflow/internal/cdktf"
	"github.com/outerbounds/terraform-aws-metaflow/internal/tfschema"
)

const usage = `usage: tfschema [-cache DIR] <command>
  show <type>            resource (aws_s3_bucket), data source (data.aws_iam_policy_document)
                         or provider configuration (provider.aws)
  list <provider> [sub]  resource and data-source names, optionally only those containing sub
  json <provider>        the schema in 'terraform providers schema -json' format
  fetch                  npm pack + extract every pinned provider into the cache
  pins                   the pinned packages and provider versions`

func main() {
	if err := run(context.Background(), os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "tfschema:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("tfschema", flag.ContinueOnError)
	fs.SetOutput(stderr)
	cacheDir := fs.String("cache", "", "schema cache directory (default <repo>/.cache/tfschema)")
	fs.Usage = func() { fmt.Fprintln(stderr, usage) }
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *cacheDir == "" {
		d, err := cdktf.DefaultCacheDir()
		if err != nil {
			return err
		}
		*cacheDir = d
	}
	logf := func(format string, a ...any) { fmt.Fprintf(stderr, format+"\n", a...) }
	rest := fs.Args()
	if len(rest) == 0 {
		fs.Usage()
		return fmt.Errorf("missing command")
	}
	switch rest[0] {
	case "show":
		if len(rest) != 2 {
			return fmt.Errorf("show takes one type name, e.g. aws_s3_bucket or data.aws_iam_policy_document")
		}
		return show(ctx, *cacheDir, rest[1], stdout, logf)
	case "list":
		if len(rest) < 2 {
			return fmt.Errorf("list takes a provider name, e.g. list aws ecs_")
		}
		sub := ""
		if len(rest) > 2 {
			sub = rest[2]
		}
		prov, _, err := cdktf.Load(ctx, *cacheDir, rest[1], logf)
		if err != nil {
			return err
		}
		for _, n := range slices.Sorted(maps.Keys(prov.Resources)) {
			if strings.Contains(n, sub) {
				fmt.Fprintln(stdout, n)
			}
		}
		for _, n := range slices.Sorted(maps.Keys(prov.DataSources)) {
			if strings.Contains(n, sub) {
				fmt.Fprintln(stdout, "data."+n)
			}
		}
		return nil
	case "json":
		if len(rest) != 2 {
			return fmt.Errorf("json takes a provider name")
		}
		prov, pin, err := cdktf.Load(ctx, *cacheDir, rest[1], logf)
		if err != nil {
			return err
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(&tfschema.ProviderSchemas{FormatVersion: tfschema.FormatVersion, Schemas: map[string]*tfschema.Provider{pin.Source: prov}})
	case "fetch":
		_, err := cdktf.EnsureAll(ctx, *cacheDir, logf)
		return err
	case "pins":
		for _, p := range cdktf.Pins {
			fmt.Fprintf(stdout, "%-11s %s@%s -> %s %s\n", p.Name, p.Package, p.Version, p.Source, p.ProviderVersion)
		}
		return nil
	default:
		fs.Usage()
		return fmt.Errorf("unknown command %q", rest[0])
	}
}

// show prints one schema.
func show(ctx context.Context, cacheDir, name string, w io.Writer, logf cdktf.Logf) error {
	kind := "resource"
	typeName := name
	switch {
	case strings.HasPrefix(name, "data."):
		kind, typeName = "data source", strings.TrimPrefix(name, "data.")
	case strings.HasPrefix(name, "provider."):
		kind, typeName = "provider", strings.TrimPrefix(name, "provider.")
	}
	provName, _, _ := strings.Cut(typeName, "_")
	prov, pin, err := cdktf.Load(ctx, cacheDir, provName, logf)
	if err != nil {
		return err
	}
	var s *tfschema.Schema
	switch kind {
	case "provider":
		s = prov.Provider
	case "data source":
		s = prov.DataSources[typeName]
		if s == nil && prov.Resources[typeName] != nil {
			return fmt.Errorf("%s is a resource, not a data source: show %s", typeName, typeName)
		}
	default:
		s = prov.Resources[typeName]
		if s == nil && prov.DataSources[typeName] != nil {
			return fmt.Errorf("%s is a data source, not a resource: show data.%s", typeName, typeName)
		}
	}
	if s == nil {
		return fmt.Errorf("%s %q not in %s %s; try: tfschema list %s %s", kind, typeName, pin.Source, pin.ProviderVersion, provName, suggest(typeName))
	}
	fmt.Fprintf(w, "%s %s  (%s %s, from %s@%s)\n", kind, typeName, strings.TrimPrefix(pin.Source, "registry.terraform.io/"), pin.ProviderVersion, pin.Package, pin.Version)
	fmt.Fprintln(w, "  optional arguments may also be computed by the provider: the package does not say which.")
	printBlock(w, s.Block, "  ")
	return nil
}

func suggest(typeName string) string {
	parts := strings.Split(typeName, "_")
	if len(parts) > 1 {
		return parts[1]
	}
	return ""
}

// printBlock prints required, then optional, then computed-only attributes, then blocks.
func printBlock(w io.Writer, b *tfschema.Block, indent string) {
	names := slices.Sorted(maps.Keys(b.Attributes))
	width := 0
	for _, n := range names {
		width = max(width, len(n))
	}
	for _, group := range []string{"required", "optional", "computed"} {
		for _, n := range names {
			a := b.Attributes[n]
			if role(a) != group {
				continue
			}
			fmt.Fprintf(w, "%s%-*s  %-9s %s\n", indent, width, n, group, attrType(a))
			if a.NestedType != nil {
				printBlock(w, &tfschema.Block{Attributes: a.NestedType.Attributes}, indent+"    ")
			}
		}
	}
	for _, n := range slices.Sorted(maps.Keys(b.BlockTypes)) {
		bt := b.BlockTypes[n]
		fmt.Fprintf(w, "%s%s {}  block, %s\n", indent, n, blockShape(bt))
		printBlock(w, bt.Block, indent+"    ")
	}
}

func role(a *tfschema.Attribute) string {
	switch {
	case a.Required:
		return "required"
	case a.Optional:
		return "optional"
	default:
		return "computed"
	}
}

func attrType(a *tfschema.Attribute) string {
	if a.NestedType != nil {
		return "nested " + a.NestedType.NestingMode + " of objects:"
	}
	if a.Type == nil {
		return "any"
	}
	if a.WriteOnly {
		return tfschema.TypeString(*a.Type) + " (write-only)"
	}
	return tfschema.TypeString(*a.Type)
}

func blockShape(bt *tfschema.BlockType) string {
	s := bt.NestingMode
	switch {
	case bt.MinItems > 0 && bt.MaxItems > 0:
		s += fmt.Sprintf(", required, min %d, max %d", bt.MinItems, bt.MaxItems)
	case bt.MinItems > 0:
		s += fmt.Sprintf(", required, min %d", bt.MinItems)
	case bt.MaxItems > 0:
		s += fmt.Sprintf(", optional, max %d", bt.MaxItems)
	default:
		s += ", optional"
	}
	return s
}
