package creds

import (
	"cmp"
	"fmt"
	"io"
	"maps"
	"regexp"
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

// userinfoRE matches the user information of a URL ("scheme://user:pass@"):
// group 1 is "scheme://", group 2 the user name, group 3 ":password" if any.
var userinfoRE = regexp.MustCompile(`([A-Za-z][A-Za-z0-9+.-]*://)([^/?#@\s:]*)(:[^/?#\s]*)?@`)

// accessKeyRE matches an AWS access key ID.
var accessKeyRE = regexp.MustCompile(`\b(?:AKIA|ASIA|AROA|AIDA)[A-Z0-9]{16}\b`)

// minSecret is the length below which a secret value is not replaced in
// text: a shorter one would match innocent text everywhere.
const minSecret = 4

// RedactURL hides the user information of the URLs in s, keeping what
// helps to recognise them: "http://user:<redacted>@host/" for a user and
// password, "http://<redacted>@host/" for user information without a
// password (often a token). Everything else in s is kept.
//
// It is the one function that decides how a URL with credentials is
// printed: endpoints in messages, reports and errors all go through it.
func RedactURL(s string) string {
	if !strings.Contains(s, "@") {
		return s
	}
	return userinfoRE.ReplaceAllStringFunc(s, func(m string) string {
		sub := userinfoRE.FindStringSubmatch(m)
		if sub[3] == "" {
			return sub[1] + redacted + "@"
		}
		return sub[1] + sub[2] + ":" + redacted + "@"
	})
}

// Redact returns s with every secret of at least 4 bytes replaced by
// "<redacted>", the user information of URLs hidden (RedactURL) and AWS
// access key IDs shortened to their first and last four characters. It is
// for text that dnsctl did not write itself (an error from a library, the
// standard error of a creds command) before it is shown or stored.
func Redact(s string, secrets ...string) string {
	// Longest first, so that a secret containing another is replaced whole.
	secrets = slices.Clone(secrets)
	slices.SortFunc(secrets, func(a, b string) int { return cmp.Compare(len(b), len(a)) })
	for _, sec := range secrets {
		if len(sec) >= minSecret {
			s = strings.ReplaceAll(s, sec, redacted)
		}
	}
	s = RedactURL(s)
	return accessKeyRE.ReplaceAllStringFunc(s, MaskKey)
}

// MaskKey shows the first four and last four characters of an access key
// ID, enough to recognise it; a key too short for that is redacted whole.
func MaskKey(k string) string {
	k = strings.TrimSpace(k)
	if len(k) < 12 {
		return redacted
	}
	return k[:4] + "…" + k[len(k)-4:]
}
