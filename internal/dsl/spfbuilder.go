package dsl

import (
	"context"
	"fmt"
	"os"
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
