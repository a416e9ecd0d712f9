package static

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const contractHeader = "| Name | Description | Type | Default | Required |\n|------|-------------|------|---------|:--------:|\n"

func TestParseContractRows(t *testing.T) {
	text := contractHeader +
		"| <a name=\"input_cidrs\"></a> [cidrs](#input\\_cidrs) | Blocks \\| with a pipe | `list(string)` | <pre>[<br>  \"0.0.0.0/0\"<br>]</pre> | no |\n" +
		"| <a name=\"input_tags\"></a> [tags](#input\\_tags) | aws tags | `map(string)` | n/a | yes |\n" +
		"| <a name=\"input_zip\"></a> [zip](#input\\_zip) | path | `string` | `null` | no |\n" +
		"| <a name=\"input_vals\"></a> [vals](#input\\_vals) | any | `any` | `{}` | no |\n" +
		"| <a name=\"output_X\"></a> [X](#output\\_X) | out |\n"
	in, err := ParseContract(text, "test")
	require.NoError(t, err)
	got := map[string]string{}
	for _, i := range in.Inputs {
		got[i.Name] = i.Type + " " + string(i.Default) + " " + map[bool]string{true: "required", false: "optional"}[i.Required]
	}
	assert.Equal(t, map[string]string{
		"cidrs": `list(string) ["0.0.0.0/0"] optional`,
		"tags":  `map(string)  required`,
		"zip":   `string null optional`,
		"vals":  `any {} optional`,
	}, got)
	assert.Equal(t, []Output{{Name: "X"}}, in.Outputs)
}

// A row the parser cannot read must fail the parse, never shrink the golden.
func TestParseContractRejectsUnreadableRows(t *testing.T) {
	output := "| <a name=\"output_X\"></a> [X](#output\\_X) | out |\n"
	tests := map[string]struct{ row, want string }{
		"missing cell":         {"| <a name=\"input_a\"></a> [a](#input\\_a) | d | `string` | no |\n", "want 5 cells"},
		"bad type":             {"| <a name=\"input_a\"></a> [a](#input\\_a) | d | `lst(string)` | `[]` | no |\n", `input "a"`},
		"bad default":          {"| <a name=\"input_a\"></a> [a](#input\\_a) | d | `string` | `\"unterminated` | no |\n", `input "a" default`},
		"required and default": {"| <a name=\"input_a\"></a> [a](#input\\_a) | d | `string` | `\"x\"` | yes |\n", "is required but shows default"},
		"required column":      {"| <a name=\"input_a\"></a> [a](#input\\_a) | d | `string` | `\"x\"` | maybe |\n", "neither yes nor no"},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := ParseContract(contractHeader+tt.row+output, "test")
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
			assert.True(t, strings.HasPrefix(err.Error(), "contract line 3:"), err.Error())
		})
	}
	_, err := ParseContract("no tables here", "test")
	assert.ErrorContains(t, err, "not a terraform-docs README")
}
