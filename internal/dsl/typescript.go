package dsl

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// typesPreamble declares the types the functions' signatures use. The
// values the DSL's functions return are opaque to a script: it only passes
// them on, to D() or to a record function.
const typesPreamble = `/** A value a DSL function returns, to be passed on to D() or to a record function. */
interface DnsctlValue {
    readonly __dnsctl?: never;
}

/** What D(), D_EXTEND() and DEFAULTS() accept: records, domain modifiers, metadata objects and (nested) arrays of them. */
type DomainModifier =
    | DnsctlValue
    | { [meta: string]: string | number | boolean }
    | DomainModifier[]
    | undefined;

/** What a record function accepts after its own arguments: TTL(), routing policies, metadata objects. */
type RecordModifier =
    | DnsctlValue
    | { [meta: string]: string | number | boolean };

/** A TTL or duration: seconds, or a number with a unit (s, m, h, d, w, n for months, y). */
type Duration =
    | number
    | ` + "`${number}${'s' | 'm' | 'h' | 'd' | 'w' | 'n' | 'y' | ''}`" + `;
`

// WriteTypeScript writes a TypeScript declaration file (types-dnscontrol.d.ts)
// of the DSL, generated from Registry: header lines (each written as a
// "//" comment), the shared types, then one declaration per global.
func WriteTypeScript(w io.Writer, header ...string) error {
	bw := bufio.NewWriter(w)
	for _, h := range header {
		bw.WriteString("// " + h + "\n")
	}
	if len(header) > 0 {
		bw.WriteString("\n")
	}
	bw.WriteString(typesPreamble)
	for _, g := range Registry() {
		if g.Kind == KindBuiltin {
			continue
		}
		bw.WriteString("\n/** " + strings.ReplaceAll(g.Doc, "*/", "*\\/") + " (" + string(g.Kind) + ") */\n")
		if !g.IsFunction() {
			fmt.Fprintf(bw, "declare const %s: %s;\n", g.Name, g.Type)
			continue
		}
		fmt.Fprintf(bw, "declare function %s(%s): %s;\n", g.Name, tsParams(g.Params), g.Type)
	}
	return bw.Flush()
}

// tsParams renders a parameter list.
func tsParams(ps []Param) string {
	parts := make([]string, len(ps))
	for i, p := range ps {
		switch {
		case p.Rest:
			t := p.Type
			if strings.ContainsAny(t, "|&") {
				t = "(" + t + ")"
			}
			parts[i] = "..." + p.Name + ": " + t + "[]"
		case p.Optional:
			parts[i] = p.Name + "?: " + p.Type
		default:
			parts[i] = p.Name + ": " + p.Type
		}
	}
	return strings.Join(parts, ", ")
}
