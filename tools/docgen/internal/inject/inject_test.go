package inject

import (
	"errors"
	"testing"
)

const (
	begin = "<!-- BEGIN_TF_DOCS -->"
	end   = "<!-- END_TF_DOCS -->"
	tmpl  = begin + "\n{{ .Content }}\n" + end
)

func TestCompose(t *testing.T) {
	block := begin + "\nNEW\n" + end
	cases := []struct {
		name    string
		out     Output
		current string
		exists  bool
		want    string
		wantErr error
	}{
		{"absent file gets the block alone", Output{ModeInject, tmpl, begin, end}, "", false, block, nil},
		{"empty file gets the block alone", Output{ModeInject, tmpl, begin, end}, "", true, block, nil},
		{"no markers: appended after a newline", Output{ModeInject, tmpl, begin, end}, "# T\n", true, "# T\n\n" + block, nil},
		{"first pair replaced, text kept", Output{ModeInject, tmpl, begin, end},
			"a\n" + begin + "\nold\n" + end + "\nb\n" + begin + "x" + end, true,
			"a\n" + block + "\nb\n" + begin + "x" + end, nil},
		{"lone begin", Output{ModeInject, tmpl, begin, end}, begin + "\n", true, "", ErrEndMissing},
		{"lone end", Output{ModeInject, tmpl, begin, end}, end + "\n", true, "", ErrBeginMissing},
		{"reversed", Output{ModeInject, tmpl, begin, end}, end + begin, true, "", ErrEndBeforeBegin},
		{"replace mode ignores markers", Output{ModeReplace, tmpl, begin, end}, "x " + end, true, block, nil},
		{"replace mode without template", Output{ModeReplace, "", begin, end}, "old", true, "NEW", nil},
		{"inject mode without template", Output{ModeInject, "", begin, end}, "old", true, "", ErrNoTemplate},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := Compose(c.out, []byte(c.current), c.exists, "NEW")
			if !errors.Is(err, c.wantErr) {
				t.Fatalf("error %v, want %v", err, c.wantErr)
			}
			if string(got) != c.want {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
}

func TestApplyBadTemplate(t *testing.T) {
	if _, err := Apply("{{ .Content }", "x"); err == nil {
		t.Error("a malformed template was accepted")
	}
}

func TestHasMarker(t *testing.T) {
	for content, want := range map[string]bool{
		"none":                   false,
		begin:                    true,
		end:                      true,
		"<!-- BEGIN_TF_DOCS":     false,
		"x\n" + begin + end + "": true,
	} {
		if got := HasMarker([]byte(content), begin, end); got != want {
			t.Errorf("HasMarker(%q) = %v, want %v", content, got, want)
		}
	}
}
