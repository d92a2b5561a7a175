package conformance

import (
	"fmt"
	"strings"
)

// Group is one scenario of the integration suite: a zone emptied first
// (the group's "clean slate"), then taken through its States in order.
// Each state is pushed as a user would push it (dnsconfig.js evaluated,
// planned and applied by the engine), then previewed again, which must
// find nothing to do. The groups port DNSControl's integration test
// groups (integrationTest/integration_test.go in its repository) that
// apply to ROUTE53 or BIND, plus groups of our own.
type Group struct {
	// Name is unique in the suite; it names the subtest.
	Name string
	// Ours marks a group DNSControl's suite does not have.
	Ours bool
	// Requires lists DNSControl capability names ("CanUseSRV"): the group
	// runs only at a provider with all of them (see Capabilities).
	Requires []string
	// Only and Not restrict the group to, or exclude it from, provider
	// types ("ROUTE53", "BIND"), as DNSControl's only() and not() do.
	Only, Not []string
	// Pending holds the reasons the group cannot pass on main yet: the
	// runner skips it, naming the branch that makes it pass, on the
	// providers listed (all when Providers is empty).
	Pending []Pending
	States  []State
}

// State is one desired state of the zone.
type State struct {
	Name string
	// JS is the text of the D() arguments after the registrar and the
	// DNS provider: records, modifiers, IGNOREs, comma-separated; "" is
	// an empty zone. The variable DOMAIN holds the zone's name, and the
	// helpers of statePrelude are defined.
	JS string
	// NoChanges says the first preview must find nothing to do (an IGNORE
	// state that must keep what exists). Otherwise it must find
	// something, except for an empty State.
	NoChanges bool
	// Refused, when set, is a piece of the error the state must be refused
	// with (at load or at planning); nothing is applied, and the zone
	// keeps the previous state.
	Refused string
	// Pending, when set, skips this state only (see Group.Pending). Only a
	// state that changes nothing (NoChanges) may be pending, or one that
	// only pending states follow: the states that run after it must find
	// what they expect.
	Pending *Pending
}

// Pending says why a group fails on main today and which branch fixes it.
type Pending struct {
	// Branch is the branch of issue 9 whose merge makes the group pass.
	Branch string
	Reason string
	// Providers lists the provider types it concerns; empty means all.
	Providers []string
}

// applies reports whether p concerns the provider type typ.
func (p Pending) applies(typ string) bool {
	return len(p.Providers) == 0 || contains(p.Providers, typ)
}

// Capabilities are the capability flags DNSControl declares for its
// ROUTE53 and BIND providers (providers/route53/route53Provider.go and
// providers/bind/bindProvider.go, "features"), which gate the groups as
// they gate them in DNSControl. dnsctl's Route 53 also serves DS and
// NAPTR, which DNSControl's does not declare: groups of our own cover
// those.
var Capabilities = map[string][]string{
	"ROUTE53": {"CanUseCAA", "CanUseHTTPS", "CanUsePTR", "CanUseRoute53Alias", "CanUseSRV",
		"CanUseSSHFP", "CanUseSVCB", "CanUseTLSA"},
	"BIND": {"CanUseCAA", "CanUseDHCID", "CanUseDNAME", "CanUseDNSKEY", "CanUseDS", "CanUseHTTPS",
		"CanUseLOC", "CanUseNAPTR", "CanUseOPENPGPKEY", "CanUsePTR", "CanUseRP", "CanUseSMIMEA",
		"CanUseSOA", "CanUseSRV", "CanUseSSHFP", "CanUseSVCB", "CanUseTLSA"},
}

// Groups returns the whole suite, in the order it runs: DNSControl's
// groups in the order of its file, then ours, then those of issue 9's
// features.
func Groups() []Group {
	var all []Group
	all = append(all, basicGroups()...)
	all = append(all, typeGroups()...)
	all = append(all, txtGroups()...)
	all = append(all, nameGroups()...)
	all = append(all, route53Groups()...)
	all = append(all, ignoreGroups()...)
	all = append(all, ourGroups()...)
	all = append(all, featureGroups()...)
	// DNSControl's last group leaves a record saying the run passed.
	all = append(all, Group{Name: "final", States: []State{
		{Name: "final", JS: `TXT("final", "TestDNSProviders was successful!")`},
	}})
	return all
}

// skipReason says why g does not run at a provider of type typ ("" when
// it runs).
func (g Group) skipReason(typ string) string {
	if len(g.Only) > 0 && !contains(g.Only, typ) {
		return fmt.Sprintf("only for %s", strings.Join(g.Only, ", "))
	}
	if contains(g.Not, typ) {
		return "not for " + typ
	}
	var missing []string
	for _, c := range g.Requires {
		if !contains(Capabilities[typ], c) {
			missing = append(missing, c)
		}
	}
	if len(missing) > 0 {
		return fmt.Sprintf("%s lacks %s", typ, strings.Join(missing, ", "))
	}
	return ""
}

// pendingOn returns the pending entries of g for a provider of type typ.
func (g Group) pendingOn(typ string) []Pending {
	var out []Pending
	for _, p := range g.Pending {
		if p.applies(typ) {
			out = append(out, p)
		}
	}
	return out
}

// Count summarises the suite for a provider type.
type Count struct {
	// Groups and States run.
	Groups, States int
	// PendingGroups are skipped whole, with their PendingGroupStates.
	PendingGroups, PendingGroupStates int
	// PendingStates are skipped states of groups that run.
	PendingStates int
}

// CountFor counts the groups and states of the suite that apply to typ.
func CountFor(groups []Group, typ string) Count {
	var c Count
	for _, g := range groups {
		if g.skipReason(typ) != "" {
			continue
		}
		if len(g.pendingOn(typ)) > 0 {
			c.PendingGroups++
			c.PendingGroupStates += len(g.States)
			continue
		}
		c.Groups++
		for _, st := range g.States {
			if st.Pending != nil && st.Pending.applies(typ) {
				c.PendingStates++
			} else {
				c.States++
			}
		}
	}
	return c
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f || r == 0x2028 || r == 0x2029:
			fmt.Fprintf(&b, "\\u%04x", r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
