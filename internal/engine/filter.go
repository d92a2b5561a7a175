package engine

import (
	"fmt"
	"path"
	"strings"

	"github.com/dnsctl/dnsctl/internal/model"
)

// domainPattern is one entry of --domains, split as DNSControl splits it:
// a name (punycode, lower case) and, after a "!", a split-horizon tag.
type domainPattern struct {
	name    string
	tag     string
	hasBang bool
}

// domainFilter is a compiled --domains list. DNSControl's rules: an empty
// list, "all" or "*" selects every domain; "example.com" selects the
// untagged domain only (and "example.com!" the same); "example.com!tag"
// that view; "example.com!*" every tagged view of the name but not the
// untagged domain; "*!tag" every domain with that tag; "*.example.com"
// example.com and every name below it. dnsctl also takes other shell
// globs ("ex?mple.*"), which DNSControl reads as plain names.
type domainFilter struct {
	all  bool
	pats []domainPattern
}

func compileDomainFilter(s string) (domainFilter, error) {
	s = strings.TrimSpace(s)
	if s == "" || s == "*" || strings.EqualFold(s, "all") {
		return domainFilter{all: true}, nil
	}
	var f domainFilter
	for _, item := range strings.Split(s, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		name, tag, bang := strings.Cut(item, "!")
		a, err := model.ASCIIPattern(strings.ToLower(strings.TrimSuffix(name, ".")))
		if err != nil {
			return f, fmt.Errorf("--domains %q: %w", item, err)
		}
		if a == "" && bang {
			a = "*"
		}
		f.pats = append(f.pats, domainPattern{name: a, tag: tag, hasBang: bang})
	}
	return f, nil
}

// match reports whether d is selected, and whether an entry names it
// exactly (no wildcard in the name or tag).
func (f domainFilter) match(d *model.Domain) (selected, named bool) {
	if f.all {
		return true, false
	}
	for _, p := range f.pats {
		if ok, exact := p.match(d); ok {
			selected = true
			named = named || exact
		}
	}
	return selected, named
}

func (p domainPattern) match(d *model.Domain) (ok, exact bool) {
	switch {
	case p.tag == "*" && d.Tag == "": // example.com!* wants a tagged view
		return false, false
	case p.tag != "*" && p.tag != d.Tag:
		return false, false
	}
	switch {
	case p.name == "*":
		return true, false
	case strings.HasPrefix(p.name, "*.") && (d.Name == p.name[2:] || strings.HasSuffix(d.Name, p.name[1:])):
		return true, false
	case p.name == d.Name:
		return true, p.tag != "*"
	}
	if strings.ContainsAny(p.name, "*?[") {
		if m, _ := path.Match(p.name, d.Name); m {
			return true, false
		}
	}
	return false, false
}

// filterDomains keeps the domains --domains selects and returns, among
// them, the unique names it names exactly.
func filterDomains(ds []*model.Domain, filter string) ([]*model.Domain, map[string]bool, error) {
	f, err := compileDomainFilter(filter)
	if err != nil {
		return nil, nil, err
	}
	if f.all {
		return ds, nil, nil
	}
	var out []*model.Domain
	named := map[string]bool{}
	for _, d := range ds {
		if ok, exact := f.match(d); ok {
			out = append(out, d)
			if exact {
				named[d.UniqueName()] = true
			}
		}
	}
	if len(out) == 0 {
		return nil, nil, fmt.Errorf("--domains %q matches no domain of the configuration", filter)
	}
	return out, named, nil
}
