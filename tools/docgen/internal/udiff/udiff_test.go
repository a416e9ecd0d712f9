package udiff

import (
	"fmt"
	"math/rand/v2"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

func TestDiffExact(t *testing.T) {
	a := "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n"
	b := "1\n2\n3\n4\nfive\n6\n7\n8\n9\n10\n11\n"
	want := `--- a
+++ b
@@ -2,9 +2,10 @@
 2
 3
 4
-5
+five
 6
 7
 8
 9
 10
+11
`
	if got := Diff("a", "b", []byte(a), []byte(b), 3); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	if got := Diff("a", "b", []byte(a), []byte(a), 3); got != "" {
		t.Errorf("equal inputs gave %q", got)
	}
	if got := Diff("a", "b", []byte("x"), []byte("x\n"), 3); !strings.Contains(got, "-x\n\\ No newline at end of file\n+x\n") {
		t.Errorf("missing final newline not shown:\n%s", got)
	}
}

var hunkHeader = regexp.MustCompile(`^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@$`)

// apply rebuilds b from a and the diff, checking every context and removed
// line against a and the hunk counts.
func apply(t *testing.T, a []string, diff string) []string {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(diff, "\n"), "\n")[2:]
	var out []string
	pos := 0 // next unread line of a (0-based)
	for i := 0; i < len(lines); {
		m := hunkHeader.FindStringSubmatch(lines[i])
		if m == nil {
			t.Fatalf("expected a hunk header, got %q", lines[i])
		}
		start, _ := strconv.Atoi(m[1])
		countA := 1
		if m[2] != "" {
			countA, _ = strconv.Atoi(m[2])
		}
		if countA == 0 {
			start++
		}
		out = append(out, a[pos:start-1]...)
		pos = start - 1
		i++
		seenA := 0
		for ; i < len(lines) && !strings.HasPrefix(lines[i], "@@"); i++ {
			l := lines[i]
			switch l[0] {
			case ' ', '-':
				if a[pos] != l[1:] {
					t.Fatalf("line %d: diff says %q, a has %q", pos+1, l[1:], a[pos])
				}
				if l[0] == ' ' {
					out = append(out, a[pos])
				}
				pos++
				seenA++
			case '+':
				out = append(out, l[1:])
			}
		}
		if seenA != countA {
			t.Fatalf("hunk covers %d lines of a, header says %d", seenA, countA)
		}
	}
	return append(out, a[pos:]...)
}

// TestDiffApplies checks random edits: applying the diff to a gives b.
func TestDiffApplies(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for n := range 300 {
		var a []string
		for range rng.IntN(40) {
			a = append(a, fmt.Sprintf("l%d", rng.IntN(8)))
		}
		b := append([]string(nil), a...)
		for range rng.IntN(6) {
			switch k := rng.IntN(3); {
			case k == 0 && len(b) > 0:
				i := rng.IntN(len(b))
				b = append(b[:i], b[i+1:]...)
			case k == 1:
				i := rng.IntN(len(b) + 1)
				b = append(b[:i], append([]string{fmt.Sprintf("n%d", rng.IntN(8))}, b[i:]...)...)
			case len(b) > 0:
				b[rng.IntN(len(b))] = fmt.Sprintf("c%d", rng.IntN(8))
			}
		}
		join := func(l []string) string {
			if len(l) == 0 {
				return ""
			}
			return strings.Join(l, "\n") + "\n"
		}
		d := Diff("a", "b", []byte(join(a)), []byte(join(b)), rng.IntN(4))
		if join(a) == join(b) {
			if d != "" {
				t.Fatalf("case %d: equal inputs, diff %q", n, d)
			}
			continue
		}
		if got := apply(t, a, d); join(got) != join(b) {
			t.Fatalf("case %d: applying\n%s\nto %q gave %q, want %q", n, d, a, got, b)
		}
	}
}
