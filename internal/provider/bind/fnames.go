package bind

import (
	"fmt"
	"regexp"
	"strings"

	"golang.org/x/net/idna"

	"github.com/dnsctl/dnsctl/internal/model"
)

// DefaultFilenameFormat is the file name of a zone when creds.json does not
// set filenameformat: the zone name plus ".zone" (DNSControl's default).
const DefaultFilenameFormat = "%U.zone"

// nameFormat is a parsed filenameformat. The verbs are DNSControl's:
//
//	%D  the domain (deprecated in DNSControl; here the punycode name)
//	%T  the split-horizon tag, or ""
//	%U  %D, then "!" and the tag when there is one
//	%c  the canonical name: punycode, then "!tag" when tagged
//	%a  the ASCII (punycode) name
//	%u  the Unicode name
//	%r  the domain as written in D() (here the punycode name)
//	%f  %a, then "_tag" when tagged
//	%F  the tag and "_" when tagged, then %a
//	%?x x when there is a tag, else nothing
//	%%  a literal percent sign
//
// dnsctl hands providers canonical (punycode) zone names, so %D, %U and %r
// render punycode; reading falls back to the Unicode spelling of the file
// name (what DNSControl before v4.28 wrote for Unicode names) when only
// that file exists.
type nameFormat struct {
	src   string
	parts []fpart
}

type fpart struct {
	verb byte   // 0 for literal text
	text string // the literal, or the x of %?x
}

// parseFormat parses a filenameformat, which must name the zone somehow.
func parseFormat(f string) (nameFormat, error) {
	nf, err := compileFormat(f)
	if err != nil {
		return nf, err
	}
	for _, p := range nf.parts {
		if p.verb != 0 && p.verb != 'T' && p.verb != '?' {
			return nf, nil
		}
	}
	return nf, fmt.Errorf("filenameformat %q has no verb for the zone name (such as %%c or %%U)", f)
}

// compileFormat parses the verbs of a format.
func compileFormat(f string) (nameFormat, error) {
	nf := nameFormat{src: f}
	if f == "" {
		return nf, fmt.Errorf("filenameformat is empty")
	}
	var lit strings.Builder
	flush := func() {
		if lit.Len() > 0 {
			nf.parts = append(nf.parts, fpart{text: lit.String()})
			lit.Reset()
		}
	}
	for i := 0; i < len(f); i++ {
		c := f[i]
		if c != '%' {
			lit.WriteByte(c)
			continue
		}
		if i+1 >= len(f) {
			return nf, fmt.Errorf("filenameformat %q ends in an incomplete %%", f)
		}
		i++
		switch v := f[i]; v {
		case '%':
			lit.WriteByte('%')
		case 'D', 'T', 'U', 'c', 'a', 'u', 'r', 'f', 'F':
			flush()
			nf.parts = append(nf.parts, fpart{verb: v})
		case '?':
			if i+1 >= len(f) {
				return nf, fmt.Errorf("filenameformat %q ends in an incomplete %%?", f)
			}
			i++
			flush()
			nf.parts = append(nf.parts, fpart{verb: '?', text: f[i : i+1]})
		default:
			return nf, fmt.Errorf("filenameformat %q: unknown verb %%%c (known: %%D %%T %%U %%c %%a %%u %%r %%f %%F %%?x %%%%)", f, v)
		}
	}
	flush()
	return nf, nil
}

// render returns the file name (relative to the directory) of zone, a
// canonical name optionally followed by "!tag". unicodeRaw renders the
// "as written" verbs (%D, %U, %r) in Unicode.
func (nf nameFormat) render(zone string, unicodeRaw bool) string {
	ascii, tag, _ := strings.Cut(zone, "!")
	ascii = fileSafe(ascii)
	uni := toUnicode(ascii)
	raw := ascii
	if unicodeRaw {
		raw = uni
	}
	withTag := func(name, sep string) string {
		if tag == "" {
			return name
		}
		return name + sep + tag
	}
	var b strings.Builder
	for _, p := range nf.parts {
		switch p.verb {
		case 0:
			b.WriteString(p.text)
		case 'D', 'r':
			b.WriteString(raw)
		case 'T':
			b.WriteString(tag)
		case 'U':
			b.WriteString(withTag(raw, "!"))
		case 'c':
			b.WriteString(withTag(ascii, "!"))
		case 'a':
			b.WriteString(ascii)
		case 'u':
			b.WriteString(uni)
		case 'f':
			b.WriteString(withTag(ascii, "_"))
		case 'F':
			if tag != "" {
				b.WriteString(tag + "_")
			}
			b.WriteString(ascii)
		case '?':
			if tag != "" {
				b.WriteString(p.text)
			}
		}
	}
	return b.String()
}

