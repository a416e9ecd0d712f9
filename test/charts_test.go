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

// TestChartValues: every value path the modules pass to a chart is one the
// pinned chart version reads (test/testdata/charts/values-keys.json) or, for
// the module's own chart, one its values.yaml declares; a key no template
// reads fails, naming the release and the key.
func TestChartValues(t *testing.T) {
	root := repoRoot(t)
	ck, err := static.LoadChartKeys(filepath.Join(root, "test", "testdata", "charts", "values-keys.json"))
	require.NoError(t, err)

	dirs, err := static.Discover(root)
	require.NoError(t, err)
	for _, dir := range dirs {
		findings, err := static.CheckChartValues(root, filepath.Join(root, dir), ck)
		require.NoError(t, err)
		for _, f := range findings {
			t.Error(f)
		}
	}

	fixture := filepath.Join(root, "test", "testdata", "charts", "values")
	findings, err := static.CheckChartValues(fixture, fixture, ck)
	require.NoError(t, err)
	var got []string
	for _, f := range findings {
		got = append(got, f.String())
	}
	assert.ElementsMatch(t, []string{
		`main.tf:20: chart-values: helm_release.ui: uiBackend.defaultMetastore is not a value metaflow-ui 0.3.2 reads`,
		`main.tf:20: chart-values: helm_release.ui: uiStatic.env is not a value metaflow-ui 0.3.2 reads`,
		`main.tf:28: chart-values: helm_release.old_service: no key set is recorded for metaflow-service 0.2.1: record the value paths its templates read`,
		`main.tf:36: chart-values: helm_release.own: portt is not a value the module's chart own reads`,
	}, got)

	// The module's own chart passes the pin check; the fixture's others are
	// checked by TestChartPins.
	pins, err := static.CheckChartPins(fixture, fixture, &static.ChartIndex{})
	require.NoError(t, err)
	for _, f := range pins {
		assert.NotContains(t, f.String(), "helm_release.own", "a chart shipped in the module needs no published pin")
	}
}
