// Package creds owns reading creds.json (provider credentials).
//
// The file format is DNSControl's: a JSON object whose keys are the names
// used in NewRegistrar()/NewDnsProvider() and whose values are objects of
// provider settings. The special field "TYPE" names the provider type.
//
// On top of strict JSON, comments ("//" and "/* */") and trailing commas are
// accepted. A string value beginning with "$" is replaced by the environment
// variable of that name, and a creds path beginning with "!" is a shell
// command whose standard output is the JSON (bounded in time and size, see
// runCommand).
//
// Field values must be JSON strings, as in DNSControl; null stands for the
// empty string. An entry or a field given twice is an error naming both
// places (encoding/json would silently keep the last one).
//
// Secrets are kept out of diagnostics: no error produced here includes a
// field value, and Entry formats itself with field names only.
package creds

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// DefaultPath is the creds file used when none is given. Only this path may
// be absent without error.
const DefaultPath = "creds.json"

// typeField is the field that carries the provider type.
const typeField = "TYPE"

// Entry is one provider entry: its key, TYPE, and the other fields (values already resolved).
type Entry struct {
	Name   string
	Type   string
	Fields map[string]string
	// Unset maps the fields whose "$VAR" names a variable that is not set
	// or empty (so the field is empty, as in DNSControl) to that variable,
	// for checks and messages.
	Unset map[string]string
}

// UnsetNote says which of the entry's variables were not set, for an error
// about the entry ("" if none): "$AWS_SECRET_ACCESS_KEY (SecretKey) is not
// set". It is "" too when msg names one of them already: the provider has
// said what matters.
func (e Entry) UnsetNote(msg string) string {
	var parts []string
	for _, f := range slices.Sorted(maps.Keys(e.Unset)) {
		if strings.Contains(msg, "$"+e.Unset[f]) {
			return ""
		}
		parts = append(parts, fmt.Sprintf("$%s (%s)", e.Unset[f], f))
	}
	if len(parts) == 0 {
		return ""
	}
	verb := "is"
	if len(parts) > 1 {
		verb = "are"
	}
	return fmt.Sprintf("the environment variable %s %s not set or empty", strings.Join(parts, ", "), verb)
}

// File is a parsed creds file.
type File struct {
	Path    string
	Entries map[string]Entry
	// absent says the default file does not exist (an empty File stands in).
	absent bool
}

// builtins are the entries DNSControl provides when the file lacks them.
var builtins = map[string]Entry{
	"none": {Name: "none", Type: "NONE"},
	"bind": {Name: "bind", Type: "BIND"},
}

// lookupEnv resolves "$VAR" references; tests substitute their own.
type lookupEnv func(string) (string, bool)

// Load reads the creds file at path. If path does not exist and is the default "creds.json", return an empty File (no error) so providers `none` and `bind` still work.
//
// A path beginning with "!" is run with "sh -c" (without the "!") and its
// standard output is parsed instead; a non-zero exit is an error carrying
// the command's standard error. An empty path means DefaultPath.
//
// Load is LoadContext without a context.
func Load(path string) (*File, error) {
	return LoadContext(context.Background(), path)
}

// LoadContext is Load whose creds command (a path beginning with "!") is
// stopped, with its whole process group, when ctx is done. The command also
// has a time limit (DefaultCommandTimeout, or $DNSCTL_CREDS_TIMEOUT) and an
// output limit (MaxCommandOutput); see runCommand.
func LoadContext(ctx context.Context, path string) (*File, error) {
	return load(ctx, path, os.LookupEnv)
}

func load(ctx context.Context, path string, env lookupEnv) (*File, error) {
	if path == "" {
		path = DefaultPath
	}
	if cmd, ok := strings.CutPrefix(path, "!"); ok {
		data, err := runCommand(ctx, cmd, env)
		if err != nil {
			return nil, err
		}
		return parse(path, data, env)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) && filepath.Clean(path) == DefaultPath {
			return &File{Path: path, Entries: map[string]Entry{}, absent: true}, nil
		}
		return nil, fmt.Errorf("reading creds file: %w", err)
	}
	return parse(path, data, env)
}

