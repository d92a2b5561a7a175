package creds

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

const fuzzSecret = "FUZZ-SECRET-VALUE"

// positionPrefix matches "name:line:col: " at the start of an error.
var positionPrefix = regexp.MustCompile(`^fuzz\.json:[1-9][0-9]*:[1-9][0-9]*: `)

func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.json"))
	for _, name := range files {
		if data, err := os.ReadFile(name); err == nil {
			f.Add(data)
		}
	}
	for _, s := range []string{
		``, `{}`, `[]`, `null`, `{"a":{}}`, `{"a":{"k":"$V"}}`, `{"a":{"k":"$MISSING"}}`,
		`{"a":{"TYPE":1}}`, "{/*", "{//\n}", `{"a":{"k":[1,{"b":null},]},}`, `"\`, `{"\u00`,
		"\xef\xbb\xbf{}", `{,}`, `[1,,]`, `{"a":{"k":"\/*"}}`,
		`{"a":{},"a":{}}`, `{"a":{"k":"1","k":null}}`, `{"a":{"k":[1]}}`, `{"\u0061":{},"a":1}`,
	} {
		f.Add([]byte(s))
	}
	env := func(k string) (string, bool) {
		if k == "V" || strings.HasPrefix(k, "S") {
			return fuzzSecret, true
		}
		return "", false
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := parse("fuzz.json", data, env)
		if err != nil {
			if file != nil {
				t.Errorf("non-nil File with error %v", err)
			}
			msg := err.Error()
			if !strings.Contains(string(data), fuzzSecret) && strings.Contains(msg, fuzzSecret) {
				t.Errorf("error leaks an environment value: %s", msg)
			}
			if strings.HasPrefix(msg, "fuzz.json:") && !strings.HasPrefix(msg, "fuzz.json: ") &&
				!positionPrefix.MatchString(msg) {
				t.Errorf("malformed position in %q", msg)
			}
			return
		}
		if file.Entries == nil {
			t.Fatal("nil Entries on success")
		}
		names := file.Names()
		if !slices.IsSorted(names) || len(names) != len(file.Entries) {
			t.Errorf("Names() = %v", names)
		}
		for _, n := range names {
			e, err := file.Lookup(n)
			if err != nil || e.Name != n || e.Fields == nil {
				t.Errorf("Lookup(%q) = %#v, %v", n, e, err)
			}
			for f, v := range e.Unset {
				if (f == "TYPE" && e.Type != "") || (f != "TYPE" && e.Fields[f] != "") || v == "" {
					t.Errorf("entry %q: field %q noted unset (%q) but holds a value", n, f, v)
				}
			}
			if note := e.UnsetNote(""); strings.Contains(note, fuzzSecret) {
				t.Errorf("UnsetNote leaks an environment value: %s", note)
			}
			if _, ok := e.Fields["TYPE"]; ok {
				t.Errorf("TYPE left in Fields of %q", n)
			}
			if s := e.String() + e.GoString(); strings.Contains(s, fuzzSecret) {
				t.Errorf("formatting leaks an environment value: %s", s)
			}
		}
		if _, err := file.Lookup("\x00absent"); err == nil {
			t.Error("Lookup of absent key succeeded")
		}
	})
}
