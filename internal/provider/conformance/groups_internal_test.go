package conformance

import (
	"strings"
	"testing"
)

// TestGroupsWellFormed checks the suite's data: what would make a group
// silently never run, or a pending mark impossible to act on.
func TestGroupsWellFormed(t *testing.T) {
	known := map[string]bool{}
	for _, caps := range Capabilities {
		for _, c := range caps {
			known[c] = true
		}
	}
	seen := map[string]bool{}
	for _, g := range Groups() {
		if g.Name == "" || seen[g.Name] {
			t.Errorf("group name %q is empty or not unique", g.Name)
		}
		seen[g.Name] = true
		if len(g.States) == 0 {
			t.Errorf("%s: no states", g.Name)
		}
		runs := false
		for typ := range Capabilities {
			if g.skipReason(typ) == "" {
				runs = true
			}
		}
		if !runs {
			t.Errorf("%s: applies to no provider (Requires %v, Only %v, Not %v)", g.Name, g.Requires, g.Only, g.Not)
		}
		for _, c := range g.Requires {
			if !known[c] {
				t.Errorf("%s: requires unknown capability %q", g.Name, c)
			}
		}
		for _, p := range g.Pending {
			checkPending(t, g.Name, p)
		}
		for i, st := range g.States {
			where := g.Name + "/" + st.Name
			if st.Name == "" {
				t.Errorf("%s: state %d has no name", g.Name, i)
			}
			if st.Refused != "" && st.NoChanges {
				t.Errorf("%s: a refused state cannot also expect no changes", where)
			}
			if st.JS == "" && st.NoChanges {
				t.Errorf("%s: an empty zone with no changes expected", where)
			}
			if st.Pending == nil {
				continue
			}
			checkPending(t, where, *st.Pending)
			if st.NoChanges {
				continue
			}
			for _, later := range g.States[i+1:] {
				if later.Pending == nil {
					t.Errorf("%s: a pending state that changes the zone is followed by %q, which is not pending", where, later.Name)
				}
			}
		}
	}
}

func checkPending(t *testing.T, where string, p Pending) {
	t.Helper()
	if strings.TrimSpace(p.Branch) == "" {
		t.Errorf("%s: pending without the branch that makes it pass", where)
	}
	if strings.TrimSpace(p.Reason) == "" {
		t.Errorf("%s: pending without a reason", where)
	}
	for _, typ := range p.Providers {
		if _, ok := Capabilities[typ]; !ok {
			t.Errorf("%s: pending on unknown provider type %q", where, typ)
		}
	}
}

// TestGating checks that groups are gated as DNSControl gates them.
func TestGating(t *testing.T) {
	tests := []struct {
		group Group
		typ   string
		runs  bool
	}{
		{Group{Requires: []string{"CanUseLOC"}}, "BIND", true},
		{Group{Requires: []string{"CanUseLOC"}}, "ROUTE53", false},
		{Group{Requires: []string{"CanUseRoute53Alias"}}, "ROUTE53", true},
		{Group{Requires: []string{"CanUseRoute53Alias"}}, "BIND", false},
		{Group{Only: []string{"ROUTE53"}}, "BIND", false},
		{Group{Not: []string{"BIND"}}, "BIND", false},
		{Group{Not: []string{"BIND"}}, "ROUTE53", true},
		{Group{}, "BIND", true},
	}
	for _, tt := range tests {
		if got := tt.group.skipReason(tt.typ) == ""; got != tt.runs {
			t.Errorf("%+v at %s: runs = %v, want %v", tt.group, tt.typ, got, tt.runs)
		}
	}
}

func TestJSString(t *testing.T) {
	tests := map[string]string{
		`plain`:       `"plain"`,
		`in"side`:     `"in\"side"`,
		`back\slash`:  `"back\\slash"`,
		"line\nbreak": `"line\u000abreak"`,
		"ööö":         `"ööö"`,
	}
	for in, want := range tests {
		if got := jsString(in); got != want {
			t.Errorf("jsString(%q) = %s, want %s", in, got, want)
		}
	}
}

// TestSuiteCounts prints, with -v, how many groups and states of the suite
// run or wait at each provider (the figures docs/conformance.md quotes).
func TestSuiteCounts(t *testing.T) {
	groups := Groups()
	ours := 0
	for _, g := range groups {
		if g.Ours {
			ours++
		}
	}
	t.Logf("suite: %d groups (%d ported from DNSControl, %d of our own)", len(groups), len(groups)-ours, ours)
	for _, typ := range []string{"BIND", "ROUTE53"} {
		c := CountFor(groups, typ)
		if c.Groups == 0 {
			t.Errorf("%s: no group runs", typ)
		}
		t.Logf("%s: %d groups run (%d states); pending: %d whole groups (%d states) and %d states of running groups",
			typ, c.Groups, c.States, c.PendingGroups, c.PendingGroupStates, c.PendingStates)
	}
}

func TestPendingOn(t *testing.T) {
	g := Group{Pending: []Pending{
		{Branch: "b1", Reason: "everywhere"},
		{Branch: "b2", Reason: "Route 53 only", Providers: []string{"ROUTE53"}},
	}}
	if got := len(g.pendingOn("BIND")); got != 1 {
		t.Errorf("BIND: %d pending entries, want 1", got)
	}
	if got := len(g.pendingOn("ROUTE53")); got != 2 {
		t.Errorf("ROUTE53: %d pending entries, want 2", got)
	}
	c := CountFor([]Group{g, {States: []State{{Name: "s", JS: "x", Pending: &Pending{Branch: "b", Reason: "r", Providers: []string{"BIND"}}}, {Name: "t", JS: "y"}}}}, "BIND")
	if c != (Count{Groups: 1, States: 1, PendingGroups: 1, PendingStates: 1}) {
		t.Errorf("counts %+v", c)
	}
}
