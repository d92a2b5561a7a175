package zonefile

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/dnsctl/dnsctl/internal/model"
)

// jsItem is one argument of D(): a domain modifier, a record or a comment.
type jsItem struct {
	text    string
	comment bool
}

// writeJS renders a dnsconfig.js draft in the style of DNSControl's
// get-zones: provider and registrar variables, then one D() with the
// records. diffFriendly puts the commas at the start of lines ("djs").
func writeJS(w io.Writer, zone, credKey string, recs []*model.Record, diffFriendly bool) error {
	rs := canonicalOrder(recs)
	dsp := "DSP_" + jsIdent(strings.ToUpper(credKey))

	var shown []*model.Record
	for _, r := range rs {
		if r.Type != "SOA" && !(r.Type == "NS" && r.Name == zone) {
			shown = append(shown, r)
		}
	}
	def := MostCommonTTL(shown)

	items := []jsItem{
		{text: "DnsProvider(" + dsp + ")"},
		{text: "DefaultTTL(" + strconv.FormatUint(uint64(def), 10) + ")"},
	}
	for _, r := range rs {
		items = append(items, jsRecord(r, zone, def)...)
	}

	var b strings.Builder
	fmt.Fprintf(&b, "var %s = NewDnsProvider(%s);\n", dsp, jsString(credKey))
	b.WriteString("var REG_CHANGEME = NewRegistrar(\"none\");\n\n")
	if diffFriendly {
		fmt.Fprintf(&b, "D(%s, REG_CHANGEME\n", jsString(zone))
		for _, it := range items {
			if it.comment {
				b.WriteString("\t" + it.text + "\n")
			} else {
				b.WriteString("\t, " + it.text + "\n")
			}
		}
		b.WriteString(");\n\n")
	} else {
		fmt.Fprintf(&b, "D(%s, REG_CHANGEME,\n", jsString(zone))
		for _, it := range items {
			if it.comment {
				b.WriteString("\t" + it.text + "\n")
			} else {
				b.WriteString("\t" + it.text + ",\n")
			}
		}
		b.WriteString("END);\n\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// handledMeta are the metadata keys rendered as R53_* modifiers.
var handledMeta = map[string]bool{
	"alias_type": true, "zone_id": true, "evaluate_target_health": true,
	"weight": true, "health_check_id": true,
}

// jsRecord renders one record as a record function call, preceded by a
// note where needed; records dnsconfig.js cannot express, and those it
// should not (the SOA and the apex NS, which dnsctl manages itself), are
// commented out.
func jsRecord(r *model.Record, zone string, def uint32) []jsItem {
	label := model.LabelOf(r.Name, zone)
	name := jsString(label)
	var out []jsItem
	note := func(format string, args ...any) {
		out = append(out, jsItem{text: "// NOTE: " + fmt.Sprintf(format, args...), comment: true})
	}

	args, err := jsArgs(r, zone)
	if err != nil {
		note("%s %s could not be converted: %v", label, r.Type, err)
		out = append(out, jsItem{text: "//" + r.Type + "(" + name + ", " + jsString(r.Data) + ")", comment: true})
		return out
	}

	var mods []string
	if r.Type == model.AliasType {
		if z := r.Meta["zone_id"]; z != "" {
			mods = append(mods, "R53_ZONE("+jsString(z)+")")
		}
		if r.Meta["evaluate_target_health"] == "true" {
			mods = append(mods, "R53_EVALUATE_TARGET_HEALTH(true)")
		}
	}
	disabled := false
	if r.SetID != "" {
		if wt := r.Meta["weight"]; wt != "" && isUint(wt) {
			mods = append(mods, "R53_WEIGHT("+wt+", "+jsString(r.SetID)+")")
		} else {
			note("%s %s has the set identifier %q but no weight; only weighted routing can be written in dnsconfig.js", label, r.Type, r.SetID)
			disabled = true
		}
	}
	if h := r.Meta["health_check_id"]; h != "" {
		mods = append(mods, "R53_HEALTH_CHECK_ID("+jsString(h)+")")
	}
	if m := jsMetaObject(r.Meta); m != "" {
		mods = append(mods, m)
	}
	if r.TTL != def && r.Type != model.AliasType { // aliases have no TTL
		mods = append(mods, "TTL("+strconv.FormatUint(uint64(r.TTL), 10)+")")
	}

	fn := r.Type
	switch {
	case r.Type == "SOA":
		// SOA() takes no serial; the provider keeps it.
		disabled = true
	case r.Type == "NS" && r.Name == zone:
		// The apex NS come from the providers (or NAMESERVER()).
		return append(out, jsItem{text: "//NAMESERVER(" + args + ")", comment: true})
	case r.Type == "CNAME" && r.Name == zone:
		note("CNAME at apex may require manual editing.")
	case (r.Type == "TXT" || r.Type == "SPF") && !utf8.ValidString(mustTXT(r.Data)):
		note("%s %s holds bytes that are not UTF-8, which a JavaScript string cannot carry", label, r.Type)
		disabled = true
	case !jsFunctions[r.Type]:
		note("%s %s has no dnsconfig.js function", label, r.Type)
		disabled = true
	}

	call := fn + "(" + name + ", " + args
	for _, m := range mods {
		call += ", " + m
	}
	call += ")"
	if disabled {
		return append(out, jsItem{text: "//" + call, comment: true})
	}
	return append(out, jsItem{text: call})
}

// jsFunctions are the record types with a dnsconfig.js record function in
// dnsctl. DNSControl's DNAME() is not one of them: DNAME records are
// written commented out.
var jsFunctions = map[string]bool{
	"A": true, "AAAA": true, "CNAME": true, "NS": true, "PTR": true,
	"MX": true, "SRV": true, "CAA": true, "SSHFP": true, "TLSA": true, "DS": true,
	"NAPTR": true, "HTTPS": true, "SVCB": true, "LOC": true, "TXT": true, "SPF": true,
	"SOA": true, model.AliasType: true,
}

// jsArgs renders the arguments of r's record function after the name.
func jsArgs(r *model.Record, zone string) (string, error) {
	d := r.Data
	f := strings.Fields(d)
	num := func(i int, bits int) (string, error) {
		if i >= len(f) {
			return "", fmt.Errorf("data %q has too few fields", d)
		}
		if _, err := strconv.ParseUint(f[i], 10, bits); err != nil {
			return "", fmt.Errorf("field %d of %q is not a number", i+1, d)
		}
		return strings.TrimLeft(f[i], "0") + zeroIfEmpty(f[i]), nil
	}
	nums := func(bits ...int) ([]string, error) {
		out := make([]string, len(bits))
		for i, b := range bits {
			n, err := num(i, b)
			if err != nil {
				return nil, err
			}
			out[i] = n
		}
		return out, nil
	}
	need := func(n int) error {
		if len(f) != n {
			return fmt.Errorf("data %q has %d fields, want %d", d, len(f), n)
		}
		return nil
	}
	switch r.Type {
	case "A", "AAAA", "CNAME", "NS", "PTR", "DNAME":
		if err := need(1); err != nil {
			return "", err
		}
		return jsString(d), nil
	case model.AliasType:
		if err := need(1); err != nil {
			return "", err
		}
		return jsString(r.Meta["alias_type"]) + ", " + jsString(d), nil
	case "MX":
		if err := need(2); err != nil {
			return "", err
		}
		n, err := nums(16)
		if err != nil {
			return "", err
		}
		return n[0] + ", " + jsString(f[1]), nil
	case "SRV":
		if err := need(4); err != nil {
			return "", err
		}
		n, err := nums(16, 16, 16)
		if err != nil {
			return "", err
		}
		return strings.Join(n, ", ") + ", " + jsString(f[3]), nil
	case "SSHFP", "TLSA", "DS":
		bits := map[string][]int{"SSHFP": {8, 8}, "TLSA": {8, 8, 8}, "DS": {16, 8, 8}}[r.Type]
		if err := need(len(bits) + 1); err != nil {
			return "", err
		}
		n, err := nums(bits...)
		if err != nil {
			return "", err
		}
		return strings.Join(n, ", ") + ", " + jsString(f[len(bits)]), nil
	case "CAA":
		parts := strings.SplitN(d, " ", 3)
		if len(parts) != 3 {
			return "", fmt.Errorf("data %q: want flag, tag and value", d)
		}
		flag, err := strconv.ParseUint(parts[0], 10, 8)
		if err != nil {
			return "", fmt.Errorf("CAA flag %q is not a number", parts[0])
		}
		v, err := model.TXTValue(parts[2])
		if err != nil {
			return "", err
		}
		s := jsString(parts[1]) + ", " + jsString(v)
		switch flag {
		case 0:
		case 128:
			s += ", CAA_CRITICAL"
		default:
			return "", fmt.Errorf("CAA flag %d cannot be written (only 0 and 128, CAA_CRITICAL)", flag)
		}
		return s, nil
	case "NAPTR":
		toks, err := presentationTokens(d)
		if err != nil {
			return "", err
		}
		if len(toks) != 6 {
			return "", fmt.Errorf("data %q has %d fields, want 6", d, len(toks))
		}
		f = []string{toks[0], toks[1]}
		n, err := nums(16, 16)
		if err != nil {
			return "", err
		}
		return n[0] + ", " + n[1] + ", " + jsString(toks[2]) + ", " + jsString(toks[3]) + ", " +
			jsString(toks[4]) + ", " + jsString(toks[5]), nil
	case "HTTPS", "SVCB":
		parts := strings.SplitN(d, " ", 3)
		if len(parts) < 2 {
			return "", fmt.Errorf("data %q: want priority, target and parameters", d)
		}
		n, err := nums(16)
		if err != nil {
			return "", err
		}
		params := ""
		if len(parts) == 3 {
			params = parts[2]
		}
		return n[0] + ", " + jsString(parts[1]) + ", " + jsString(params), nil
	case "LOC":
		if err := need(12); err != nil {
			return "", err
		}
		out := make([]string, 12)
		for i, x := range f {
			switch i {
			case 3, 7:
				out[i] = jsString(x)
				continue
			}
			v, err := strconv.ParseFloat(strings.TrimSuffix(x, "m"), 64)
			if err != nil {
				return "", fmt.Errorf("LOC field %q is not a number", x)
			}
			out[i] = strconv.FormatFloat(v, 'f', -1, 64)
		}
		return strings.Join(out, ", "), nil
	case "TXT", "SPF":
		v, err := model.TXTValue(d)
		if err != nil {
			return "", err
		}
		if !utf8.ValidString(v) {
			return strconv.Quote(v), nil // commented out by the caller
		}
		return jsString(v), nil
	case "SOA":
		if err := need(7); err != nil {
			return "", err
		}
		g := f
		f = g[3:]
		n, err := nums(32, 32, 32, 32)
		if err != nil {
			return "", err
		}
		return jsString(g[0]) + ", " + jsString(g[1]) + ", " + strings.Join(n, ", "), nil
	}
	// Anything else: the data as one string, in a commented-out call.
	return jsString(d), nil
}

func zeroIfEmpty(s string) string {
	if strings.TrimLeft(s, "0") == "" {
		return "0"
	}
	return ""
}

func isUint(s string) bool {
	_, err := strconv.ParseUint(s, 10, 32)
	return err == nil
}

func mustTXT(data string) string {
	v, _ := model.TXTValue(data)
	return v
}

// jsMetaObject renders the metadata not expressed by modifiers as a
// metadata object argument ({"key": "value"}), or "".
func jsMetaObject(meta map[string]string) string {
	var keys []string
	for k := range meta {
		if !handledMeta[k] && !strings.HasPrefix(k, "route53_") {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		return ""
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = jsString(k) + ": " + jsString(meta[k])
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

// jsString returns s as a JavaScript string literal (JSON syntax, with <,
// > and & left as they are).
func jsString(s string) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		return strconv.Quote(s)
	}
	return strings.TrimSuffix(buf.String(), "\n")
}

// jsIdent turns s into something usable inside a JavaScript identifier.
func jsIdent(s string) string {
	b := []byte(s)
	for i, c := range b {
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '$') {
			b[i] = '_'
		}
	}
	return string(b)
}

// presentationTokens splits record data into its fields: quoted strings
// (returned unescaped, without quotes) and bare words.
func presentationTokens(d string) ([]string, error) {
	var out []string
	i := 0
	for {
		for i < len(d) && (d[i] == ' ' || d[i] == '\t') {
			i++
		}
		if i >= len(d) {
			return out, nil
		}
		if d[i] != '"' {
			j := i
			for j < len(d) && d[j] != ' ' && d[j] != '\t' {
				j++
			}
			out = append(out, d[i:j])
			i = j
			continue
		}
		j := i + 1
		for j < len(d) && d[j] != '"' {
			if d[j] == '\\' {
				j++
			}
			j++
		}
		if j >= len(d) {
			return nil, fmt.Errorf("data %q has an unterminated quote", d)
		}
		v, err := model.TXTValue(d[i : j+1])
		if err != nil {
			return nil, err
		}
		out = append(out, v)
		i = j + 1
	}
}
