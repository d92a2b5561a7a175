// Package estate holds the Route 53 settings that are not record sets and
// that dnsconfig.js declares (R53_HEALTH_CHECK, R53_VPC, R53_DNSSEC,
// R53_CIDR_COLLECTION, R53_ZONE_TAGS, R53_ZONE_COMMENT, R53_QUERY_LOG):
// their typed form, how each is read from a model.Setting and checked,
// compared and described in a plan. The DSL checks declarations with it (so
// mistakes are reported at check, with their line), the provider plans
// and applies with it, and get-zones writes settings back through it. It
// has no AWS SDK dependency.
package estate

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// Object reads the options object of a declaration, collecting the first
// problem. Keys it was not asked for are refused by Done, so a misspelt
// option is never silently ignored.
type Object struct {
	m    map[string]any
	used map[string]bool
	err  error
}

// NewObject wraps v, which must be an object (what names it in errors).
func NewObject(v any, what string) *Object {
	m, ok := v.(map[string]any)
	o := &Object{m: m, used: map[string]bool{}}
	if !ok {
		o.err = fmt.Errorf("%s must be an object, got %s", what, kind(v))
	}
	return o
}

func kind(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "a string"
	case float64:
		return "a number"
	case bool:
		return "a boolean"
	case []any:
		return "an array"
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("%T", v)
}

func (o *Object) failf(format string, args ...any) {
	if o.err == nil {
		o.err = fmt.Errorf(format, args...)
	}
}

// Has reports whether key was given (and is not null).
func (o *Object) Has(key string) bool {
	o.used[key] = true
	v, ok := o.m[key]
	return ok && v != nil
}

// String returns key's string value, or def when it is absent.
func (o *Object) String(key, def string) string {
	if !o.Has(key) {
		return def
	}
	s, ok := o.m[key].(string)
	if !ok {
		o.failf("%s must be a string, got %s", key, kind(o.m[key]))
	}
	return s
}

// Bool returns key's boolean value, or def when it is absent.
func (o *Object) Bool(key string, def bool) bool {
	if !o.Has(key) {
		return def
	}
	b, ok := o.m[key].(bool)
	if !ok {
		o.failf("%s must be true or false, got %s", key, kind(o.m[key]))
	}
	return b
}

// Int returns key's whole-number value in [lo, hi], or def when absent. A
// string of digits is accepted too ("443").
func (o *Object) Int(key string, def, lo, hi int) int {
	if !o.Has(key) {
		return def
	}
	var f float64
	switch x := o.m[key].(type) {
	case float64:
		f = x
	case string:
		n, err := strconv.Atoi(strings.TrimSpace(x))
		if err != nil {
			o.failf("%s must be a whole number, got %q", key, x)
			return def
		}
		f = float64(n)
	default:
		o.failf("%s must be a number, got %s", key, kind(x))
		return def
	}
	if f != math.Trunc(f) || f < float64(lo) || f > float64(hi) {
		o.failf("%s must be a whole number from %d to %d, got %v", key, lo, hi, f)
		return def
	}
	return int(f)
}

// Strings returns key's value as a list of strings; a single string is a
// list of one.
func (o *Object) Strings(key string) []string {
	if !o.Has(key) {
		return nil
	}
	switch x := o.m[key].(type) {
	case string:
		return []string{x}
	case []any:
		out := make([]string, 0, len(x))
		for i, e := range x {
			s, ok := e.(string)
			if !ok {
				o.failf("%s[%d] must be a string, got %s", key, i, kind(e))
				return nil
			}
			out = append(out, s)
		}
		return out
	}
	o.failf("%s must be a string or a list of strings, got %s", key, kind(o.m[key]))
	return nil
}

// Value returns key's raw value (nil when absent).
func (o *Object) Value(key string) any {
	o.used[key] = true
	return o.m[key]
}

// Done returns the first problem met, or an unknown key (naming the keys
// that are known).
func (o *Object) Done() error {
	if o.err != nil {
		return o.err
	}
	var unknown []string
	for k := range o.m {
		if !o.used[k] {
			unknown = append(unknown, k)
		}
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		known := make([]string, 0, len(o.used))
		for k := range o.used {
			known = append(known, k)
		}
		slices.Sort(known)
		return fmt.Errorf("unknown option %q (known: %s)", unknown[0], strings.Join(known, ", "))
	}
	return nil
}
