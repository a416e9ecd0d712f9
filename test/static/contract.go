package static

import (
	"bufio"
	"fmt"
	"html"
	"regexp"
	"strings"
)

// The contract is the README of the module we replace, whose interface we
// keep: its terraform-docs tables list every root input (name, type,
// default, required) and output. ParseContract reads those tables.

var (
	inputRow  = regexp.MustCompile(`^\|\s*<a name="input_([^"]+)"></a>`)
	outputRow = regexp.MustCompile(`^\|\s*<a name="output_([^"]+)"></a>`)
	brTag     = regexp.MustCompile(`(?i)<br\s*/?>`)
)

// ParseContract extracts the root interface from the README text of the
// contract. It fails on any row it cannot read, so a contract it misreads
// cannot silently produce a smaller golden.
func ParseContract(text, source string) (Interface, error) {
	in := Interface{Source: source}
	sc := bufio.NewScanner(strings.NewReader(text))
	sc.Buffer(make([]byte, 1024*1024), 1024*1024)
	lineNo := 0
	for sc.Scan() {
		lineNo++
		line := sc.Text()
		if m := inputRow.FindStringSubmatch(line); m != nil {
			input, err := parseInputRow(m[1], line)
			if err != nil {
				return Interface{}, fmt.Errorf("contract line %d: %w", lineNo, err)
			}
			in.Inputs = append(in.Inputs, input)
		} else if m := outputRow.FindStringSubmatch(line); m != nil {
			in.Outputs = append(in.Outputs, Output{Name: m[1]})
		}
	}
	if err := sc.Err(); err != nil {
		return Interface{}, fmt.Errorf("read contract: %w", err)
	}
	if len(in.Inputs) == 0 || len(in.Outputs) == 0 {
		return Interface{}, fmt.Errorf("contract has %d input rows and %d output rows: not a terraform-docs README", len(in.Inputs), len(in.Outputs))
	}
	in.sort()
	return in, nil
}

// splitRow splits a markdown table row on the pipes that are not escaped.
func splitRow(line string) []string {
	var cells []string
	var cur strings.Builder
	for i := 0; i < len(line); i++ {
		switch {
		case line[i] == '\\' && i+1 < len(line) && line[i+1] == '|':
			cur.WriteByte('|')
			i++
		case line[i] == '|':
			cells = append(cells, strings.TrimSpace(cur.String()))
			cur.Reset()
		default:
			cur.WriteByte(line[i])
		}
	}
	cells = append(cells, strings.TrimSpace(cur.String()))
	// A row starts and ends with a pipe: drop the empty cells outside them.
	if len(cells) >= 2 {
		cells = cells[1 : len(cells)-1]
	}
	return cells
}

// parseInputRow reads | name | description | `type` | default | yes/no |.
func parseInputRow(name, line string) (Input, error) {
	cells := splitRow(line)
	if len(cells) != 5 {
		return Input{}, fmt.Errorf("input %q: want 5 cells, got %d", name, len(cells))
	}
	typ, err := CanonicalType(strings.Trim(cells[2], "`"))
	if err != nil {
		return Input{}, fmt.Errorf("input %q: %w", name, err)
	}
	in := Input{Name: name, Type: typ}
	switch cells[4] {
	case "yes":
		in.Required = true
		if cells[3] != "n/a" {
			return Input{}, fmt.Errorf("input %q is required but shows default %s", name, cells[3])
		}
	case "no":
		src := cells[3]
		if strings.HasPrefix(src, "<pre>") {
			src = strings.TrimSuffix(strings.TrimPrefix(src, "<pre>"), "</pre>")
			src = html.UnescapeString(brTag.ReplaceAllString(src, "\n"))
		} else {
			src = strings.Trim(src, "`")
		}
		raw, err := hclValueJSON(src)
		if err != nil {
			return Input{}, fmt.Errorf("input %q default: %w", name, err)
		}
		in.Default = raw
	default:
		return Input{}, fmt.Errorf("input %q: required column %q is neither yes nor no", name, cells[4])
	}
	return in, nil
}
