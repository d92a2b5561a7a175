package dsl

import (
	"strings"

	"github.com/dop251/goja"
)

// option reads a property of an options object; a missing one is undefined.
func option(o *goja.Object, k string) goja.Value {
	if v := o.Get(k); v != nil {
		return v
	}
	return goja.Undefined()
}

// optionArgs wraps the options object of builder fn for typed reading.
func (ev *evaluator) optionArgs(fn string, c goja.FunctionCall, example string) (*args, *goja.Object) {
	a := &args{ev: ev, fn: fn, pos: ev.userPos(), v: c.Arguments}
	o, ok := isPlainObject(a.at(0))
	if !ok {
		a.fail("needs an options object such as %s, got %s", example, kindOf(a.at(0)))
	}
	return a, o
}

// hostObject is handed to the prelude: private helpers it needs from Go.
func (ev *evaluator) hostObject() goja.Value {
	h := ev.vm.NewObject()
	_ = h.Set("fail", func(c goja.FunctionCall) goja.Value {
		ev.fail("", c.Argument(0).String(), "%s", c.Argument(1).String())
		return nil
	})
	_ = h.Set("warn", func(c goja.FunctionCall) goja.Value {
		ev.warn("", c.Argument(0).String(), "%s", c.Argument(1).String())
		return goja.Undefined()
	})
	_ = h.Set("seconds", func(c goja.FunctionCall) goja.Value {
		return ev.vm.ToValue(ev.ttlValue("", c.Argument(0).String(), c.Argument(1).String(), c.Argument(2)))
	})
	_ = h.Set("dkimQP", func(c goja.FunctionCall) goja.Value {
		return ev.vm.ToValue(dkimQuotedPrintable(c.Argument(0).String()))
	})
	ev.loaderHost(h)
	_ = h.Set("record", ev.hostRecord)
	return h
}

// dkimQuotedPrintable encodes a DKIM n= note (RFC 6376 section 2.11): bytes
// outside 0x21-0x7e, ";" and "=" become =XX.
func dkimQuotedPrintable(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x21 || c > 0x7e || c == ';' || c == '=' {
			b.WriteByte('=')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}
