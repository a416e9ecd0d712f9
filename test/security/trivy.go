package security

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os/exec"
	"strings"
)

// Finding is one failed scanner check.
type Finding struct {
	ID       string
	Severity string
	Title    string
	File     string
	Line     int
	Resource string
}

func (f Finding) String() string {
	return fmt.Sprintf("%s %s at %s:%d (%s): %s", f.Severity, f.ID, f.File, f.Line, f.Resource, f.Title)
}

// Trivy runs `trivy config` over a configuration tree offline, with the
// checks built into the binary.
type Trivy struct {
	Binary string
	// Root is the configuration scanned; SkipDirs are relative to it.
	Root     string
	SkipDirs []string
	// Severities are the ones reported, e.g. "HIGH,CRITICAL".
	Severities string
}

// Scan scans Root with the input values of tfvarsPath (a .tfvars.json
// file), keeping trivy's cache in cacheDir, and returns the failed checks.
// Inline `#trivy:ignore:ID reason` comments are honoured by trivy itself.
func (s Trivy) Scan(ctx context.Context, tfvarsPath, cacheDir string) ([]Finding, error) {
	args := []string{
		"config", "--quiet", "--skip-check-update", "--format", "json",
		"--severity", s.Severities, "--cache-dir", cacheDir, "--tf-vars", tfvarsPath,
	}
	if len(s.SkipDirs) > 0 {
		args = append(args, "--skip-dirs", strings.Join(s.SkipDirs, ","))
	}
	args = append(args, ".")
	cmd := exec.CommandContext(ctx, s.Binary, args...)
	cmd.Dir = s.Root
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("trivy config %s: %w: %s", s.Root, err, strings.TrimSpace(stderr.String()))
	}
	return ParseReport(stdout.Bytes())
}

// report is the part of trivy's JSON report (SchemaVersion 2) read here.
type report struct {
	SchemaVersion int
	Results       []struct {
		Target            string
		Misconfigurations []struct {
			ID            string
			AVDID         string
			Title         string
			Severity      string
			Status        string
			CauseMetadata struct {
				Resource  string
				StartLine int
			}
		}
	}
}

// ParseReport returns the failed checks of a trivy JSON report.
func ParseReport(raw []byte) ([]Finding, error) {
	var r report
	if err := json.Unmarshal(raw, &r); err != nil {
		return nil, fmt.Errorf("reading the trivy report: %w", err)
	}
	if r.SchemaVersion != 2 {
		return nil, fmt.Errorf("trivy report schema version %d, want 2", r.SchemaVersion)
	}
	var out []Finding
	for _, res := range r.Results {
		for _, m := range res.Misconfigurations {
			if m.Status != "FAIL" {
				continue
			}
			id := m.AVDID
			if id == "" {
				id = m.ID
			}
			out = append(out, Finding{
				ID: id, Severity: m.Severity, Title: m.Title,
				File: res.Target, Line: m.CauseMetadata.StartLine, Resource: m.CauseMetadata.Resource,
			})
		}
	}
	return out, nil
}
