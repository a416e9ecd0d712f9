// Package offline runs the module's provider-free logic with the real
// terraform binary: input validations (each module's variables.tf on its own),
// the naming rule and network plan of modules/common, and the Metaflow profile
// of modules/profile. Nothing here needs a cloud account or the network.
package offline

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/gruntwork-io/terratest/modules/logger"
)

// deadline bounds one terraform run; a warm run takes well under a second.
const deadline = 2 * time.Minute

func TestMain(m *testing.M) {
	// Terratest's retry wrapper prints every command line to stdout through
	// its package-level logger, a few hundred lines per run here; the tests
	// report what failed themselves. This binary runs only this package.
	logger.Default = logger.Discard
	os.Exit(run(m))
}

// run shares one plugin cache between every terraform run (none of these
// configurations needs a provider today; the cache keeps it cheap if one
// ever does) under the repository's gitignored .cache directory.
func run(m *testing.M) int {
	if os.Getenv("TF_PLUGIN_CACHE_DIR") == "" {
		cache, err := filepath.Abs(filepath.Join("..", "..", ".cache", "terraform-plugins"))
		if err == nil {
			err = os.MkdirAll(cache, 0o755)
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "offline tests: plugin cache: %v\n", err)
			return 1
		}
		if err := os.Setenv("TF_PLUGIN_CACHE_DIR", cache); err != nil {
			fmt.Fprintf(os.Stderr, "offline tests: %v\n", err)
			return 1
		}
	}
	return m.Run()
}
