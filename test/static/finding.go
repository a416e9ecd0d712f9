package static

import (
	"fmt"
	"slices"
	"sort"
)

// Finding is one problem a check found, located at File:Line.
type Finding struct {
	File    string // slash-separated, relative to the base directory given to the check
	Line    int
	Check   string // "wiring", "hygiene", "interface"
	Message string
}

func (f Finding) String() string {
	switch {
	case f.File == "":
		return fmt.Sprintf("%s: %s", f.Check, f.Message)
	case f.Line == 0: // about a whole file or directory
		return fmt.Sprintf("%s: %s: %s", f.File, f.Check, f.Message)
	}
	return fmt.Sprintf("%s:%d: %s: %s", f.File, f.Line, f.Check, f.Message)
}

// sortFindings orders findings by file, line and message so reports and
// test expectations are stable, and drops duplicates (two references on one
// line make one finding).
func sortFindings(fs []Finding) []Finding {
	sort.Slice(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Message < b.Message
	})
	return slices.Compact(fs)
}
