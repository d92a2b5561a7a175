package dsl

import (
	"fmt"
	"strings"

	"github.com/dop251/goja"

	"github.com/dnsctl/dnsctl/internal/model"
)

// hostRecord is host.record(fn, type, label, data, modifiers, first) for
// prelude_foreign.js: it makes a record of a type that only DNS providers
// dnsctl does not have serve (ALIAS, URL, CF_REDIRECT…), positioned at the
// user's call of fn. modifiers is an array of record modifiers, the first
// of them argument number first of fn.
func (ev *evaluator) hostRecord(c goja.FunctionCall) goja.Value {
	pos := ev.userPos()
	fn := c.Argument(0).String()
	var m recordMods
	if mods, ok := ev.elements(c.Argument(4)); ok {
		first := int(c.Argument(5).ToInteger())
		for i, v := range mods {
			ev.applyRecordArg(pos, fn, &m, v, first+i)
		}
	}
	return ev.value(&item{
		fn:     fn,
		pos:    pos,
		label:  c.Argument(2).String(),
		ttl:    m.ttl,
		hasTTL: m.hasTTL,
		rec: &model.Record{
			Type:  c.Argument(1).String(),
			Data:  c.Argument(3).String(),
			SetID: m.setID,
			Meta:  m.meta,
			Pos:   pos,
		},
	})
}

// foreignMetaOwners maps the metadata key prefixes of DNSControl providers
// dnsctl does not have (set by CF_PROXY_ON, HEDNS_DYNAMIC_ON…) to the
// provider.
var foreignMetaOwners = []struct{ prefix, provider string }{
	{"cloudflare_", "CLOUDFLAREAPI"},
	{"hedns_", "HEDNS"},
}

// noteForeignMeta warns, once per evaluation, that metadata key k belongs
// to a DNS provider dnsctl does not have and means nothing to its own.
func (ev *evaluator) noteForeignMeta(pos, fn, k string) {
	if ev.foreignMetaWarned {
		return
	}
	for _, o := range foreignMetaOwners {
		if !strings.HasPrefix(k, o.prefix) {
			continue
		}
		ev.foreignMetaWarned = true
		if pos == "" {
			pos = ev.userPos()
		}
		ev.cfg.Warnings = append(ev.cfg.Warnings, model.Problem{Pos: pos, Warning: true,
			Msg: fmt.Sprintf("%s: %q is a setting of DNS provider type %s, which dnsctl does not have; ROUTE53 and BIND ignore it, and all such settings (said once)", fn, k, o.provider)})
		return
	}
}
