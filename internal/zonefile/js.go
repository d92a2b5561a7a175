package zonefile

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/dnsctl/dnsctl/internal/diff"
	"github.com/dnsctl/dnsctl/internal/model"
	"github.com/dnsctl/dnsctl/internal/provider/route53/estate"
	"github.com/dnsctl/dnsctl/internal/provider/route53/routing"
)

// jsItem is one argument of D(): a domain modifier, a record or a comment.
type jsItem struct {
	text    string
	comment bool
}

// writeJS renders a dnsconfig.js draft in the style of DNSControl's
// get-zones: provider and registrar variables, then one D() with the
// records. diffFriendly puts the commas at the start of lines ("djs").
//
// The draft describes the zone exactly: pushed unchanged, it changes
// nothing. What dnsconfig.js cannot express is written commented out, with
// an IGNORE() that keeps dnsctl from deleting it (see ignoreGroups); the
// apex NS set is described as apexNS explains.
func writeJS(w io.Writer, z Zone, diffFriendly bool) error {
	zone, _ := model.SplitZone(z.Ref)
	rs := canonicalOrder(z.Records)
	dsp := "DSP_" + jsIdent(strings.ToUpper(z.CredKey))

	var shown []*model.Record
	for _, r := range rs {
		if r.Type != "SOA" && !(r.Type == "NS" && r.Name == zone) {
			shown = append(shown, r)
		}
	}
	def := MostCommonTTL(shown)

	recs := make([]*jsRec, len(rs))
	for i, r := range rs {
		recs[i] = jsRecord(r, zone, def)
	}
	unmanaged, nsNote := apexNS(recs, zone, z.Nameservers)
	ignores := ignoreGroups(recs, zone)

	items := []jsItem{{text: "DnsProvider(" + dsp + ")"}}
	if unmanaged {
		items = []jsItem{{text: "// NOTE: " + nsNote, comment: true}, {text: "DnsProvider(" + dsp + ", 0)"}}
	}
	if z.ZoneID != "" {
		items = append(items, jsItem{text: "R53_ZONE(" + jsString(z.ZoneID) + ")"})
	}
	for _, st := range z.Settings {
		items = append(items, jsItem{text: settingCall(st)})
	}
	items = append(items, jsItem{text: "DefaultTTL(" + strconv.FormatUint(uint64(def), 10) + ")"})
	for i, jr := range recs {
		for j, n := range jr.notes {
			if j == len(jr.notes)-1 && jr.ignore {
				n += "; the IGNORE() below keeps it as it is"
			}
			items = append(items, jsItem{text: "// NOTE: " + n, comment: true})
		}
		if jr.off {
			items = append(items, jsItem{text: "//" + jr.call, comment: true})
		} else {
			items = append(items, jsItem{text: jr.call})
		}
		if ig, ok := ignores[i]; ok {
			items = append(items, jsItem{text: ig})
		}
	}

	var b strings.Builder
	fmt.Fprintf(&b, "var %s = NewDnsProvider(%s);\n", dsp, jsString(z.CredKey))
	b.WriteString("var REG_CHANGEME = NewRegistrar(\"none\");\n\n")
	if diffFriendly {
		fmt.Fprintf(&b, "D(%s, REG_CHANGEME\n", jsString(z.Ref))
		for _, it := range items {
			if it.comment {
				b.WriteString("\t" + it.text + "\n")
			} else {
				b.WriteString("\t, " + it.text + "\n")
			}
		}
		b.WriteString(");\n\n")
	} else {
		fmt.Fprintf(&b, "D(%s, REG_CHANGEME,\n", jsString(z.Ref))
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

// apexNS decides how the apex NS records of recs are written. dnsctl adds
// a DNS provider's own name servers (own) to the apex NS set by itself, and
// leaves the set alone when neither they nor the configuration name any
// server. So:
//   - a provider with no name servers of its own for the zone (BIND, a
//     private Route 53 zone): every apex NS is written as a commented-out
//     NAMESERVER(), and the set stays as it is;
//   - when the set holds all of own: those are commented-out NAMESERVER()s
//     and the others NS("@") records, which dnsctl keeps next to own;
//   - when the set lacks one of own, dnsctl would add it back: the draft
//     uses DnsProvider(…, 0), which leaves the set alone, and comments out
//     every apex NS. unmanaged reports this case, with the note to show.
func apexNS(recs []*jsRec, zone string, own []string) (unmanaged bool, note string) {
	ownSet := map[string]bool{}
	for _, n := range model.FQDNs(own) {
		ownSet[n] = true
	}
	have := map[string]bool{}
	for _, jr := range recs {
		if jr.apexNS {
			have[jr.r.Data] = true
		}
	}
	var lacking []string
	for n := range ownSet {
		if !have[n] {
			lacking = append(lacking, n)
		}
	}
	sort.Strings(lacking)
	unmanaged = len(lacking) > 0
	for _, jr := range recs {
		if !jr.apexNS {
			continue
		}
		switch {
		case len(ownSet) == 0 || ownSet[jr.r.Data]:
			jr.notes, jr.off, jr.ignore = nil, true, false
			jr.call = "NAMESERVER(" + jsString(jr.r.Data) + ")"
		case unmanaged:
			jr.off, jr.ignore = true, false
		}
	}
	if unmanaged {
		note = "the apex NS set lacks " + strings.Join(lacking, ", ") + " of the provider's own name servers, " +
			"which dnsctl would add; with DnsProvider(…, 0) it leaves the set as it is"
	}
	return unmanaged, note
}

// jsRec is one record as the js format writes it.
type jsRec struct {
	r      *model.Record
	label  string
	notes  []string
	call   string // the record function call
	off    bool   // written commented out
	ignore bool   // commented out, and to be kept by an IGNORE()
	apexNS bool
}

// ignoreGroups returns the IGNORE() calls that keep the records written
// commented out (other than the SOA and apex NS, which dnsctl leaves alone
// anyway) from being deleted, by the index of the record each follows.
//
// IGNORE matches records by label, type and target (the data), not by set
// identifier, so one IGNORE(label, type) covers every record of that name
// and type. Route 53 allows a single routing policy per name and type, so
// for unwritable routing policies that is exactly the record sets to
// keep. Where written records share the label and type (an alias of
// another type, a record of readable data next to one dnsconfig.js cannot
// hold), the IGNORE also names the targets of the kept records; a written
// record it still matches (same target) is commented out and kept too,
// since a configured record matched by an IGNORE is an error.
func ignoreGroups(recs []*jsRec, zone string) map[int]string {
	type group struct {
		label, typ string
		kept       []*jsRec
		last       int
	}
	groups := map[[2]string]*group{}
	var order []*group
	for i, jr := range recs {
		if !jr.ignore {
			continue
		}
		k := [2]string{jr.label, jr.r.Type}
		g := groups[k]
		if g == nil {
			g = &group{label: jr.label, typ: jr.r.Type}
			groups[k] = g
			order = append(order, g)
		}
		g.kept = append(g.kept, jr)
		g.last = i
	}
	out := map[int]string{}
	for _, g := range order {
		narrow := false
		for _, jr := range recs {
			if !jr.off && jr.label == g.label && jr.r.Type == g.typ {
				narrow = true
				break
			}
		}
		call := "IGNORE(" + jsString(globQuote(g.label)) + ", " + jsString(g.typ)
		if narrow {
			// The target patterns match the kept records' targets
			// (diff.IgnoreTarget: the host of an MX, the text of a
			// TXT) exactly.
			var quoted []string
			seen := map[string]bool{}
			for _, jr := range g.kept {
				if q := globQuote(diff.IgnoreTarget(jr.r)); !seen[q] {
					seen[q] = true
					quoted = append(quoted, q)
				}
			}
			glob := quoted[0]
			if len(quoted) > 1 {
				glob = "{" + strings.Join(quoted, ",") + "}"
			}
			rule := model.Ignore{Label: globQuote(g.label), Types: g.typ, Target: glob}
			for i, jr := range recs {
				if jr.off || jr.label != g.label || jr.r.Type != g.typ {
					continue
				}
				if ok, err := diff.IgnoreMatches(rule, jr.r, zone); err == nil && !ok {
					continue
				}
				jr.notes = append(jr.notes, fmt.Sprintf("%s %s has the target of a record kept by IGNORE(), which cannot tell them apart", jr.label, jr.r.Type))
				jr.ignore = true
				jr.off = true
				g.last = max(g.last, i)
			}
			call += ", " + jsString(glob)
		}
		out[g.last] = call + ")"
	}
	return out
}

// globQuoted are the characters IGNORE globs give a meaning to.
const globQuoted = `*?[]{},\`

// globQuote escapes the characters IGNORE globs give a meaning to, so the
// glob matches s literally. A byte that is not UTF-8 (TXT data may hold
// any) cannot be written in a JavaScript string; '?' stands for it.
func globQuote(s string) string {
	if !strings.ContainsAny(s, globQuoted) && utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for i, c := range s {
		if c == utf8.RuneError {
			if _, n := utf8.DecodeRuneInString(s[i:]); n == 1 {
				b.WriteByte('?')
				continue
			}
		}
		if strings.ContainsRune(globQuoted, c) {
			b.WriteByte('\\')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// handledMeta are the metadata keys always rendered as R53_* modifiers
// (or, for alias_type, as an argument of R53_ALIAS).
var handledMeta = map[string]bool{
	"alias_type": true, "zone_id": true, "evaluate_target_health": true,
	"health_check_id": true, "health_check_name": true,
}

// jsRecord renders one record as a record function call, with notes where
// needed; records dnsconfig.js cannot express, and the SOA (which dnsctl
// leaves to the provider), are commented out. So are the records of a
// Route 53 traffic policy instance, which dnsctl leaves alone (no IGNORE
// needed): a comment, not a record.
func jsRecord(r *model.Record, zone string, def uint32) *jsRec {
	jr := jsRecordCall(r, zone, def)
	if id := r.Meta[routing.MetaTrafficPolicy]; id != "" {
		jr.notes = []string{fmt.Sprintf("%s %s is made by the Route 53 traffic policy instance %s; dnsctl leaves it alone", jr.label, r.Type, id)}
		jr.off, jr.ignore = true, false
	}
	return jr
}

func jsRecordCall(r *model.Record, zone string, def uint32) *jsRec {
	label := model.LabelOf(r.Name, zone)
	name := jsString(label)
	jr := &jsRec{r: r, label: label, apexNS: r.Type == "NS" && r.Name == zone}
	note := func(format string, args ...any) {
		jr.notes = append(jr.notes, fmt.Sprintf(format, args...))
	}
	off := func() *jsRec {
		jr.off = true
		jr.ignore = r.Type != "SOA"
		return jr
	}

	args, err := jsArgs(r, zone)
	if err != nil {
		note("%s %s could not be converted: %v", label, r.Type, err)
		jr.call = r.Type + "(" + name + ", " + jsString(r.Data) + ")"
		return off()
	}

	var mods []string
	if r.Type == model.AliasType {
		// An alias into its own zone needs no R53_ZONE (dnsctl fills in
		// the zone's ID), and pinning the ID would tie the export to
		// this hosted zone: pushed into a re-created one, Route 53
		// would refuse it.
		if z := r.Meta["zone_id"]; z != "" && r.Meta[routing.MetaSameZone] != "true" {
			mods = append(mods, "R53_ZONE("+jsString(z)+")")
		}
		if r.Meta["evaluate_target_health"] == "true" {
			mods = append(mods, "R53_EVALUATE_TARGET_HEALTH(true)")
		}
	}
	disabled := false
	routed := false // the routing metadata is written by a modifier
	if r.SetID != "" {
		if call, err := routingCall(r); err == nil {
			mods = append(mods, call)
			routed = true
		} else {
			note("%s %s (set %q) %v", label, r.Type, r.SetID, err)
			disabled = true
		}
	}
	if h := r.Meta["health_check_id"]; h != "" {
		mods = append(mods, "R53_HEALTH_CHECK_ID("+jsString(h)+")")
	} else if n := r.Meta["health_check_name"]; n != "" {
		mods = append(mods, "R53_HEALTH_CHECK_NAME("+jsString(n)+")")
	}
	if m := jsMetaObject(r.Meta, routed); m != "" {
		mods = append(mods, m)
	}
	if r.TTL != def && r.Type != model.AliasType { // aliases have no TTL
		mods = append(mods, "TTL("+strconv.FormatUint(uint64(r.TTL), 10)+")")
	}

	switch {
	case r.Type == "SOA":
		// SOA() takes no serial; the provider keeps it.
		disabled = true
	case r.Type == "CNAME" && r.Name == zone:
		note("CNAME at apex may require manual editing.")
	case (r.Type == "TXT" || r.Type == "SPF") && !utf8.ValidString(mustTXT(r.Data)):
		note("%s %s holds bytes that are not UTF-8, which a JavaScript string cannot carry", label, r.Type)
		disabled = true
	case !jsFunctions[r.Type]:
		note("%s %s has no dnsconfig.js function", label, r.Type)
		disabled = true
	}

	if r.Type == "SMIMEA" {
		// SMIMEA() adds "._smimecert" to the name it is given.
		if short, ok := strings.CutSuffix(label, "._smimecert"); ok && short != "" {
			name = jsString(short)
		} else {
			note("%s %s is not at a name ending in ._smimecert, where SMIMEA() puts its records", label, r.Type)
			disabled = true
		}
	}
	call := r.Type + "(" + name + ", " + args
	for _, m := range mods {
		call += ", " + m
	}
	jr.call = call + ")"
	if disabled {
		return off()
	}
	return jr
}

// jsFunctions are the record types with a dnsconfig.js record function in
// dnsctl.
var jsFunctions = map[string]bool{
	"A": true, "AAAA": true, "CNAME": true, "NS": true, "PTR": true,
	"MX": true, "SRV": true, "CAA": true, "SSHFP": true, "TLSA": true, "DS": true,
	"NAPTR": true, "HTTPS": true, "SVCB": true, "LOC": true, "TXT": true, "SPF": true,
	"SOA": true, model.AliasType: true,
	"DNAME": true, "RP": true, "DHCID": true, "DNSKEY": true, "OPENPGPKEY": true, "SMIMEA": true,
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
	case "A", "AAAA", "CNAME", "NS", "PTR", "DNAME", "DHCID", "OPENPGPKEY":
		if err := need(1); err != nil {
			return "", err
		}
		return jsString(d), nil
	case "RP":
		if err := need(2); err != nil {
			return "", err
		}
		return jsString(f[0]) + ", " + jsString(f[1]), nil
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
	case "SSHFP", "TLSA", "DS", "SMIMEA", "DNSKEY":
		bits := map[string][]int{"SSHFP": {8, 8}, "TLSA": {8, 8, 8}, "DS": {16, 8, 8}, "SMIMEA": {8, 8, 8}, "DNSKEY": {16, 8, 8}}[r.Type]
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
		// Flags, service and regexp go out in presentation form, as
		// dnsconfig.js spells them (see the dsl package's quoteNAPTR).
		toks, err := naptrTokens(d)
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

func mustTXT(data string) string {
	v, _ := model.TXTValue(data)
	return v
}

// jsMetaObject renders the metadata not expressed by modifiers as a
// metadata object argument ({"key": "value"}), or "". routed says the
// routing-policy metadata is expressed by a modifier.
func jsMetaObject(meta map[string]string, routed bool) string {
	var keys []string
	for k := range meta {
		if !handledMeta[k] && !(routed && routingMeta[k]) && !strings.HasPrefix(k, "route53_") {
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
	return splitFields(d, model.TXTValue)
}

// splitFields splits record data into bare words and quoted strings, which
// quoted turns into a field (given the string with its quotes).
func splitFields(d string, quoted func(string) (string, error)) ([]string, error) {
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
		v, err := quoted(d[i : j+1])
		if err != nil {
			return nil, err
		}
		out = append(out, v)
		i = j + 1
	}
}

// routingMeta are the metadata keys of Route 53's routing policies (the
// route53 provider's Meta* keys), written by the R53_* routing modifiers.
var routingMeta = map[string]bool{
	"weight": true, "failover": true, "latency_region": true,
	"geo_continent": true, "geo_country": true, "geo_subdivision": true,
	"multivalue": true, "cidr_collection_id": true, "cidr_location": true,
	"geoproximity_region": true, "geoproximity_local_zone_group": true,
	"geoproximity_latitude": true, "geoproximity_longitude": true, "geoproximity_bias": true,
}

// routingGroups are the routing policies by their metadata keys.
var routingGroups = [][]string{
	{"weight"}, {"failover"}, {"latency_region"},
	{"geo_continent", "geo_country", "geo_subdivision"},
	{"multivalue"}, {"cidr_collection_id", "cidr_location"},
	{"geoproximity_region", "geoproximity_local_zone_group", "geoproximity_latitude", "geoproximity_longitude", "geoproximity_bias"},
}

// routingCall renders the routing policy of r, a record with a set
// identifier, as the R53_* modifier that writes it, or says why none can.
func routingCall(r *model.Record) (string, error) {
	m := r.Meta
	has := func(keys ...string) bool {
		for _, k := range keys {
			if m[k] != "" {
				return true
			}
		}
		return false
	}
	n := 0
	for _, g := range routingGroups {
		if has(g...) {
			n++
		}
	}
	switch n {
	case 0:
		return "", fmt.Errorf("has no routing policy that dnsconfig.js can write")
	case 1:
	default:
		return "", fmt.Errorf("has %d routing policies, which dnsconfig.js cannot write", n)
	}
	id := jsString(r.SetID)
	bad := func(what string) (string, error) {
		return "", fmt.Errorf("has a %s that dnsconfig.js cannot write", what)
	}
	switch {
	case has("weight"):
		w, err := strconv.ParseUint(m["weight"], 10, 8)
		if err != nil {
			return bad(fmt.Sprintf("weight %q", m["weight"]))
		}
		return "R53_WEIGHT(" + strconv.FormatUint(w, 10) + ", " + id + ")", nil
	case has("failover"):
		v := m["failover"]
		if v != "PRIMARY" && v != "SECONDARY" {
			return bad(fmt.Sprintf("failover type %q", v))
		}
		return "R53_FAILOVER(" + jsString(v) + ", " + id + ")", nil
	case has("latency_region"):
		v := m["latency_region"]
		if !routing.AWSRegion.MatchString(v) {
			return bad(fmt.Sprintf("latency region %q", v))
		}
		return "R53_LATENCY(" + jsString(v) + ", " + id + ")", nil
	case has("geo_continent", "geo_country", "geo_subdivision"):
		loc, ok := geoLocation(m["geo_continent"], m["geo_country"], m["geo_subdivision"])
		if !ok {
			return bad(fmt.Sprintf("geolocation (continent %q, country %q, subdivision %q)", m["geo_continent"], m["geo_country"], m["geo_subdivision"]))
		}
		return "R53_GEO(" + loc + ", " + id + ")", nil
	case has("multivalue"):
		if m["multivalue"] != "true" {
			return bad(fmt.Sprintf("multivalue setting %q", m["multivalue"]))
		}
		return "R53_MULTIVALUE(" + id + ")", nil
	case has("cidr_collection_id", "cidr_location"):
		c, l := m["cidr_collection_id"], m["cidr_location"]
		named := m[estate.CIDRNamedMeta] == "true" && estate.CIDRCollectionName.MatchString(c)
		if !(routing.CIDRCollection.MatchString(c) || named) || !routing.CIDRLocation.MatchString(l) {
			return bad(fmt.Sprintf("CIDR location (collection %q, location %q)", c, l))
		}
		return "R53_CIDR(" + jsString(c) + ", " + jsString(l) + ", " + id + ")", nil
	}
	loc, ok := geoproximityLocation(m)
	if !ok {
		return bad("geoproximity location")
	}
	return "R53_GEOPROXIMITY(" + loc + ", " + id + ")", nil
}

// geoLocation renders a Route 53 geolocation as R53_GEO's first argument:
// "EU", "DE", "US-CA", "*", or {continent: "NA"} and {country: "NA"} for
// the codes that name a continent and a country.
func geoLocation(continent, country, sub string) (string, bool) {
	switch {
	case continent != "":
		if country != "" || sub != "" || routing.Continents[continent] == "" {
			return "", false
		}
		if routing.AmbiguousGeo[continent] != "" {
			return "{continent: " + jsString(continent) + "}", true
		}
		return jsString(continent), true
	case country == "*" && sub == "":
		return jsString("*"), true
	case !routing.Country.MatchString(country) || country == "UK":
		return "", false
	case sub != "":
		if !routing.Subdivision.MatchString(sub) {
			return "", false
		}
		return jsString(country + "-" + sub), true
	case routing.Continents[country] != "":
		// As a string, R53_GEO would read the code as a continent.
		return "{country: " + jsString(country) + "}", true
	}
	return jsString(country), true
}

// geoproximityLocation renders a geoproximity location as
// R53_GEOPROXIMITY's first argument: {region: "us-east-1", bias: 10},
// {localZoneGroup: "..."} or {coordinates: {lat: 52.52, long: 13.4}}.
func geoproximityLocation(m map[string]string) (string, bool) {
	region, group := m["geoproximity_region"], m["geoproximity_local_zone_group"]
	lat, long := m["geoproximity_latitude"], m["geoproximity_longitude"]
	var where string
	switch {
	case region != "" && group == "" && lat == "" && long == "":
		if !routing.AWSRegion.MatchString(region) {
			return "", false
		}
		where = "region: " + jsString(region)
	case group != "" && region == "" && lat == "" && long == "":
		if !routing.LocalZoneGroup.MatchString(group) || len(group) > routing.MaxNameLen {
			return "", false
		}
		where = "localZoneGroup: " + jsString(group)
	case lat != "" && long != "" && region == "" && group == "":
		if !routing.CoordinateOK(lat, routing.Latitude, 90) || !routing.CoordinateOK(long, routing.Longitude, 180) {
			return "", false
		}
		where = "coordinates: {lat: " + jsNumber(lat) + ", long: " + jsNumber(long) + "}"
	default:
		return "", false
	}
	if b := m["geoproximity_bias"]; b != "" {
		n, err := strconv.Atoi(b)
		if err != nil || n < -99 || n > 99 {
			return "", false
		}
		where += ", bias: " + strconv.Itoa(n)
	}
	return "{" + where + "}", true
}

// jsNumber writes s, a decimal number, as a JavaScript number when
// JavaScript gives it back as the same text (52.52), else as a string
// ("13.40", "+5"), which R53_GEOPROXIMITY keeps as written.
func jsNumber(s string) string {
	if x, err := strconv.ParseFloat(s, 64); err == nil && strconv.FormatFloat(x, 'f', -1, 64) == s {
		return s
	}
	return jsString(s)
}

// settingCall writes a provider setting as the call that declares it.
func settingCall(s *model.Setting) string {
	args := make([]string, len(s.Args))
	for i, a := range s.Args {
		args[i] = jsLiteral(a)
	}
	return s.Kind + "(" + strings.Join(args, ", ") + ")"
}

// jsLiteral writes a JSON value as a JavaScript literal: object keys in
// sorted order, unquoted where they are identifiers.
func jsLiteral(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case string:
		return jsString(x)
	case bool:
		return strconv.FormatBool(x)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case int:
		return strconv.Itoa(x)
	case []string:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = jsString(e)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = jsLiteral(e)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case map[string]any:
		keys := slices.Sorted(maps.Keys(x))
		parts := make([]string, len(keys))
		for i, k := range keys {
			name := jsString(k)
			if jsIdentifier.MatchString(k) {
				name = k
			}
			parts[i] = name + ": " + jsLiteral(x[k])
		}
		return "{" + strings.Join(parts, ", ") + "}"
	}
	return jsString(fmt.Sprint(v))
}

var jsIdentifier = regexp.MustCompile(`^[A-Za-z_$][A-Za-z0-9_$]*$`)
