package dsl

import (
	"github.com/dop251/goja"

	"github.com/dnsctl/dnsctl/internal/model"
	"github.com/dnsctl/dnsctl/internal/provider/route53/estate"
)

// The Route 53 zone settings: R53_ZONE_COMMENT, R53_ZONE_TAGS and
// R53_QUERY_LOG, domain modifiers checked here with the provider's own
// parser (estate) so that a mistake is reported at check with its line.

// r53ZoneBuiltins adds the zone-setting functions to b.
func (ev *evaluator) r53ZoneBuiltins(b map[string]any) {
	b[estate.KindZoneComment] = ev.zoneSetting(estate.KindZoneComment, []string{"comment"}, func(as []any) error {
		_, err := estate.ZoneComment(as)
		return err
	})
	b[estate.KindZoneTags] = ev.zoneSetting(estate.KindZoneTags, []string{"tags", "options"}, func(as []any) error {
		_, err := estate.ZoneTags(as)
		return err
	})
	b[estate.KindQueryLog] = ev.zoneSetting(estate.KindQueryLog, []string{"log group ARN or false"}, func(as []any) error {
		_, err := estate.ParseQueryLog(as)
		return err
	})
}

// zoneSetting returns the function fn: its arguments (at most
// len(params)) become JSON values, check refuses what Route 53 would, and
// the result is a domain modifier adding the setting.
func (ev *evaluator) zoneSetting(fn string, params []string, check func([]any) error) func(goja.FunctionCall) goja.Value {
	return func(c goja.FunctionCall) goja.Value {
		a := &args{ev: ev, fn: fn, pos: ev.userPos(), v: c.Arguments}
		if len(a.v) > len(params) {
			a.fail("takes at most %d argument%s, got %d", len(params), plural(len(params)), len(a.v))
		}
		as := make([]any, len(a.v))
		for i := range a.v {
			as[i] = a.jsonArg(i, params[i])
		}
		if err := check(as); err != nil {
			a.fail("%s", err.Error())
		}
		return ev.settingItem(a, &model.Setting{Args: as})
	}
}
