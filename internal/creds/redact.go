package creds

import (
	"cmp"
	"fmt"
	"io"
	"maps"
	"net/url"
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

// schemeRE matches the scheme of a URL with an authority ("https://").
var schemeRE = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*://`)

// splitUserinfo splits u, a value meant to be one URL (a setting such as
// an Endpoint), around its user information: u == head + info + "@" + tail.
// It does not need u to parse: the user information runs from after
// "scheme://" or "//" (or from the start of u when it has neither, as in
// "user:pass@host") to the last '@' before the host. That '@' is the last
// one before the first '/', '?' or '#' (as in net/url) or, when there is
// none there, the last '@' of u: a password holding an unescaped '/', '?'
// or '#' is likelier than an '@' in an endpoint's path, and hiding too much
// is better than showing a password. ok is false when u has no '@'.
func splitUserinfo(u string) (head, info, tail string, ok bool) {
	head = schemeRE.FindString(u)
	if head == "" && strings.HasPrefix(u, "//") {
		head = "//"
	}
	rest := u[len(head):]
	end := strings.IndexAny(rest, "/?#")
	if end < 0 {
		end = len(rest)
	}
	at := strings.LastIndex(rest[:end], "@")
	if at < 0 {
		at = strings.LastIndex(rest, "@")
	}
	if at < 0 {
		return "", "", "", false
	}
	return head, rest[:at], rest[at+1:], true
}

// URLSecrets returns what is secret in the user information of u, a value
// meant to be one URL (a setting such as an Endpoint), for Redact: the
// password of "user:password@", or the whole user information when it has
// no password (often a token), as written and, when u parses and the
// decoded form differs ("p%40ss"), decoded. It works on values that do not
// parse as URLs ("http://user:pass word@host", "user:pass@host"), which
// libraries quote in their errors all the same; see splitUserinfo.
func URLSecrets(u string) []string {
	var out []string
	if _, info, _, ok := splitUserinfo(u); ok {
		if _, pw, hasPW := strings.Cut(info, ":"); hasPW {
			out = append(out, pw)
		} else {
			out = append(out, info)
		}
	}
	if pu, err := url.Parse(u); err == nil && pu.User != nil {
		if pw, hasPW := pu.User.Password(); hasPW {
			out = append(out, pw)
		} else {
			out = append(out, pu.User.Username())
		}
	}
	out = slices.DeleteFunc(out, func(s string) bool { return s == "" })
	slices.Sort(out)
	return slices.Compact(out)
}

// RedactURLValue returns u, a value meant to be one URL (a setting such as
// an Endpoint), with its user information hidden as RedactURL hides it
// ("http://user:<redacted>@host", "https://<redacted>@host"), whether or
// not u parses: "user:<redacted>@host" for a value without a scheme, the
// whole password for one holding a space. Use it, not RedactURL, to show
// such a value; RedactURL is for URLs found in text, whose ends it guesses.
func RedactURLValue(u string) string {
	head, info, tail, ok := splitUserinfo(u)
	if !ok {
		return RedactURL(u)
	}
	if user, _, hasPW := strings.Cut(info, ":"); hasPW {
		return head + user + ":" + redacted + "@" + tail
	}
	return head + redacted + "@" + tail
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
