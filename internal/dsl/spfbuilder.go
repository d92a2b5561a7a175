package dsl

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/dop251/goja"

	"github.com/dnsctl/dnsctl/internal/model"
	"github.com/dnsctl/dnsctl/internal/spf"
)

// ResolverEnv names the environment variable that replaces the system's
// resolvers (/etc/resolv.conf) for SPF lookups: "host:port", or several
// separated by commas.
const ResolverEnv = "DNSCTL_SPF_RESOLVER"

// jsSPFBuilder implements SPF_BUILDER({label, parts, overflow, overhead1,
// txtMaxSize, raw, ttl, flatten}) as DNSControl does:
//
//   - the record at label is parts joined with spaces;
//   - with flatten (a list of include domains, or ["*"] for all), the
//     includes named are replaced by the records they include (see
//     internal/spf), and the unaltered text is kept in a TXT record at
//     raw (default "_rawspf"; raw: "" leaves it out). The SPF records
//     flattening needs come from spfcache.json in the working directory,
//     or are looked up when it lacks them (see spfCache);
//   - with overflow ("_spf%d"), a record longer than txtMaxSize (255) is
//     chained over extra TXT records named by the pattern, each ending
//     "include:<next> <last term>"; the first is overhead1 bytes shorter.
//
// Splitting and flattening read the text as DNSControl does: terms after
// the first "all" are dropped and an unknown term is an error.
func (ev *evaluator) jsSPFBuilder(c goja.FunctionCall) goja.Value {
	a, o := ev.optionArgs("SPF_BUILDER", c, `{parts: ["v=spf1", "include:_spf.example.net", "~all"]}`)
	vals, ok := ev.elements(option(o, "parts"))
	if !ok || len(vals) < 2 {
		a.fail("parts must be an array of at least 2 strings, such as [\"v=spf1\", \"-all\"]")
	}
	parts := make([]string, len(vals))
	for i, v := range vals {
		if !goja.IsString(v) {
			a.fail("parts[%d] must be a string, got %s", i, kindOf(v))
		}
		parts[i] = v.String()
	}
	var flatten []string
	if fl := option(o, "flatten"); !goja.IsUndefined(fl) && !goja.IsNull(fl) {
		list, ok := ev.elements(fl)
		if !ok {
			a.fail("flatten must be an array of include domains (or [\"*\"] for all), got %s", kindOf(fl))
		}
		for i, v := range list {
			if !goja.IsString(v) {
				a.fail("flatten[%d] must be a string, got %s", i, kindOf(v))
			}
			flatten = append(flatten, v.String())
		}
	}
	str := func(k, def string) string {
		v := option(o, k)
		if goja.IsUndefined(v) || goja.IsNull(v) {
			return def
		}
		if !goja.IsString(v) {
			a.fail("%s must be a string, got %s", k, kindOf(v))
		}
		return v.String()
	}
	num := func(k string, def uint64) int {
		v := option(o, k)
		if goja.IsUndefined(v) || goja.IsNull(v) {
			return int(def)
		}
		return int(ev.uintValue(a.pos, a.fn, k, v, 65535))
	}
	label := str("label", "@")
	if label == "" {
		label = "@"
	}
	raw := str("raw", "_rawspf")
	var ttl uint32
	hasTTL := false
	if v := option(o, "ttl"); !goja.IsUndefined(v) && !goja.IsNull(v) {
		ttl, hasTTL = ev.ttlValue(a.pos, a.fn, "ttl", v), true
	}
	overflow := str("overflow", "")
	if v := option(o, "split"); !goja.IsUndefined(v) && !goja.IsNull(v) {
		// DNSControl's helpers read only overflow (its documentation names
		// split): a split option changes nothing there, so none here.
		ev.warn(a.pos, a.fn, "the split option has no effect (as in DNSControl); name it overflow, such as overflow: %s, to chain the record over several", quoteGo(metaValue(v)))
	}
	overhead1 := num("overhead1", 0)
	maxSize := num("txtMaxSize", 255)
	text := strings.Join(parts, " ")

	record := func(label, data string, keepName bool) *item {
		return &item{
			fn: "SPF_BUILDER", pos: a.pos, label: label, ttl: ttl, hasTTL: hasTTL, keepName: keepName,
			rec: &model.Record{Type: "TXT", Data: data, Pos: a.pos},
		}
	}
	if overflow == "" && len(flatten) == 0 {
		return ev.vm.NewArray(ev.value(record(label, text, false)))
	}
	if overflow != "" && (strings.Count(overflow, "%") != 1 || !strings.Contains(overflow, "%d")) {
		a.fail("overflow %s must contain %%d exactly once, such as \"_spf%%d\"", quoteGo(overflow))
	}
	rec, err := spf.Parse(text)
	if err != nil {
		a.fail("%v", err)
	}
	var out []any
	if len(flatten) > 0 {
		spec := spf.NewSpec(flatten)
		cache := ev.spfCache(a)
		ctx := ev.ctx
		if ctx == nil {
			ctx = context.Background()
		}
		if err := rec.Resolve(ctx, spec, cache); err != nil {
			ev.checkStopped(a.pos)
			a.fail("flattening: %v", err)
		}
		if rec, err = rec.Flatten(spec); err != nil {
			a.fail("flattening: %v", err)
		}
		if raw != "" {
			out = append(out, ev.value(record(raw, text, false)))
		}
		if overflow == "" {
			return ev.vm.NewArray(append(out, ev.value(record(label, rec.TXT(), false)))...)
		}
	}
	out = append(out, ev.value(&item{fn: "SPF_BUILDER", pos: a.pos, expand: func(ds *domainState) []*item {
		chain := chainSPF(rec, overflow, ds.d.Name, overhead1, maxSize)
		items := make([]*item, len(chain))
		for i, l := range chain {
			if i == 0 {
				items[i] = record(label, l.text, false)
			} else {
				items[i] = record(l.label, l.text, true)
			}
		}
		return items
	}}))
	return ev.vm.NewArray(out...)
}

