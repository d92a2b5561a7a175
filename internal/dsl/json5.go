package dsl

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/dop251/goja"
	"github.com/dop251/goja/ast"
	"github.com/dop251/goja/file"
	"github.com/dop251/goja/parser"
	"github.com/dop251/goja/token"
)

// DNSControl reads a required .json or .json5 file by evaluating its text
// as a JavaScript expression and passing the result through
// JSON.parse(JSON.stringify(...)). Any JavaScript literal syntax is
// therefore accepted: comments, trailing commas, unquoted and
// single-quoted keys, single-quoted strings, hexadecimal numbers, a
// leading "+", NaN and Infinity (which become null), undefined (a property
// that is left out, null in an array). dnsctl accepts the same literals by
// parsing the text with the JavaScript parser and building the value from
// the syntax tree, without running anything: a file that holds code (a
// call, an operator, a function) is refused with the position of the
// first such expression.

// maxDataDepth bounds the nesting of arrays and objects in a data file.
const maxDataDepth = 1000

// isDataFile reports whether require treats path as data (JSON or JSON5):
// as DNSControl, any extension ending in "json" or "json5", in any case.
func isDataFile(path string) bool {
	ext := strings.ToLower(pathExt(path))
	return ext != "" && (strings.HasSuffix(ext, "json") || strings.HasSuffix(ext, "json5"))
}

// pathExt is filepath.Ext without importing the OS's separator rules twice.
func pathExt(path string) string {
	for i := len(path) - 1; i >= 0 && path[i] != '/' && path[i] != '\\'; i-- {
		if path[i] == '.' {
			return path[i:]
		}
	}
	return ""
}

// parseData turns the text of a data file into a JavaScript value of vm.
// Errors name the file and the line.
func parseData(vm *goja.Runtime, name, src string) (goja.Value, error) {
	if strings.TrimSpace(stripComments(src)) == "" {
		return nil, &Error{Pos: name + ":1", Msg: "the file holds no value (a JSON or JSON5 file must hold one value)"}
	}
	if line, deep := tooDeep(src, maxDataDepth); deep {
		return nil, &Error{Pos: name + ":" + strconv.Itoa(line), Msg: fmt.Sprintf("arrays and objects are nested more than %d deep", maxDataDepth)}
	}
	// The text is parsed as the expression "(text\n)"; the opening
	// parenthesis shares the first line, so line numbers are the file's.
	prg, err := parser.ParseFile(nil, name, "("+src+"\n)", 0, parser.WithDisableSourceMaps)
	if err != nil {
		var list parser.ErrorList
		var one *parser.Error
		switch {
		case errors.As(err, &list) && len(list) > 0:
			return nil, dataSyntaxError(name, list[0].Position, list[0].Message)
		case errors.As(err, &one):
			return nil, dataSyntaxError(name, one.Position, one.Message)
		}
		return nil, &Error{Pos: name, Msg: "SyntaxError: " + err.Error()}
	}
	if len(prg.Body) != 1 {
		return nil, &Error{Pos: name + ":1", Msg: "the file must hold exactly one JSON or JSON5 value"}
	}
	st, ok := prg.Body[0].(*ast.ExpressionStatement)
	if !ok {
		return nil, &Error{Pos: name + ":1", Msg: "the file must hold exactly one JSON or JSON5 value"}
	}
	b := dataBuilder{vm: vm, name: name, file: prg.File}
	v, keep := b.value(st.Expression, 0)
	if b.err != nil {
		return nil, b.err
	}
	if !keep {
		// JSON.stringify(undefined) is undefined, which JSON.parse refuses.
		return nil, &Error{Pos: name + ":1", Msg: "the file's value is undefined, which is not JSON"}
	}
	return v, nil
}

func dataSyntaxError(name string, p file.Position, msg string) error {
	col := p.Column
	if p.Line == 1 && col > 1 {
		col-- // the added "("
	}
	return &Error{Pos: name + ":" + strconv.Itoa(p.Line) + ":" + strconv.Itoa(col), Msg: "SyntaxError: " + msg}
}

// dataBuilder builds values from literal syntax; the first error stops it.
type dataBuilder struct {
	vm   *goja.Runtime
	name string
	file *file.File
	err  error
}

func (b *dataBuilder) fail(at file.Idx, format string, args ...any) {
	if b.err != nil {
		return
	}
	pos := b.name
	if b.file != nil {
		pos += ":" + strconv.Itoa(b.file.Position(int(at)-1).Line)
	}
	b.err = &Error{Pos: pos, Msg: fmt.Sprintf(format, args...)}
}

