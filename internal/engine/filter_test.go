package engine

import (
	"slices"
	"strings"
	"testing"

	"github.com/dnsctl/dnsctl/internal/model"
)

// TestFilterDomains holds --domains to DNSControl's matching rules
// (pkg/domaintags/permitlist.go): exact names and tags, "name!*", "*!tag",
// a leading "*." that also selects the parent, Unicode names as punycode;
// "named" lists the domains an entry names without a wildcard.
func TestFilterDomains(t *testing.T) {
	ds := []*model.Domain{
		{Name: "xn--bcher-kva.example"}, {Name: "example.com"}, {Name: "example.com", Tag: "inside"},
		{Name: "example.com", Tag: "outside"}, {Name: "www.example.com"}, {Name: "badexample.com"},
		{Name: "other.net", Tag: "inside"},
	}
	for _, tc := range []struct {
		filter string
		want   string // matched unique names, space separated
		named  string
	}{
		{"bücher.example", "xn--bcher-kva.example", "xn--bcher-kva.example"},
		{"BÜCHER.example, example.com!inside", "xn--bcher-kva.example example.com!inside", "xn--bcher-kva.example example.com!inside"},
		{"example.com", "example.com", "example.com"},
		{"example.com!", "example.com", "example.com"},
		{"example.com!*", "example.com!inside example.com!outside", ""},
		{"*!inside", "example.com!inside other.net!inside", ""},
		{"!inside", "example.com!inside other.net!inside", ""},
		{"*.example.com", "example.com www.example.com", ""},
		{"*.example", "xn--bcher-kva.example", ""},
		{"*.example.com!inside", "example.com!inside", ""},
		{"example.com,,other.net!inside", "example.com other.net!inside", "example.com other.net!inside"},
		{"all", "xn--bcher-kva.example example.com example.com!inside example.com!outside www.example.com badexample.com other.net!inside", ""},
		{"*", "xn--bcher-kva.example example.com example.com!inside example.com!outside www.example.com badexample.com other.net!inside", ""},
		// dnsctl's extension: other shell globs.
		{"bad*.com", "badexample.com", ""},
	} {
		got, named, err := filterDomains(ds, tc.filter)
		if err != nil {
			t.Errorf("%q: %v", tc.filter, err)
			continue
		}
		var names, nm []string
		for _, d := range got {
			names = append(names, d.UniqueName())
			if named[d.UniqueName()] {
				nm = append(nm, d.UniqueName())
			}
		}
		if !slices.Equal(names, strings.Fields(tc.want)) {
			t.Errorf("%q matched %v, want %v", tc.filter, names, tc.want)
		}
		if !slices.Equal(nm, strings.Fields(tc.named)) {
			t.Errorf("%q named %v, want %v", tc.filter, nm, tc.named)
		}
	}
	if _, _, err := filterDomains(ds, "nosuch.example"); err == nil || !strings.Contains(err.Error(), "matches no domain") {
		t.Errorf("a filter matching nothing: %v", err)
	}
}
