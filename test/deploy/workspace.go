package deploy

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/gruntwork-io/terratest/modules/files"
	test_structure "github.com/gruntwork-io/terratest/modules/test-structure"
)

// Workspace is the copy of the repository one deploy test applies from (the
// examples call the root module as ../..). It holds the Terraform state.
//
// Normally it is a fresh temporary directory. When any SKIP_<stage>
// variable is set (test_structure.SkipStageEnvVarSet) it is the same
// directory every time, StableWorkspaceRoot/<example>, so a later
// invocation finds the state and the saved run (.test-data under Dir) of an
// earlier one: SKIP_teardown=1 leaves a stack up, and SKIP_deploy=1
// SKIP_validate=1 later tears that same stack down.
type Workspace struct {
	Root   string // the copy of the repository
	Dir    string // the example inside it
	Stable bool
}

// StableWorkspaceRoot holds the stable workspaces (outside the repository,
// so the copy never copies itself).
func StableWorkspaceRoot() string {
	return filepath.Join(os.TempDir(), "terraform-aws-metaflow-deploy")
}

// NewWorkspace picks (and creates) the workspace of an example.
func NewWorkspace(name, exampleDir string, stable bool) (Workspace, error) {
	var root string
	var err error
	if stable {
		root = filepath.Join(StableWorkspaceRoot(), name)
		err = os.MkdirAll(root, 0o755)
	} else {
		root, err = os.MkdirTemp("", "deploy-"+name+"-")
	}
	if err != nil {
		return Workspace{}, fmt.Errorf("workspace for %s: %w", name, err)
	}
	return Workspace{Root: root, Dir: filepath.Join(root, exampleDir), Stable: stable}, nil
}

// Populate copies the repository at source into the workspace: Terraform
// files and everything else except hidden files and folders (.git,
// .terraform, .test-data, .cache) and state or tfvars. What the workspace
// already holds (an earlier run's state and .terraform) is kept.
func (w Workspace) Populate(source string) error {
	filter := func(path string) bool {
		if files.PathIsTerraformVersionFile(path) || files.PathIsTerraformLockFile(path) {
			return true
		}
		return !files.PathContainsHiddenFileOrFolder(path) && !files.PathContainsTerraformStateOrVars(path)
	}
	if err := files.CopyFolderContentsWithFilter(source, w.Root, filter); err != nil {
		return fmt.Errorf("copying %s to %s: %w", source, w.Root, err)
	}
	return nil
}

// HasSavedRun says whether an earlier invocation saved a run here.
func (w Workspace) HasSavedRun() bool {
	_, err := os.Stat(test_structure.FormatTestDataPath(w.Dir, "TerraformOptions.json"))
	return err == nil
}

// Remove deletes the workspace (state, providers: hundreds of MB).
func (w Workspace) Remove() error { return os.RemoveAll(w.Root) }