// value returns the value of e as JSON.parse(JSON.stringify(e)) would
// give it; keep is false for undefined (left out of objects).
func (b *dataBuilder) value(e ast.Expression, depth int) (v goja.Value, keep bool) {
	if b.err != nil {
		return goja.Null(), true
	}
	if depth > maxDataDepth {
		b.fail(e.Idx0(), "arrays and objects are nested more than %d deep", maxDataDepth)
		return goja.Null(), true
	}
	switch x := e.(type) {
	case *ast.NullLiteral:
		return goja.Null(), true
	case *ast.BooleanLiteral:
		return b.vm.ToValue(x.Value), true
	case *ast.StringLiteral:
		return b.vm.ToValue(x.Value.String()), true
	case *ast.NumberLiteral:
		return b.number(x, 1), true
	case *ast.UnaryExpression:
		n, ok := x.Operand.(*ast.NumberLiteral)
		if x.Postfix || (x.Operator != token.MINUS && x.Operator != token.PLUS) || !ok {
			if id, isID := x.Operand.(*ast.Identifier); isID && !x.Postfix && (x.Operator == token.MINUS || x.Operator == token.PLUS) &&
				(id.Name == "Infinity" || id.Name == "NaN") {
				return goja.Null(), true
			}
			b.fail(x.Idx0(), "not a JSON or JSON5 value (only literals are allowed, no operators)")
			return goja.Null(), true
		}
		sign := 1.0
		if x.Operator == token.MINUS {
			sign = -1
		}
		return b.number(n, sign), true
	case *ast.Identifier:
		switch x.Name {
		case "NaN", "Infinity":
			return goja.Null(), true
		case "undefined":
			return goja.Undefined(), false
		}
		b.fail(x.Idx, "%s is not a JSON or JSON5 value (strings need quotes)", x.Name)
		return goja.Null(), true
	case *ast.ArrayLiteral:
		items := make([]any, len(x.Value))
		for i, el := range x.Value {
			if el == nil { // a hole
				items[i] = goja.Null()
				continue
			}
			if _, spread := el.(*ast.SpreadElement); spread {
				b.fail(el.Idx0(), "not a JSON or JSON5 value (spread)")
				return goja.Null(), true
			}
			v, keep := b.value(el, depth+1)
			if !keep {
				v = goja.Null()
			}
			items[i] = v
		}
		return b.vm.NewArray(items...), true
	case *ast.ObjectLiteral:
		obj := b.vm.NewObject()
		for _, p := range x.Value {
			kp, ok := p.(*ast.PropertyKeyed)
			if !ok || kp.Kind != ast.PropertyKindValue || kp.Computed {
				b.fail(p.Idx0(), "not a JSON or JSON5 property (write key: value)")
				return goja.Null(), true
			}
			key, ok := b.key(kp.Key)
			if !ok {
				return goja.Null(), true
			}
			if _, fn := kp.Value.(*ast.FunctionLiteral); fn {
				b.fail(kp.Value.Idx0(), "a function is not a JSON or JSON5 value")
				return goja.Null(), true
			}
			v, keep := b.value(kp.Value, depth+1)
			if !keep {
				_ = obj.Delete(key)
				continue
			}
			if err := obj.DefineDataProperty(key, v, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE); err != nil {
				b.fail(kp.Key.Idx0(), "key %s: %v", strconv.Quote(key), err)
				return goja.Null(), true
			}
		}
		return obj, true
	}
	b.fail(e.Idx0(), "not a JSON or JSON5 value (only literals are allowed, no code)")
	return goja.Null(), true
}

func (b *dataBuilder) key(k ast.Expression) (string, bool) {
	switch x := k.(type) {
	case *ast.StringLiteral:
		return x.Value.String(), true
	case *ast.Identifier:
		return x.Name.String(), true
	case *ast.NumberLiteral:
		return b.number(x, 1).String(), true
	}
	b.fail(k.Idx0(), "not a JSON or JSON5 key")
	return "", false
}

// number is a numeric literal times sign, as JSON.stringify then JSON.parse
// leave it: non-finite values become null.
func (b *dataBuilder) number(n *ast.NumberLiteral, sign float64) goja.Value {
	switch v := n.Value.(type) {
	case int64:
		if v == 0 {
			return b.vm.ToValue(0) // -0 is written as 0
		}
		return b.vm.ToValue(int64(sign) * v)
	case float64:
		f := sign * v
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return goja.Null()
		}
		if f == 0 {
			return b.vm.ToValue(0)
		}
		return b.vm.ToValue(f)
	}
	b.fail(n.Idx, "%s is not a JSON or JSON5 number", n.Literal)
	return goja.Null()
}

// tooDeep reports whether brackets in src, outside strings and comments,
// nest more than limit deep, and the line where they do. It runs before
// the parser, whose recursion would otherwise follow any depth.
func tooDeep(src string, limit int) (int, bool) {
	depth, line := 0, 1
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch {
		case c == '\n':
			line++
		case c == '"' || c == '\'' || c == '`':
			for i++; i < len(src) && src[i] != c; i++ {
				if src[i] == '\\' {
					i++
				} else if src[i] == '\n' {
					line++
				}
			}
		case c == '/' && i+1 < len(src) && src[i+1] == '/':
			for i < len(src) && src[i] != '\n' {
				i++
			}
			i--
		case c == '/' && i+1 < len(src) && src[i+1] == '*':
			for i += 2; i+1 < len(src) && (src[i] != '*' || src[i+1] != '/'); i++ {
				if src[i] == '\n' {
					line++
				}
			}
			i++
		case c == '[' || c == '{' || c == '(':
			depth++
			if depth > limit {
				return line, true
			}
		case c == ']' || c == '}' || c == ')':
			depth--
		}
	}
	return 0, false
}

// stripComments removes // and /* */ comments outside strings, to tell an
// empty file from one that holds a value.
func stripComments(src string) string {
	var b strings.Builder
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch {
		case c == '"' || c == '\'':
			j := i + 1
			for j < len(src) && src[j] != c {
				if src[j] == '\\' {
					j++
				}
				j++
			}
			b.WriteString(src[i:min(j+1, len(src))])
			i = j
		case c == '/' && i+1 < len(src) && src[i+1] == '/':
			for i < len(src) && src[i] != '\n' {
				i++
			}
		case c == '/' && i+1 < len(src) && src[i+1] == '*':
			end := strings.Index(src[i+2:], "*/")
			if end < 0 {
				return b.String() + src[i:]
			}
			i += end + 3
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}
