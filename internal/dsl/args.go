package dsl

import (
	"math"
	"strconv"
	"strings"

	"github.com/dop251/goja"
)

// args reads the arguments of one call of a DSL function, failing with a
// positioned error that names the function and the parameter.
type args struct {
	ev  *evaluator
	fn  string
	pos string
	v   []goja.Value
	// params names the parameters after the first, where known.
	params []string
}

func (a *args) fail(format string, xs ...any) { a.ev.fail(a.pos, a.fn, format, xs...) }

func (a *args) at(i int) goja.Value {
	if i < len(a.v) {
		return a.v[i]
	}
	return goja.Undefined()
}

// present reports whether argument i was given (and is not undefined).
func (a *args) present(i int) bool {
	return i < len(a.v) && a.v[i] != nil && !goja.IsUndefined(a.v[i])
}

// str returns argument i, which must be a string.
func (a *args) str(i int, what string) string {
	v := a.at(i)
	if !goja.IsString(v) {
		a.fail("%s must be a string, got %s", what, kindOf(v))
	}
	return v.String()
}

// uint returns argument i, a whole number in [0, max] (a string of digits
// is accepted too).
func (a *args) uint(i int, what string, max uint64) uint64 {
	return a.ev.uintValue(a.pos, a.fn, what, a.at(i), max)
}

// float returns argument i, a number (or a numeric string).
func (a *args) float(i int, what string) float64 {
	v := a.at(i)
	switch {
	case goja.IsNumber(v):
		f := v.ToFloat()
		if math.IsNaN(f) || math.IsInf(f, 0) {
			a.fail("%s must be a finite number, got %s", what, kindOf(v))
		}
		return f
	case goja.IsString(v):
		if f, err := strconv.ParseFloat(strings.TrimSpace(v.String()), 64); err == nil && !math.IsInf(f, 0) && !math.IsNaN(f) {
			return f
		}
	}
	a.fail("%s must be a number, got %s", what, kindOf(v))
	return 0
}

// ttl returns argument i as a TTL in seconds.
func (a *args) ttl(i int, what string) uint32 {
	return a.ev.ttlValue(a.pos, a.fn, what, a.at(i))
}

func (ev *evaluator) uintValue(pos, fn, what string, v goja.Value, max uint64) uint64 {
	switch {
	case goja.IsNumber(v):
		f := v.ToFloat()
		if f >= 0 && f <= float64(max) && f == math.Trunc(f) {
			return uint64(f)
		}
		ev.fail(pos, fn, "%s must be a whole number from 0 to %d, got %s", what, max, kindOf(v))
	case goja.IsString(v):
		if n, err := strconv.ParseUint(v.String(), 10, 64); err == nil {
			if n <= max {
				return n
			}
			ev.fail(pos, fn, "%s must be a whole number from 0 to %d, got %s", what, max, kindOf(v))
		}
	}
	ev.fail(pos, fn, "%s must be a number, got %s", what, kindOf(v))
	return 0
}

// maxTTL is the largest TTL RFC 2181 allows.
const maxTTL = 1<<31 - 1

// ttlValue converts a TTL given as seconds (300, "300") or as a duration
// string ("5m", "1h", "1w2d") to seconds.
func (ev *evaluator) ttlValue(pos, fn, what string, v goja.Value) uint32 {
	if goja.IsString(v) {
		n, ok := parseDuration(v.String())
		if !ok {
			ev.fail(pos, fn, "%s %s is not a valid duration; use seconds or a number with a unit s, m, h, d, w, n (30 days) or y, such as \"1h\" or \"1w2d\"", what, kindOf(v))
		}
		return n
	}
	if !goja.IsNumber(v) {
		ev.fail(pos, fn, "%s must be a number of seconds or a duration string such as \"1h\", got %s", what, kindOf(v))
	}
	return uint32(ev.uintValue(pos, fn, what, v, maxTTL))
}

// parseDuration parses "300", "5m", "1h30m", "1w2d" (units s, m, h, d, w,
// n for 30 days and y for 365 days; a trailing bare number is seconds).
func parseDuration(s string) (uint32, bool) {
	if s == "" {
		return 0, false
	}
	var total uint64
	for i := 0; i < len(s); {
		j := i
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if j == i || j-i > 10 {
			return 0, false
		}
		n, err := strconv.ParseUint(s[i:j], 10, 64)
		if err != nil {
			return 0, false
		}
		unit := uint64(1)
		if j < len(s) {
			switch s[j] | 0x20 { // lower-case
			case 's':
			case 'm':
				unit = 60
			case 'h':
				unit = 3600
			case 'd':
				unit = 86400
			case 'w':
				unit = 7 * 86400
			case 'n':
				unit = 30 * 86400
			case 'y':
				unit = 365 * 86400
			default:
				return 0, false
			}
			j++
		}
		total += n * unit
		if total > maxTTL {
			return 0, false
		}
		i = j
	}
	return uint32(total), true
}

// quoteGo renders s in double quotes for messages.
func quoteGo(s string) string { return strconv.Quote(s) }

// quoteTXT renders s as one zone-file character-string: in double quotes,
// with backslashes and double quotes escaped.
func quoteTXT(s string) string {
	if !strings.ContainsAny(s, `"\`) {
		return `"` + s + `"`
	}
	var b strings.Builder
	b.Grow(len(s) + 4)
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '"' || c == '\\' {
			b.WriteByte('\\')
		}
		b.WriteByte(s[i])
	}
	b.WriteByte('"')
	return b.String()
}