// Parse parses creds content (name used in errors).
//
// "$VAR" values are resolved from the process environment; an unset
// variable gives the empty string, as in DNSControl (Entry.Unset records
// it), so that e.g. "Token": "$AWS_SESSION_TOKEN" works with long-term
// keys. A "$" value that is no variable name at all is an error.
func Parse(name string, data []byte) (*File, error) {
	return parse(name, data, os.LookupEnv)
}

func parse(name string, data []byte, env lookupEnv) (*File, error) {
	clean, perr := stripJSONC(data)
	if perr != nil {
		return nil, atPos(name, data, perr)
	}
	if len(bytes.TrimSpace(clean)) == 0 {
		return nil, fmt.Errorf("%s: no JSON object (the input is empty)", name)
	}

	var top map[string]json.RawMessage
	if err := json.Unmarshal(clean, &top); err != nil {
		if pe, ok := describeJSONError(data, err); ok {
			return nil, atPos(name, data, pe)
		}
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return nil, fmt.Errorf("%s: top level must be a JSON object of provider entries", name)
		}
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	if top == nil { // "null"
		return nil, fmt.Errorf("%s: top level must be a JSON object of provider entries", name)
	}

	entries, err := objectMembers(clean, 0)
	if err != nil { // not expected: encoding/json accepted the text
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	f := &File{Path: name, Entries: make(map[string]Entry, len(entries))}
	var errs []error
	first := map[string]int{}
	for _, m := range entries {
		if prev, dup := first[m.key]; dup {
			errs = append(errs, atPos(name, data, &posError{off: m.keyOff,
				msg: fmt.Sprintf("duplicate entry %q: it is already defined at %s (remove or rename one of them)", m.key, where(data, prev, m.keyOff))}))
			continue
		}
		first[m.key] = m.keyOff
		e, entryErrs := parseEntry(name, data, clean, m, env)
		errs = append(errs, entryErrs...)
		f.Entries[m.key] = e
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return f, nil
}

// parseEntry converts one entry. It reports every problem it finds, each
// with its position in data (the original text; clean is data with comments
// blanked out, offsets unchanged).
//
// Field values must be JSON strings, as in DNSControl (which decodes
// creds.json into strings and refuses numbers, booleans, arrays and
// objects). null is accepted as the empty string, as DNSControl does.
func parseEntry(name string, data, clean []byte, entry member, env lookupEnv) (e Entry, errs []error) {
	key := entry.key
	e = Entry{Name: key}
	at := func(off int, format string, args ...any) error {
		return atPos(name, data, &posError{off: off, msg: fmt.Sprintf(format, args...)})
	}
	if len(entry.value) == 0 || entry.value[0] != '{' {
		return e, []error{at(entry.valOff, "entry %q must be a JSON object of fields, not %s", key, jsonKind(entry.value))}
	}
	fields, err := objectMembers(clean, entry.valOff)
	if err != nil {
		return e, []error{at(entry.valOff, "entry %q: %v", key, err)}
	}
	e.Fields = make(map[string]string, len(fields))
	first := map[string]int{}
	for _, fm := range fields {
		field := fm.key
		if prev, dup := first[field]; dup {
			errs = append(errs, at(fm.keyOff, "entry %q: duplicate field %q: it is already set at %s (remove one of them)", key, field, where(data, prev, fm.keyOff)))
			continue
		}
		first[field] = fm.keyOff
		v, isString, err := scalar(fm.value)
		if err != nil {
			errs = append(errs, at(fm.valOff, "entry %q field %q: %v", key, field, err))
			continue
		}
		if isString && len(v) > 1 && v[0] == '$' {
			variable := v[1:]
			if !isEnvName(variable) {
				// More likely a literal secret that happens to start
				// with "$" than a variable: never echo it.
				errs = append(errs, at(fm.valOff, "entry %q field %q: value starts with \"$\" but the rest is not a valid environment variable name (not shown, in case it is a secret)", key, field))
				continue
			}
			val, ok := env(variable)
			if !ok || val == "" {
				if e.Unset == nil {
					e.Unset = map[string]string{}
				}
				e.Unset[field] = shownVar(variable)
			}
			v = val
		}
		if field == typeField {
			if !isString {
				errs = append(errs, at(fm.valOff, "entry %q: %s must be a string", key, typeField))
				continue
			}
			e.Type = v
			continue
		}
		e.Fields[field] = v
	}
	return e, errs
}

// shownVar is how messages name a variable: as itself when it is spelt as
// variables usually are (AWS_SECRET_ACCESS_KEY), else "…", in case the
// "$" value was a literal secret such as "$ecretPassw0rd".
func shownVar(v string) string {
	for _, c := range v {
		if !(c == '_' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			return "…"
		}
	}
	return v
}

// isEnvName reports whether s is a conventional environment variable name:
// a letter or underscore followed by letters, digits and underscores.
func isEnvName(s string) bool {
	if s == "" {
		return false
	}
	for i, c := range s {
		switch {
		case c == '_', 'A' <= c && c <= 'Z', 'a' <= c && c <= 'z':
		case '0' <= c && c <= '9' && i > 0:
		default:
			return false
		}
	}
	return true
}

// scalar reads a field value: a JSON string (isString) or null (the
// empty string, as in DNSControl). Anything else is an error that names
// the kind of value, never the value itself (it may be a secret).
func scalar(raw json.RawMessage) (v string, isString bool, err error) {
	raw = bytes.TrimSpace(raw)
	switch {
	case len(raw) == 0:
		return "", false, errors.New("missing value")
	case raw[0] == '"':
		if err := json.Unmarshal(raw, &v); err != nil {
			return "", false, errors.New("invalid string")
		}
		return v, true, nil
	case raw[0] == 'n':
		return "", false, nil
	}
	return "", false, fmt.Errorf("must be a JSON string (in double quotes), not %s", jsonKind(raw))
}

// where names the offset off of data for a message about something at
// offset here: "line 3", or "line 3, column 8" when both are on one line.
func where(data []byte, off, here int) string {
	line, col := lineCol(data, off)
	if hereLine, _ := lineCol(data, here); hereLine == line {
		return fmt.Sprintf("line %d, column %d", line, col)
	}
	return fmt.Sprintf("line %d", line)
}

func atPos(name string, data []byte, pe *posError) error {
	line, col := lineCol(data, pe.off)
	return fmt.Errorf("%s:%d:%d: %s", name, line, col, pe.msg)
}

// Lookup returns the entry key. Missing key → error naming the key, the creds file, and the keys it has (sorted), e.g.:
//
//	creds.json has no entry "r53_main" (NewDnsProvider("r53_main") needs one); entries present: bind, r53_prod
//
// Built-ins: "none" → Entry{Name:"none",Type:"NONE"} and "bind" → Entry{Name:"bind",Type:"BIND"} when absent from the file (as DNSControl does).
//
// The returned Fields map is a copy; changing it does not affect f.
// Lookup may be called on a nil *File, which behaves as an empty file.
func (f *File) Lookup(key string) (Entry, error) {
	if f != nil {
		if e, ok := f.Entries[key]; ok {
			e.Fields = maps.Clone(e.Fields)
			return e, nil
		}
	}
	if e, ok := builtins[key]; ok {
		return e, nil
	}
	path := DefaultPath
	if f != nil && f.Path != "" {
		path = f.Path
	}
	if f != nil && f.absent {
		dir, _ := os.Getwd()
		return Entry{}, fmt.Errorf("there is no %s in %s, so no entry %q; create one with that entry, or give its path with --creds", path, dir, key)
	}
	names := f.Names()
	present := "the file has no entries"
	if len(names) > 0 {
		present = "entries present: " + strings.Join(names, ", ")
	}
	return Entry{}, fmt.Errorf("%s has no entry %q; %s", path, key, present)
}

// Names returns the keys, sorted.
func (f *File) Names() []string {
	if f == nil {
		return nil
	}
	return slices.Sorted(maps.Keys(f.Entries))
}
