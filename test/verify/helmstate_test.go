package verify

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestHelmReleasesFromState(t *testing.T) {
	state, err := os.ReadFile("testdata/state-eks.json")
	if err != nil {
		t.Fatal(err)
	}
	releases, err := HelmReleasesFromState(state)
	if err != nil {
		t.Fatal(err)
	}
	if len(releases) != 2 {
		t.Fatalf("found %d releases in nested modules, want 2: %+v", len(releases), releases)
	}
	if r := releases[0]; r.Name != "metaflow-service" || r.Namespace != "mfabc-service" || r.Status != "deployed" || r.Chart != "metaflow-service" {
		t.Fatalf("first release read as %+v", r)
	}
	if strings.Contains(fmt.Sprintf("%+v", releases), "NOT-A-REAL-PASSWORD") {
		t.Fatal("sensitive helm values leaked into the parsed releases")
	}

	for _, bad := range []string{`not json`, `{"format_version":"1.0"}`} {
		if _, err := HelmReleasesFromState([]byte(bad)); err == nil {
			t.Errorf("state %q: want an error", bad)
		}
	}
}

func TestCheckHelmReleases(t *testing.T) {
	deployed := []HelmRelease{
		{Name: "metaflow", Chart: "metaflow", Status: "deployed"},
		{Name: "cluster-autoscaler", Chart: "cluster-autoscaler", Status: "deployed"},
	}
	failed := []HelmRelease{deployed[0], {Name: "cluster-autoscaler", Chart: "cluster-autoscaler", Status: "failed"}}
	tests := []struct {
		name     string
		releases []HelmRelease
		want     []string
		wantErr  string
	}{
		{name: "all deployed", releases: deployed, want: []string{"metaflow", "cluster-autoscaler"}},
		{name: "one failed", releases: failed, want: []string{"metaflow"}, wantErr: `"failed", want deployed`},
		{name: "wanted chart missing", releases: deployed[1:], want: []string{"metaflow"}, wantErr: `no release of a "metaflow" chart`},
		{name: "no releases", wantErr: "no helm_release"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			checkErr(t, CheckHelmReleases(tc.releases, tc.want), tc.wantErr, false)
		})
	}
}
