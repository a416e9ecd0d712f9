// Package inject computes the new content of a documentation file the way
// the terraform-docs v0.24.0 CLI writes it (its internal/cli fileWriter):
// the generated content is wrapped in the output template, then either
// replaces the file or is injected between the first begin/end marker pair.
//
// The CLI keeps this logic in an internal package, so it is replicated here,
// including its edge cases: a file without any marker gets the block appended
// after a newline, an absent or empty file gets the block alone (no trailing
// newline), and a lone or reversed marker is an error.
package inject

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"text/template"
)

// Modes understood by Compose, as in terraform-docs' output.mode.
const (
	ModeInject  = "inject"
	ModeReplace = "replace"
)

// Errors returned for malformed marker layouts; the messages match the CLI's.
var (
	ErrBeginMissing   = errors.New("begin comment is missing")
	ErrEndMissing     = errors.New("end comment is missing")
	ErrEndBeforeBegin = errors.New("end comment is before begin comment")
	ErrNoTemplate     = errors.New("template is missing")
)

// Output describes where and how the generated block is written.
type Output struct {
	Mode     string // ModeInject or ModeReplace
	Template string // Go text/template with {{ .Content }}
	Begin    string // begin marker, e.g. <!-- BEGIN_TF_DOCS -->
	End      string // end marker, e.g. <!-- END_TF_DOCS -->
}

// Apply renders the output template around content, as the CLI does before
// writing anything.
func Apply(tmpl, content string) (string, error) {
	t, err := template.New("content").Parse(tmpl)
	if err != nil {
		return "", fmt.Errorf("output template: %w", err)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "content", struct{ Content string }{content}); err != nil {
		return "", fmt.Errorf("output template: %w", err)
	}
	return buf.String(), nil
}

// Compose returns what the CLI would leave in the target file. current is the
// file's content and exists whether it was found. content is the rendered
// documentation (before the output template is applied).
func Compose(o Output, current []byte, exists bool, content string) ([]byte, error) {
	if o.Template == "" {
		// The template is optional only in replace mode.
		if o.Mode == ModeReplace {
			return []byte(content), nil
		}
		return nil, ErrNoTemplate
	}
	generated, err := Apply(o.Template, content)
	if err != nil {
		return nil, err
	}
	if o.Mode == ModeReplace || !exists || len(current) == 0 {
		return []byte(generated), nil
	}
	return Inject(string(current), generated, o.Begin, o.End)
}

// Inject places generated (which already carries the markers) over the first
// begin marker through the first end marker of content. Text outside that
// span is kept byte for byte.
func Inject(content, generated, begin, end string) ([]byte, error) {
	before := strings.Index(content, begin)
	after := strings.Index(content, end)

	if before < 0 && after < 0 {
		return []byte(content + "\n" + generated), nil
	}
	if before < 0 {
		return nil, ErrBeginMissing
	}
	if after < 0 {
		return nil, ErrEndMissing
	}
	if after < before {
		return nil, ErrEndBeforeBegin
	}
	return []byte(content[:before] + generated + content[after+len(end):]), nil
}

// HasMarker reports whether content carries either marker; a file with only
// one of them is still a candidate, so that its broken layout is reported.
func HasMarker(content []byte, begin, end string) bool {
	return bytes.Contains(content, []byte(begin)) || bytes.Contains(content, []byte(end))
}
