package cli

import (
	"regexp"
	"strings"
	"testing"
)

// A value holding Markdown or HTML syntax, a backtick run or a newline
// cannot break the report's table, its <summary> or its diff block.
func TestMarkdownReportEscapes(t *testing.T) {
	for _, tc := range []struct {
		name  string
		value string
		cell  string // how the value reads in a table cell
	}{
		{"plain", "example.com", "example.com"},
		{"idn", "bücher.example", "bücher.example"},
		{"pipe", "a|b", `a\|b`},
		{"backslash pipe", `a\|b`, `a\\\|b`},
		{"backticks", "a```b`", "a\\`\\`\\`b\\`"},
		{"html", "<img src=x>&amp;", `\<img src=x\>\&amp;`},
		{"emphasis", "_dmarc*[x](y)~", `\_dmarc\*\[x\](y)\~`},
		{"newline", "v\nDone. 0 corrections.\n| x | y |", `v\\nDone. 0 corrections.\\n\| x \| y \|`},
		{"controls", "\r\x1b[2J\u202e", `\\r\\x1b\[2J\\u202e`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := reportEntry{Domain: tc.value, Provider: tc.value, Corrections: 1, Create: 1, Error: tc.value,
				Changes: []reportChange{{Kind: "CREATE", Lines: []string{"+ CREATE " + tc.value + " TXT \"```\"", "± MODIFY " + tc.value}}}}
			md := string(markdownReport([]reportEntry{e}, false))
			lines := strings.Split(md, "\n")
			if strings.ContainsAny(md, "\r\x1b\u202e") {
				t.Errorf("raw control character in\n%s", md)
			}
			// The table: a header, a separator, one row of six cells.
			var row string
			for _, l := range lines {
				if strings.HasPrefix(l, "| ") && !strings.HasPrefix(l, "| domain") {
					row = l
				}
			}
			want := "| " + tc.cell + " | " + tc.cell + " | 1 | 0 | 0 | **error**: " + tc.cell + " |"
			if row != want {
				t.Errorf("row\n%s\nwant\n%s", row, want)
			}
			if n := len(regexp.MustCompile(`(^|[^\\])(\\\\)*\|`).FindAllString(row, -1)); n != 7 {
				t.Errorf("row has %d unescaped pipes, want 7: %s", n, row)
			}
			// The summary holds no markup from the value.
			var summary string
			for _, l := range lines {
				if strings.HasPrefix(l, "<details>") {
					summary = l
				}
			}
			if strings.Count(summary, "<") != 3 || strings.Count(summary, ">") != 3 || !strings.HasSuffix(summary, "</summary>") {
				t.Errorf("summary broken: %s", summary)
			}
			// The diff block: its fence opens once and closes after both lines.
			open := -1
			for i, l := range lines {
				if strings.HasSuffix(l, "diff") && strings.HasPrefix(l, "```") {
					open = i
					break
				}
			}
			if open < 0 || open+3 >= len(lines) {
				t.Fatalf("no diff block in\n%s", md)
			}
			fence := strings.TrimSuffix(lines[open], "diff")
			if !strings.HasPrefix(lines[open+1], "+ CREATE ") || !strings.HasPrefix(lines[open+2], "! MODIFY ") || lines[open+3] != fence {
				t.Errorf("diff block broken (fence %q):\n%s", fence, strings.Join(lines[open:], "\n"))
			}
			for _, l := range lines[open+1 : open+3] {
				if strings.HasPrefix(l, "```") {
					t.Errorf("a line of the block can close it: %q", l)
				}
			}
		})
	}
}
