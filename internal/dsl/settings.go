package dsl

import (
	"encoding/json"
	"math"

	"github.com/dop251/goja"

	"github.com/dnsctl/dnsctl/internal/model"
)

// Provider settings besides records (model.Setting): the R53_* functions
// that declare health checks, VPCs, DNSSEC, tags... check their arguments
// with the provider's own parser (internal/provider/route53/estate), so a
// mistake is reported at check with its line, and then keep them as JSON
// values for the provider.

// jsonArg returns argument i as a JSON value: strings, finite numbers
// (float64), booleans, null, arrays and plain objects of them. Anything
// else (a function, undefined inside an object, NaN) fails, naming what.
func (a *args) jsonArg(i int, what string) any {
	v, err := jsonValue(a.at(i))
	if err != "" {
		a.fail("%s: %s", what, err)
	}
	return v
}

// jsonValue converts v, or says why it cannot ("" when it can).
func jsonValue(v goja.Value) (any, string) {
	if v == nil || goja.IsUndefined(v) {
		return nil, "undefined is not allowed"
	}
	ex := v.Export()
	switch x := ex.(type) {
	case nil, string, bool:
		return x, ""
	case int64:
		return float64(x), ""
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return nil, "numbers must be finite"
		}
		return x, ""
	}
	if _, ok := v.(*goja.Object); !ok {
		return nil, "a " + kindOf(v) + " is not allowed"
	}
	if _, ok := goja.AssertFunction(v); ok {
		return nil, "a function is not allowed"
	}
	// Arrays and plain objects: through encoding/json, which refuses
	// functions and cycles; numbers come back as float64.
	b, err := json.Marshal(ex)
	if err != nil {
		return nil, "not plain data (" + err.Error() + ")"
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		return nil, "not plain data (" + err.Error() + ")"
	}
	return out, ""
}

// settingItem returns a domain modifier that adds the setting to the
// domain it modifies (D, D_EXTEND or DEFAULTS).
func (ev *evaluator) settingItem(a *args, s *model.Setting) goja.Value {
	s.Kind, s.Pos = a.fn, a.pos
	return ev.value(&item{fn: a.fn, pos: a.pos, domain: func(ds *domainState) {
		c := *s
		ds.d.Settings = append(ds.d.Settings, &c)
	}})
}

// addAccountSetting records a setting of the whole configuration
// (model.Config.Settings), made by a top-level call.
func (ev *evaluator) addAccountSetting(a *args, s *model.Setting) {
	s.Kind, s.Pos = a.fn, a.pos
	ev.cfg.Settings = append(ev.cfg.Settings, s)
}
