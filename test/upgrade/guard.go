package upgrade

import (
	"fmt"
	"slices"
	"strings"
)

// conditionInputs says, for each condition the facts give an old address
// (exists_when), which of our root inputs the address it moves to must
// depend on: the same switch, under our name (the v0.12 alias counts too).
// An exists_when missing here fails the check, so a new fact is decided on.
var conditionInputs = map[string][]string{
	"always":                  nil,
	"datastore module exists": {"create_datastore"},
	"db_engine not aurora (always via the root)":                                                           {"create_datastore"},
	`db_engine starts with "aurora-" (never via the root: it does not pass db_engine, default "postgres")`: {"create_datastore"},
	"as aws_rds_cluster (never via the root)":                                                              {"create_datastore"},
	"computation module exists":                                                                            {"create_managed_compute"},
	`batch_type != "fargate"`:                                                                              {"create_managed_compute", "batch_type"},
	"metadata-service module exists":                                                                       {"create_managed_metaflow_metadata_service"},
	"metadata-service module exists and metadata_service_enable_api_gateway (default true)":                {"create_managed_metaflow_metadata_service", "metadata_service_enable_api_gateway"},
	"metadata-service module exists and metadata_service_enable_api_gateway (default true) and access_list_cidr_blocks non-empty": {"create_managed_metaflow_metadata_service", "metadata_service_enable_api_gateway", "access_list_cidr_blocks"},
	"as api gateway, and metadata_service_enable_api_basic_auth (default true)":                                                   {"create_managed_metaflow_metadata_service", "metadata_service_enable_api_gateway", "metadata_service_enable_api_basic_auth"},
	"enable_custom_batch_container_registry":                                                                                      {"enable_custom_batch_container_registry"},
	"enable_step_functions":                                                                                                       {"create_step_functions", "enable_step_functions"},
	"create_step_functions":                                                                                                       {"create_step_functions", "enable_step_functions"},
	"enable_step_functions = true (module itself always instantiated)":                                                            {"create_step_functions", "enable_step_functions"},
	"module exists (create_step_functions)":                                                                                       {"create_step_functions", "enable_step_functions"},
	`resource_prefix == "" (the js default)`:                                                                                      {"resource_prefix"},
	"create_vpc":                                                                                                                  {"create_vpc"},
	"create_eks_cluster":                                                                                                          {"create_eks_cluster"},
	"deploy_metaflow_services_in_eks":                                                                                             {"deploy_metaflow_services_in_eks"},
	"deploy_cluster_autoscaler":                                                                                                   {"deploy_cluster_autoscaler"},
	// The UI module: v0.12 built it whenever ui_certificate_arn was set, the
	// refresh branch with create_managed_metaflow_ui.
	"UI module exists": {"create_managed_metaflow_ui", "ui_certificate_arn"},
}

// Verdict is what the check found for one old address.
type Verdict struct {
	Line, Address string
	Path          []string // the moves it goes through, from the old address
	Listed        *Listed  // its UPGRADING.md row, if any
	Problem       string   // "" when the address is accounted for
}

// CheckAddresses decides, for every address of both lines, whether it ends
// (through the tree's moved blocks) at an address of ours that depends on
// the same switches, or is listed in UPGRADING.md as replaced or removed.
func CheckAddresses(tree *Module, facts *Facts, listed []Listed) []Verdict {
	var out []Verdict
	for _, name := range []string{LineV012, LineRefresh} {
		for _, r := range facts.Lines[name].Resources {
			v := Verdict{Line: name, Address: r.Address}
			v.Path, v.Problem = checkOne(tree, name, r, listed)
			if row, ok := FindListed(listed, name, r.Address); ok {
				v.Listed = &row
			}
			out = append(out, v)
		}
	}
	return out
}

func checkOne(tree *Module, line string, r Resource, listed []Listed) ([]string, string) {
	path, err := tree.Resolve(r.Address)
	if err != nil {
		return path, err.Error()
	}
	final := path[len(path)-1]
	row, isListed := FindListed(listed, line, r.Address)
	_, _, lookupErr := tree.Lookup(final)
	switch {
	case isListed && row.Action == "removed" && lookupErr == nil:
		return path, fmt.Sprintf("UPGRADING.md:%d lists it as removed, but it moves to %s, which exists", row.Line, final)
	case isListed:
		return path, ""
	case lookupErr != nil && len(path) == 1:
		return path, fmt.Sprintf("no moved block starts at it, it is not an address of ours (%v), and UPGRADING.md does not list it as replaced or removed", lookupErr)
	case lookupErr != nil:
		return path, fmt.Sprintf("its moved blocks (%s) end at an address we do not have: %v", strings.Join(path, " -> "), lookupErr)
	}
	want, known := conditionInputs[r.ExistsWhen]
	if !known {
		return path, fmt.Sprintf("its condition %q is not in conditionInputs: decide which of our inputs it corresponds to", r.ExistsWhen)
	}
	got, err := tree.ConditionInputs(final)
	if err != nil {
		return path, err.Error()
	}
	var missing []string
	for _, in := range want {
		if !slices.Contains(got, in) {
			missing = append(missing, in)
		}
	}
	if len(want) == 0 && len(got) > 0 {
		return path, fmt.Sprintf("it always existed, but %s depends on %s", final, strings.Join(got, ", "))
	}
	if len(missing) > 0 {
		return path, fmt.Sprintf("it existed when %s, but %s does not depend on %s (it depends on %s)", r.ExistsWhen, final, strings.Join(missing, ", "), strings.Join(got, ", "))
	}
	return path, ""
}
