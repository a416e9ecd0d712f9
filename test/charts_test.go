package test

import (
	"path/filepath"
	"testing"

	"github.com/outerbounds/terraform-aws-metaflow/test/static"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestChartPins: every Helm chart the modules install is pinned at a version
// its repository publishes and that is not known to be broken; a pin of an
// unpublished or broken version fails, naming the release.
func TestChartPins(t *testing.T) {
	root := repoRoot(t)
	ix, err := static.LoadChartIndex(filepath.Join(root, "test", "testdata", "charts", "published.json"))
	require.NoError(t, err)

	dirs, err := static.Discover(root)
	require.NoError(t, err)
	for _, dir := range dirs {
		findings, err := static.CheckChartPins(root, filepath.Join(root, dir), ix)
		require.NoError(t, err)
		for _, f := range findings {
			t.Error(f)
		}
	}

	broken := filepath.Join(root, "test", "testdata", "charts", "broken")
	findings, err := static.CheckChartPins(broken, broken, ix)
	require.NoError(t, err)
	var got []string
	for _, f := range findings {
		got = append(got, f.String())
	}
	assert.ElementsMatch(t, []string{
		`main.tf:5: charts: helm_release.service: metaflow-service 0.2.3 is not published in https://outerbounds.github.io/metaflow-tools (published: [0.2.0 0.2.1 0.2.2])`,
		`main.tf:12: charts: helm_release.ui: metaflow-ui 0.3.1 is published but broken: does not render: a helper reads .Values.metadatadb.password at the top level (nil pointer); fixed in 0.3.2`,
		`main.tf:19: charts: helm_release.unknown: version is not a literal (or a local that is one), so its pin cannot be checked`,
	}, got)
}
