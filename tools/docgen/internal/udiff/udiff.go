// Package udiff renders a line-based unified diff, enough to show which part
// of a README block is stale.
package udiff

import (
	"fmt"
	"strings"
)

// op is one line of an edit script.
type op struct {
	kind byte // ' ', '-', '+'
	text string
}

// Diff returns a unified diff from a to b with the given number of context
// lines, or "" when they are equal. Labels name the two sides.
func Diff(labelA, labelB string, a, b []byte, context int) string {
	if string(a) == string(b) {
		return ""
	}
	ops := edits(splitLines(string(a)), splitLines(string(b)))
	var sb strings.Builder
	fmt.Fprintf(&sb, "--- %s\n+++ %s\n", labelA, labelB)
	for _, h := range hunks(ops, context) {
		sb.WriteString(h)
	}
	return sb.String()
}

// splitLines keeps line terminators so a missing final newline shows up.
func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	lines := strings.SplitAfter(s, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// edits computes a shortest edit script with a longest-common-subsequence
// table over the region left after trimming the common prefix and suffix;
// README blocks are small, so the quadratic table is cheap.
func edits(a, b []string) []op {
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	ma, mb := a[pre:len(a)-suf], b[pre:len(b)-suf]

	lcs := make([][]int, len(ma)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(mb)+1)
	}
	for i := len(ma) - 1; i >= 0; i-- {
		for j := len(mb) - 1; j >= 0; j-- {
			if ma[i] == mb[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}

	ops := make([]op, 0, len(a)+len(b))
	for _, l := range a[:pre] {
		ops = append(ops, op{' ', l})
	}
	i, j := 0, 0
	for i < len(ma) || j < len(mb) {
		switch {
		case i < len(ma) && j < len(mb) && ma[i] == mb[j]:
			ops = append(ops, op{' ', ma[i]})
			i++
			j++
		case j < len(mb) && (i == len(ma) || lcs[i][j+1] >= lcs[i+1][j]):
			ops = append(ops, op{'+', mb[j]})
			j++
		default:
			ops = append(ops, op{'-', ma[i]})
			i++
		}
	}
	for _, l := range a[len(a)-suf:] {
		ops = append(ops, op{' ', l})
	}
	return reorder(ops)
}

// reorder puts deletions before insertions inside each changed run, the
// order diff(1) and git print.
func reorder(ops []op) []op {
	out := make([]op, 0, len(ops))
	for k := 0; k < len(ops); {
		if ops[k].kind == ' ' {
			out = append(out, ops[k])
			k++
			continue
		}
		end := k
		for end < len(ops) && ops[end].kind != ' ' {
			end++
		}
		for _, o := range ops[k:end] {
			if o.kind == '-' {
				out = append(out, o)
			}
		}
		for _, o := range ops[k:end] {
			if o.kind == '+' {
				out = append(out, o)
			}
		}
		k = end
	}
	return out
}

// hunks groups the edit script into @@ hunks with context lines around each
// change.
func hunks(ops []op, context int) []string {
	var out []string
	n := len(ops)
	k := 0
	// line numbers (1-based) of ops[k] in a and b
	lineA, lineB := 1, 1
	for k < n {
		// find the next change
		c := k
		for c < n && ops[c].kind == ' ' {
			c++
		}
		if c == n {
			break
		}
		start := max(c-context, k)
		// advance counters to start
		for ; k < start; k++ {
			lineA++
			lineB++
		}
		// extend the hunk while changes are within 2*context of each other
		end := c
		for {
			for end < n && ops[end].kind != ' ' {
				end++
			}
			next := end
			for next < n && ops[next].kind == ' ' {
				next++
			}
			if next < n && next-end <= 2*context {
				end = next
				continue
			}
			end = min(end+context, n)
			break
		}
		var body strings.Builder
		countA, countB := 0, 0
		for _, o := range ops[start:end] {
			body.WriteByte(o.kind)
			body.WriteString(o.text)
			if !strings.HasSuffix(o.text, "\n") {
				body.WriteString("\n\\ No newline at end of file\n")
			}
			if o.kind != '+' {
				countA++
			}
			if o.kind != '-' {
				countB++
			}
		}
		out = append(out, fmt.Sprintf("@@ -%s +%s @@\n%s", rng(lineA, countA), rng(lineB, countB), body.String()))
		lineA += countA
		lineB += countB
		k = end
	}
	return out
}

// rng formats a hunk range the way diff -u does (an empty side starts one
// line earlier).
func rng(start, count int) string {
	if count == 0 {
		start--
	}
	if count == 1 {
		return fmt.Sprintf("%d", start)
	}
	return fmt.Sprintf("%d,%d", start, count)
}
