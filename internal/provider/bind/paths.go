package bind

import (
	"fmt"
	"path"
	"path/filepath"
	"strings"
)

// Containment: every file the provider reads, writes or locks lies inside
// its directory. A zone reference comes from dnsconfig.js or the command
// line ("x.com!/../../escaped", "x!../../../etc/passwd"), and the filename
// format from creds.json ("../%U.zone", "/etc/%U"): whatever they say, the
// name a format renders must be a relative path without "." or ".."
// components, and the zone name and tag put into it must not hold a "/" of
// their own (they would make directories the format does not name).
//
// The check is lexical, on the rendered name. Symbolic links inside the
// directory are followed (a zone file may be a link to the file named
// loads): whoever can create them there can write the zone files anyway.

// sampleZone is a tagged zone every verb of a format renders non-empty, to
// check a format's own text when the provider is built.
const sampleZone = "example.com!tag"

// checkFormatInside refuses a filename format whose own text leads out of
// the directory ("../%U.zone", "/etc/%U.zone", "%U/../../x").
func checkFormatInside(nf nameFormat) error {
	if err := checkRelative(nf.render(sampleZone, false)); err != nil {
		return fmt.Errorf("filenameformat %q must name files inside the directory: %v", nf.src, err)
	}
	return nil
}

// checkRelative reports why rel, a slash-separated file name relative to
// the directory, would not name a file inside it ("" if it would).
func checkRelative(rel string) error {
	switch {
	case rel == "":
		return fmt.Errorf("the file name is empty")
	case strings.ContainsRune(rel, 0):
		return fmt.Errorf("%q holds a NUL byte", rel)
	case path.IsAbs(rel) || filepath.IsAbs(filepath.FromSlash(rel)):
		return fmt.Errorf("%q is an absolute path", rel)
	}
	for _, c := range strings.Split(rel, "/") {
		switch c {
		case "":
			return fmt.Errorf("%q has an empty path component", rel)
		case ".", "..":
			return fmt.Errorf("%q has a %q path component", rel, c)
		}
	}
	if !filepath.IsLocal(filepath.FromSlash(rel)) {
		return fmt.Errorf("%q is not a local path", rel)
	}
	return nil
}

// file returns the path of zone's file (in its Unicode spelling when
// unicodeRaw), refusing one that would lie outside the directory.
func (p *Provider) file(zone string, unicodeRaw bool) (string, error) {
	name, tag, _ := strings.Cut(zone, "!")
	for _, part := range []struct{ what, v string }{{"name", name}, {"tag", tag}} {
		// fileSafe turns the "/" of a classless reverse zone name into "_";
		// a tag has no such reading.
		if (part.what == "tag" && strings.Contains(part.v, "/")) || strings.ContainsRune(part.v, 0) {
			return "", fmt.Errorf("bind: zone %q: its %s %q cannot be part of a file name (it holds %q); no file outside %s is ever read or written",
				zone, part.what, part.v, badChar(part.v), p.dir)
		}
	}
	rel := p.format.render(zone, unicodeRaw)
	if err := checkRelative(rel); err != nil {
		return "", fmt.Errorf("bind: zone %q: refusing its file: %v: filenameformat %q must name a file inside directory %q", zone, err, p.format.src, p.dir)
	}
	return filepath.Join(p.dir, filepath.FromSlash(rel)), nil
}

// badChar is the first character of s that file names refuse.
func badChar(s string) string {
	if i := strings.IndexAny(s, "/\x00"); i >= 0 {
		return s[i : i+1]
	}
	return ""
}
