package dsl

import (
	"fmt"

	"github.com/dnsctl/dnsctl/internal/provider/route53/estate"
)

// finishPrivateZones refuses, once every domain is complete, what a domain
// declaring R53_VPC (a private hosted zone) asks for and Route 53 does
// only for public zones: query logging and DNSSEC signing. Turning either
// off is harmless and accepted.
func (ev *evaluator) finishPrivateZones() error {
	for _, d := range ev.cfg.Domains {
		vpcs := d.SettingsOf(estate.KindVPC)
		if len(vpcs) == 0 {
			continue
		}
		for _, s := range d.SettingsOf(estate.KindQueryLog) {
			if q, err := estate.ParseQueryLog(s.Args); err == nil && !q.Off {
				return &Error{Pos: s.Pos, Func: s.Kind, Msg: fmt.Sprintf("%s is a private hosted zone (R53_VPC at %s); Route 53 logs the queries of public zones only (use Route 53 Resolver query logging)", d.UniqueName(), vpcs[0].Pos)}
			}
		}
		for _, s := range d.SettingsOf(estate.KindDNSSEC) {
			if ds, err := estate.ParseDNSSEC(s.Args); err == nil && ds.On {
				return &Error{Pos: s.Pos, Func: s.Kind, Msg: fmt.Sprintf("%s is a private hosted zone (R53_VPC at %s); Route 53 signs public zones only", d.UniqueName(), vpcs[0].Pos)}
			}
		}
	}
	return nil
}