// fileSafe replaces the '/' of an RFC 2317 classless reverse zone
// ("128/25.2.0.192.in-addr.arpa") by '_', so that the zone is one file and
// not a directory: "128_25.2.0.192.in-addr.arpa.zone". zoneFromFile undoes it.
func fileSafe(zone string) string {
	return strings.ReplaceAll(zone, "/", "_")
}

// classlessFile matches the first label of a classless reverse zone as
// fileSafe writes it.
var classlessFile = regexp.MustCompile(`^([0-9]{1,3})_([0-9]{2})\.(?:[0-9]{1,3}\.){3}in-addr\.arpa$`)

// zoneFromFile is the zone name a file name spells (see fileSafe).
func zoneFromFile(name string) string {
	if m := classlessFile.FindStringSubmatchIndex(strings.ToLower(name)); m != nil {
		return name[:m[3]] + "/" + name[m[4]:]
	}
	return name
}

// usesRaw reports whether the format has a verb whose rendering differs
// when the zone is written in Unicode.
func (nf nameFormat) usesRaw() bool {
	for _, p := range nf.parts {
		switch p.verb {
		case 'D', 'r', 'U':
			return true
		}
	}
	return false
}

func toUnicode(ascii string) string {
	if !strings.Contains(ascii, "xn--") {
		return ascii
	}
	u, err := idna.ToUnicode(ascii)
	if err != nil {
		return ascii
	}
	return u
}

// hasDir reports whether file names may lie in subdirectories.
func (nf nameFormat) hasDir() bool {
	return strings.Contains(nf.src, "/")
}

// extractor is a compiled reversal of a format: regular expressions that
// recover the zone (and tag) from a file name.
type extractor struct {
	untagged, tagged *regexp.Regexp
	nDomain, nTag    int
}

// extractor builds the regular expressions that reverse the format, once
// assuming no tag and once assuming one. Reversing is a heuristic: formats
// like "%a%T" are ambiguous.
func (nf nameFormat) extractor() *extractor {
	build := func(tagged bool) (*regexp.Regexp, int, int) {
		var b strings.Builder
		nd, nt := 0, 0
		dom := func() {
			fmt.Fprintf(&b, "(?P<d%d>[^/]+)", nd)
			nd++
		}
		tg := func() {
			fmt.Fprintf(&b, "(?P<t%d>[^/]+)", nt)
			nt++
		}
		b.WriteString("^")
		for _, p := range nf.parts {
			switch p.verb {
			case 0:
				b.WriteString(regexp.QuoteMeta(p.text))
			case 'D', 'r', 'a', 'u':
				dom()
			case 'T':
				if tagged {
					tg()
				}
			case 'U', 'c':
				dom()
				if tagged {
					b.WriteString("!")
					tg()
				}
			case 'f':
				dom()
				if tagged {
					b.WriteString("_")
					tg()
				}
			case 'F':
				if tagged {
					tg()
					b.WriteString("_")
				}
				dom()
			case '?':
				if tagged {
					b.WriteString(regexp.QuoteMeta(p.text))
				}
			}
		}
		b.WriteString("$")
		return regexp.MustCompile(b.String()), nd, nt
	}
	e := &extractor{}
	e.untagged, e.nDomain, _ = build(false)
	e.tagged, _, e.nTag = build(true)
	if e.nTag == 0 {
		e.tagged = nil
	}
	return e
}

// zoneOf returns the canonical zone a file name (slash-separated, relative
// to the directory) belongs to, with its tag; ok is false when the name
// does not fit the format or holds no valid zone name.
func (e *extractor) zoneOf(name string) (zone, tag string, ok bool) {
	try := func(re *regexp.Regexp) (string, string, bool) {
		m := re.FindStringSubmatch(name)
		if m == nil {
			return "", "", false
		}
		var dom, tg string
		for i, g := range re.SubexpNames() {
			if g == "" {
				continue
			}
			v := m[i]
			switch g[0] {
			case 'd':
				z, err := model.CanonicalZone(zoneFromFile(v))
				if err != nil || (dom != "" && z != dom) {
					return "", "", false
				}
				dom = z
			case 't':
				if tg != "" && v != tg {
					return "", "", false
				}
				tg = v
			}
		}
		return dom, tg, dom != ""
	}
	// A classless reverse zone reads as itself: under "%f" the '_' of
	// "128_25.2.0.192.in-addr.arpa" stands for its '/', not for a tag.
	if z, t, ok := try(e.untagged); ok && strings.Contains(z, "/") {
		return z, t, true
	}
	// A tagged reading wins: "example.com_inside" under "%f" is the zone
	// example.com tagged inside, not a zone named example.com_inside.
	if e.tagged != nil {
		if z, t, ok := try(e.tagged); ok {
			return z, t, true
		}
	}
	return try(e.untagged)
}
