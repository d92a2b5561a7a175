package dsl

import (
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/dop251/goja"

	"github.com/dnsctl/dnsctl/internal/model"
	"github.com/dnsctl/dnsctl/internal/provider/route53/estate"
)

// Route 53 health checks as code: R53_HEALTH_CHECK(name, {options})
// declares a check owned by the domain's zone (checked at once by the
// provider's own parser), R53_HEALTH_CHECK_NAME(name) makes a record use
// it. What involves several declarations (a name used but not declared,
// two different declarations of one name, calculated checks whose children
// are undeclared or form a loop) is checked once every domain is complete.

// metaHealthCheckName is the record metadata R53_HEALTH_CHECK_NAME sets;
// the provider resolves it to the check's ID.
const metaHealthCheckName = "health_check_name"

// jsR53HealthCheck implements R53_HEALTH_CHECK(name, options).
func (ev *evaluator) jsR53HealthCheck(c goja.FunctionCall) goja.Value {
	a := &args{ev: ev, fn: estate.KindHealthCheck, pos: ev.userPos(), v: c.Arguments}
	a.nargs("name", "options")
	name := a.str(0, "name")
	opts := a.jsonArg(1, "options")
	if _, err := estate.ParseHealthCheck([]any{name, opts}); err != nil {
		a.fail("%v", err)
	}
	return ev.settingItem(a, &model.Setting{Args: []any{name, opts}})
}

// jsR53HealthCheckName implements R53_HEALTH_CHECK_NAME(name).
func (ev *evaluator) jsR53HealthCheckName(c goja.FunctionCall) goja.Value {
	a := &args{ev: ev, fn: "R53_HEALTH_CHECK_NAME", pos: ev.userPos(), v: c.Arguments}
	a.nargs("name")
	name := a.str(0, "name")
	if strings.TrimSpace(name) == "" {
		a.fail("name must not be empty")
	}
	if len(name) > 255 {
		// No check can have that name (R53_HEALTH_CHECK refuses it); said
		// here, without echoing it whole.
		a.fail("name is %d characters long; a check's name has at most 255", len(name))
	}
	fn, pos := a.fn, a.pos
	return ev.value(&item{fn: fn, pos: pos, record: func(m *recordMods) {
		if m.meta["health_check_id"] != "" {
			ev.fail(pos, fn, "the record already has R53_HEALTH_CHECK_ID(%q); a record has one health check", m.meta["health_check_id"])
		}
		m.setMeta(metaHealthCheckName, name)
	}})
}

// finishHealthChecks checks the health checks of every domain once the
// configuration is complete, and drops repeated identical declarations
// (a DEFAULTS one repeated in D, say).
func (ev *evaluator) finishHealthChecks() error {
	for _, d := range ev.cfg.Domains {
		if err := checkDomainHealthChecks(d); err != nil {
			return err
		}
	}
	return nil
}

func checkDomainHealthChecks(d *model.Domain) error {
	type decl struct {
		s  *model.Setting
		hc estate.HealthCheck
	}
	byName := map[string]decl{}
	var order []string
	kept := d.Settings[:0:0]
	for _, s := range d.Settings {
		if s.Kind != estate.KindHealthCheck {
			kept = append(kept, s)
			continue
		}
		hc, err := estate.ParseHealthCheck(s.Args)
		if err != nil {
			return &Error{Pos: s.Pos, Func: s.Kind, Msg: err.Error()}
		}
		if first, ok := byName[hc.Name]; ok {
			if !reflect.DeepEqual(first.hc, hc) {
				return &Error{Pos: s.Pos, Func: s.Kind, Msg: fmt.Sprintf("health check %q is declared twice in %s with different options (first at %s)", hc.Name, d.UniqueName(), first.s.Pos)}
			}
			continue
		}
		byName[hc.Name] = decl{s, hc}
		order = append(order, hc.Name)
		kept = append(kept, s)
	}
	d.Settings = kept
	for _, r := range d.Records {
		if n := r.Meta[metaHealthCheckName]; n != "" {
			if _, ok := byName[n]; !ok {
				return &Error{Pos: r.Pos, Func: "R53_HEALTH_CHECK_NAME", Msg: fmt.Sprintf("health check %q is not declared in %s (declare it with R53_HEALTH_CHECK)", n, d.UniqueName())}
			}
		}
	}
	for _, n := range order {
		dc := byName[n]
		for _, c := range dc.hc.Children {
			if _, ok := byName[c]; !ok && !estate.IsHealthCheckID(c) {
				return &Error{Pos: dc.s.Pos, Func: dc.s.Kind, Msg: fmt.Sprintf("health check %q: child %q is neither declared in %s nor a health check ID", n, c, d.UniqueName())}
			}
		}
	}
	// Loops among calculated checks: depth-first, reporting the first.
	state := map[string]int{} // 1 visiting, 2 done
	var path []string
	var visit func(n string) []string
	visit = func(n string) []string {
		switch state[n] {
		case 1:
			i := slices.Index(path, n)
			return append(slices.Clone(path[i:]), n)
		case 2:
			return nil
		}
		state[n] = 1
		path = append(path, n)
		for _, c := range byName[n].hc.Children {
			if _, ok := byName[c]; ok {
				if loop := visit(c); loop != nil {
					return loop
				}
			}
		}
		path = path[:len(path)-1]
		state[n] = 2
		return nil
	}
	for _, n := range order {
		if loop := visit(n); loop != nil {
			dc := byName[loop[0]]
			return &Error{Pos: dc.s.Pos, Func: dc.s.Kind, Msg: fmt.Sprintf("calculated health checks form a loop: %s", strings.Join(loop, " -> "))}
		}
	}
	return nil
}