type spfLink struct{ label, text string }

// chainSPF splits rec over records named by pattern in zone (see
// spf.Record.Split); the labels of the extra records are relative to zone.
func chainSPF(rec *spf.Record, pattern, zone string, overhead, maxSize int) []spfLink {
	suffix := "." + zone
	links := rec.Split(pattern+strings.ReplaceAll(suffix, "%", "%%"), overhead, maxSize)
	out := make([]spfLink, len(links))
	for i, l := range links {
		out[i] = spfLink{strings.TrimSuffix(l.Name, suffix), l.Text}
	}
	return out
}

// splitSPF is chainSPF for terms without "v=spf1".
func splitSPF(terms []string, pattern, zone string, overhead, maxSize int) []spfLink {
	rec := &spf.Record{}
	for _, t := range terms {
		rec.Terms = append(rec.Terms, &spf.Term{Text: t})
	}
	return chainSPF(rec, pattern, zone, overhead, maxSize)
}

// spfCache opens the evaluation's SPF cache on first use: spfcache.json
// in the working directory (as DNSControl), with lookups through the
// system's resolvers, or those of DNSCTL_SPF_RESOLVER.
func (ev *evaluator) spfCache(a *args) *spf.Cache {
	if ev.spf != nil {
		return ev.spf
	}
	if ev.opts.noFiles {
		a.fail("flatten needs spfcache.json or DNS lookups, and reading files is disabled")
	}
	res := &spf.Resolver{Servers: ev.opts.spfServers}
	if len(res.Servers) == 0 {
		if env := strings.TrimSpace(os.Getenv(ResolverEnv)); env != "" {
			for _, s := range strings.Split(env, ",") {
				if s = strings.TrimSpace(s); s != "" {
					res.Servers = append(res.Servers, s)
				}
			}
		}
	}
	c, err := spf.OpenCache(ev.opts.spfDir, res)
	if err != nil {
		a.fail("%v", err)
	}
	ev.spf = c
	return c
}

// finishSPF writes spfcache.updated.json when flattening looked names up,
// as DNSControl does, and warns when spfcache.json was there but lacked
// them (without a spfcache.json, the file is written silently, as in
// DNSControl, for a user who wants to start a cache).
func (ev *evaluator) finishSPF() error {
	if ev.spf == nil {
		return nil
	}
	looked := ev.spf.Looked()
	if len(looked) == 0 {
		return nil
	}
	path, err := ev.spf.SaveUpdated()
	if err != nil {
		return fmt.Errorf("SPF_BUILDER: %w", err)
	}
	if ev.spf.Exists() {
		ev.cfg.Warnings = append(ev.cfg.Warnings, model.Problem{Warning: true,
			Msg: fmt.Sprintf("%d SPF lookups are not in %s (%s); wrote %s with them: mv %s %s and commit it, so that flattening works offline",
				len(looked), spf.CacheFile, strings.Join(looked, ","), path, path, spf.CacheFile)})
	}
	return nil
}

// txtSPFMeta makes the records of TXT(label, text, {split, flatten,
// overhead1, txtMaxSize}): as DNSControl, which acts on this metadata of
// any TXT record (SPF_BUILDER is the usual way to set it), the text is
// flattened and split as SPF_BUILDER would with the same options, without
// a _rawspf record.
func (ev *evaluator) txtSPFMeta(a *args, label, text string, m *recordMods) goja.Value {
	if !strings.HasPrefix(text, "v=spf1") {
		a.fail("metadata split or flatten needs an SPF text (\"v=spf1 ...\"), got %s", quoteGo(text))
	}
	o := ev.vm.NewObject()
	_ = o.Set("label", label)
	parts := strings.Fields(text)
	list := make([]any, len(parts))
	for i, p := range parts {
		list[i] = p
	}
	_ = o.Set("parts", ev.vm.NewArray(list...))
	_ = o.Set("raw", "")
	if m.hasTTL {
		_ = o.Set("ttl", m.ttl)
	}
	if v := m.meta["split"]; v != "" {
		_ = o.Set("overflow", v)
	}
	if v := m.meta["flatten"]; v != "" {
		fl := strings.Split(v, ",")
		vals := make([]any, len(fl))
		for i, f := range fl {
			vals[i] = f
		}
		_ = o.Set("flatten", ev.vm.NewArray(vals...))
	}
	for _, k := range []string{"overhead1", "txtMaxSize"} {
		if v, ok := m.meta[k]; ok {
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 {
				a.fail("metadata %s must be a whole number, got %s", k, quoteGo(v))
			}
			_ = o.Set(k, n)
		}
	}
	return ev.jsSPFBuilder(goja.FunctionCall{Arguments: []goja.Value{o}})
}
