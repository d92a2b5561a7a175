package dsl

import (
	"fmt"
	"strings"

	"github.com/dop251/goja"

	"github.com/dnsctl/dnsctl/internal/model"
)

// The DSL side of the features that leave records alone or remove them:
// DISABLE_IGNORE_SAFETY_CHECK, IGNORE_EXTERNAL_DNS, ENSURE_ABSENT_REC and
// the retired IGNORE_NAME_DISABLE_SAFETY_CHECK. The differ (internal/diff)
// gives them their meaning.

// ensureAbsentMeta marks a record made with ENSURE_ABSENT_REC() until
// addRecord moves it to the domain's absent list.
const ensureAbsentMeta = "ensure_absent"

// retiredSafetyMeta is the metadata of IGNORE_NAME_DISABLE_SAFETY_CHECK,
// which DNSControl v4 refuses on any record.
const retiredSafetyMeta = "ignore_name_disable_safety_check"

func (ev *evaluator) handsoffBuiltins(b map[string]any) {
	b["DISABLE_IGNORE_SAFETY_CHECK"] = ev.value(&item{fn: "DISABLE_IGNORE_SAFETY_CHECK",
		domain: func(ds *domainState) { ds.d.DisableIgnoreSafetyCheck = true }})
	b["IGNORE_EXTERNAL_DNS"] = ev.jsIgnoreExternalDNS
	b["ENSURE_ABSENT_REC"] = ev.jsEnsureAbsentRec
}

// jsIgnoreExternalDNS implements IGNORE_EXTERNAL_DNS([prefix]). As in
// DNSControl, an empty prefix leaves an earlier one in place.
func (ev *evaluator) jsIgnoreExternalDNS(c goja.FunctionCall) goja.Value {
	a := &args{ev: ev, fn: "IGNORE_EXTERNAL_DNS", pos: ev.userPos(), v: c.Arguments}
	var prefix string
	if a.present(0) && !goja.IsNull(a.v[0]) {
		prefix = a.str(0, "prefix (external-dns's --txt-prefix)")
	}
	return ev.value(&item{fn: a.fn, pos: a.pos, domain: func(ds *domainState) {
		ds.d.IgnoreExternalDNS = true
		if prefix != "" {
			ds.d.ExternalDNSPrefix = prefix
		}
	}})
}

// jsEnsureAbsentRec implements ENSURE_ABSENT_REC(), a record modifier: the
// record is one that must not exist.
func (ev *evaluator) jsEnsureAbsentRec(c goja.FunctionCall) goja.Value {
	a := &args{ev: ev, fn: "ENSURE_ABSENT_REC", pos: ev.userPos(), v: c.Arguments}
	if len(a.v) > 0 {
		a.fail("takes no arguments; write it inside the record: A(\"old\", \"192.0.2.1\", ENSURE_ABSENT_REC())")
	}
	return ev.value(&item{fn: a.fn, pos: a.pos, record: func(m *recordMods) { m.setMeta(ensureAbsentMeta, "true") }})
}

// handsoffRecord is called by addRecord for each record given to a domain:
// it refuses IGNORE_NAME_DISABLE_SAFETY_CHECK, and takes the records made
// with ENSURE_ABSENT_REC() (reporting true) to the domain's absent list.
func (ev *evaluator) handsoffRecord(ds *domainState, it *item, r *model.Record) bool {
	if r.Meta == nil {
		return false
	}
	if _, ok := r.Meta[retiredSafetyMeta]; ok {
		ev.fail(it.pos, it.fn, "IGNORE_NAME_DISABLE_SAFETY_CHECK is no longer supported (DNSControl v4 refuses it too); add DISABLE_IGNORE_SAFETY_CHECK to the D() instead")
	}
	if _, ok := r.Meta[ensureAbsentMeta]; !ok {
		return false
	}
	if r == it.rec {
		// Other uses of the template copy it, and must keep the key.
		r = r.Clone()
	}
	delete(r.Meta, ensureAbsentMeta)
	if len(r.Meta) == 0 {
		r.Meta = nil
	}
	ds.d.Absent = append(ds.d.Absent, r)
	return true
}

// checkIgnoreTypes warns about IGNORE type list entries that can match no
// record: types are compared exactly, as in DNSControl, so "a" is not "A".
func (ev *evaluator) checkIgnoreTypes(fn, pos, types string) {
	if types == "" || types == "*" {
		return
	}
	for t := range strings.SplitSeq(types, ",") {
		t = strings.TrimSpace(t)
		if t != strings.ToUpper(t) || t == "*" {
			msg := fmt.Sprintf("%s: type %q in the type list matches no record: types are compared exactly, as in DNSControl", fn, t)
			if t == "*" {
				msg += ` ("*" means every type only on its own)`
			} else {
				msg += fmt.Sprintf("; write %q", strings.ToUpper(t))
			}
			ev.cfg.Warnings = append(ev.cfg.Warnings, model.Problem{Pos: pos, Warning: true, Msg: msg})
		}
	}
}
