package dsl

import (
	"github.com/dop251/goja"

	"github.com/dnsctl/dnsctl/internal/model"
	"github.com/dnsctl/dnsctl/internal/provider/route53/estate"
)

// jsR53VPC implements R53_VPC(vpcId, region[, {account: "credsEntry"}]):
// a domain modifier, repeatable, that makes the domain's Route 53 zone a
// private hosted zone answering in the VPC. The arguments are checked here
// with the provider's own parser, so a mistake is reported with its line;
// a VPC declared twice in one domain is refused when the modifier is
// applied (D, D_EXTEND and DEFAULTS may each add some).
func (ev *evaluator) jsR53VPC(c goja.FunctionCall) goja.Value {
	a := &args{ev: ev, fn: estate.KindVPC, pos: ev.userPos(), v: c.Arguments}
	vals := make([]any, len(a.v))
	for i := range a.v {
		vals[i] = a.jsonArg(i, vpcArgName(i))
	}
	v, err := estate.ParseVPC(vals)
	if err != nil {
		a.fail("%v", err)
	}
	s := model.Setting{Kind: a.fn, Args: v.Args(), Pos: a.pos}
	fn, pos := a.fn, a.pos
	return ev.value(&item{fn: fn, pos: pos, domain: func(ds *domainState) {
		seen := map[string]estate.VPC{}
		for _, prev := range ds.d.SettingsOf(estate.KindVPC) {
			if pv, err := estate.ParseVPC(prev.Args); err == nil {
				pv.Pos = prev.Pos
				seen[pv.ID] = pv
			}
		}
		if err := estate.Duplicate(seen, v); err != nil {
			ev.fail(pos, fn, "%v", err)
		}
		c := s
		ds.d.Settings = append(ds.d.Settings, &c)
	}})
}

// vpcArgName names argument i of R53_VPC in messages.
func vpcArgName(i int) string {
	switch i {
	case 0:
		return "the VPC ID"
	case 1:
		return "the region"
	}
	return "the options"
}
