package creds

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
)

// redacted stands in for every field value when an Entry is printed.
const redacted = "<redacted>"

// String describes the entry with field names only, e.g.
//
//	r53_main (TYPE ROUTE53; fields: KeyId, SecretKey)
func (e Entry) String() string {
	var b strings.Builder
	b.WriteString(e.Name)
	if e.Type != "" {
		fmt.Fprintf(&b, " (TYPE %s; ", e.Type)
	} else {
		b.WriteString(" (no TYPE; ")
	}
	if keys := slices.Sorted(maps.Keys(e.Fields)); len(keys) > 0 {
		b.WriteString("fields: " + strings.Join(keys, ", "))
	} else {
		b.WriteString("no fields")
	}
	b.WriteString(")")
	return b.String()
}

// GoString is like String in Go syntax, with every field value replaced by
// "<redacted>".
func (e Entry) GoString() string {
	var b strings.Builder
	fmt.Fprintf(&b, "creds.Entry{Name:%q, Type:%q, Fields:", e.Name, e.Type)
	if e.Fields == nil {
		b.WriteString("map[string]string(nil)}")
		return b.String()
	}
	b.WriteString("map[string]string{")
	for i, k := range slices.Sorted(maps.Keys(e.Fields)) {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%q:%q", k, redacted)
	}
	b.WriteString("}}")
	return b.String()
}

// Format routes every fmt verb through String or GoString. Without it,
// verbs such as %d or %t would print the struct field by field and expose
// the values.
func (e Entry) Format(s fmt.State, verb rune) {
	if verb == 'v' && s.Flag('#') {
		io.WriteString(s, e.GoString())
		return
	}
	fmt.Fprintf(s, fmt.FormatString(s, verb), e.String())
}
