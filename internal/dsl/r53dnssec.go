package dsl

import (
	"strings"

	"github.com/dop251/goja"

	"github.com/dnsctl/dnsctl/internal/model"
	"github.com/dnsctl/dnsctl/internal/provider/route53/estate"
)

// jsR53DNSSEC implements R53_DNSSEC({kms_key, ksk, registrar}),
// R53_DNSSEC(false) and R53_DNSSEC(false, {ds_removed: true}): the Route
// 53 DNSSEC signing of the domain (see estate.DNSSEC). A domain takes one.
func (ev *evaluator) jsR53DNSSEC(c goja.FunctionCall) goja.Value {
	a := &args{ev: ev, fn: estate.KindDNSSEC, pos: ev.userPos(), v: c.Arguments}
	vals := make([]any, len(a.v))
	for i := range a.v {
		vals[i] = a.jsonArg(i, "argument")
	}
	if _, err := estate.ParseDNSSEC(vals); err != nil {
		a.fail("%v", err)
	}
	fn, pos := a.fn, a.pos
	return ev.value(&item{fn: fn, pos: pos, domain: func(ds *domainState) {
		if prev := ds.d.SettingsOf(estate.KindDNSSEC); len(prev) > 0 {
			ev.fail(pos, fn, "the domain %s already has R53_DNSSEC (at %s); a domain takes one", ds.d.UniqueName(), prev[0].Pos)
		}
		ds.d.Settings = append(ds.d.Settings, &model.Setting{Kind: fn, Args: vals, Pos: pos})
	}})
}

// checkAutoDNSSEC relates DNSControl's AUTODNSSEC_ON/OFF to R53_DNSSEC
// once every domain is complete. DNSControl's ROUTE53 ignores them, and so
// does dnsctl, with warnings: AUTODNSSEC_ON on a Route 53 domain without
// R53_DNSSEC cannot be honoured (signing needs a KMS key), and beside an
// R53_DNSSEC that says the opposite it is overruled.
func (ev *evaluator) checkAutoDNSSEC() {
	route53 := map[string]bool{}
	for _, p := range ev.cfg.DNSProviders {
		if strings.EqualFold(p.Type, "ROUTE53") {
			route53[p.Name] = true
		}
	}
	for _, d := range ev.cfg.Domains {
		auto := d.Meta["autodnssec"]
		if auto == "" {
			continue
		}
		decl := d.SettingsOf(estate.KindDNSSEC)
		if len(decl) == 0 {
			usesR53 := false
			for _, p := range d.DNSProviders {
				usesR53 = usesR53 || route53[p.Name]
			}
			if auto == "on" && usesR53 {
				ev.warn(d.Pos, "AUTODNSSEC_ON", "%s: Route 53 cannot sign without a KMS key, so this is ignored (as in DNSControl); declare R53_DNSSEC({kms_key: \"arn:aws:kms:us-east-1:…\"}) to sign the zone", d.UniqueName())
			}
			continue
		}
		on, _ := estate.ParseDNSSEC(decl[0].Args)
		if on != nil && on.On != (auto == "on") {
			ev.warn(decl[0].Pos, "R53_DNSSEC", "%s also has AUTODNSSEC_%s, which Route 53 ignores: R53_DNSSEC decides", d.UniqueName(), strings.ToUpper(auto))
		}
	}
}
