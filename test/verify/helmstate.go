package verify

import (
	"encoding/json"
	"fmt"
	"strings"
)

// HelmRelease is a helm_release resource as Terraform state records it.
type HelmRelease struct {
	Address   string
	Name      string
	Namespace string
	Chart     string
	Version   string
	Status    string
}

// stateModule mirrors the few fields of `terraform show -json` state we read.
// Everything else (including sensitive values) is dropped by the decoder.
type stateModule struct {
	Resources []struct {
		Address string `json:"address"`
		Mode    string `json:"mode"`
		Type    string `json:"type"`
		Values  struct {
			Name      string `json:"name"`
			Namespace string `json:"namespace"`
			Chart     string `json:"chart"`
			Version   string `json:"version"`
			Status    string `json:"status"`
		} `json:"values"`
	} `json:"resources"`
	ChildModules []stateModule `json:"child_modules"`
}

// HelmReleasesFromState lists the helm_release resources in the output of
// `terraform show -json` for an applied configuration, from every module.
func HelmReleasesFromState(stateJSON []byte) ([]HelmRelease, error) {
	var st struct {
		Values *struct {
			RootModule stateModule `json:"root_module"`
		} `json:"values"`
	}
	if err := json.Unmarshal(stateJSON, &st); err != nil {
		return nil, fmt.Errorf("helm: reading terraform state JSON: %w", err)
	}
	if st.Values == nil {
		return nil, fmt.Errorf("helm: terraform state has no values (was the configuration applied?)")
	}
	var out []HelmRelease
	var walk func(m stateModule)
	walk = func(m stateModule) {
		for _, r := range m.Resources {
			if r.Mode != "managed" || r.Type != "helm_release" {
				continue
			}
			out = append(out, HelmRelease{
				Address:   r.Address,
				Name:      r.Values.Name,
				Namespace: r.Values.Namespace,
				Chart:     r.Values.Chart,
				Version:   r.Values.Version,
				Status:    r.Values.Status,
			})
		}
		for _, c := range m.ChildModules {
			walk(c)
		}
	}
	walk(st.Values.RootModule)
	return out, nil
}

// CheckHelmReleases checks every release is "deployed" and that for each
// wanted chart name some release installs a chart whose name contains it.
func CheckHelmReleases(releases []HelmRelease, wantCharts []string) error {
	if len(releases) == 0 {
		return fmt.Errorf("helm: no helm_release in state")
	}
	for _, r := range releases {
		if r.Status != "deployed" {
			return fmt.Errorf("helm: release %s (%s, chart %s %s) is %q, want deployed", r.Name, r.Address, r.Chart, r.Version, r.Status)
		}
	}
	for _, want := range wantCharts {
		found := false
		for _, r := range releases {
			if strings.Contains(r.Chart, want) {
				found = true
				break
			}
		}
		if !found {
			return fmt.Errorf("helm: no release of a %q chart among %d releases", want, len(releases))
		}
	}
	return nil
}
