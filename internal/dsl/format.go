package dsl

import (
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"github.com/ditashi/jsbeautifier-go/jsbeautifier"
	"github.com/dop251/goja/file"
	"github.com/dop251/goja/parser"
)

// ErrFormatChanged is returned by Format when the formatted text would not
// be the same program as the source (a formatter bug); nothing should be
// written then.
var ErrFormatChanged = errors.New("formatting would change the program")

// maxFormatDepth bounds the nesting fmt lays out (a real dnsconfig.js
// nests a few levels).
const maxFormatDepth = 200

// Format lays out the JavaScript source src of the file name as
// DNSControl's fmt does: the same beautifier (jsbeautifier-go) with its
// default options (4-space indents, newlines kept, braces on the line of
// their statement), surrounding blank lines trimmed, one final newline
// (none for an empty file).
//
// Unlike DNSControl, Format first parses src and refuses a file with a
// syntax error (the error names file:line:column), and it checks that the
// formatted text parses to the same program (the same syntax tree, up to
// positions), returning ErrFormatChanged otherwise.
func Format(name string, src []byte) ([]byte, error) {
	// The beautifier's time grows with about the cube of the nesting
	// (2,000 brackets: 20 s; 20,000: hours): deeper is refused first.
	if line, deep := tooDeep(string(src), maxFormatDepth); deep {
		return nil, &Error{Pos: name + ":" + strconv.Itoa(line), Msg: fmt.Sprintf("brackets, braces and parentheses are nested more than %d deep; fmt leaves the file as it is", maxFormatDepth)}
	}
	before, err := parseForFormat(name, string(src))
	if err != nil {
		return nil, err
	}
	out, err := beautify(string(src))
	if err != nil {
		return nil, &Error{Pos: name, Msg: "formatting: " + err.Error()}
	}
	after, err := parseForFormat(name, out)
	if err != nil || after != before {
		return nil, &Error{Pos: name, Msg: "the formatted text is not the same program; the file is left as it is", cause: ErrFormatChanged}
	}
	return []byte(out), nil
}

// beautify runs the beautifier with DNSControl's options and trims the
// result as DNSControl's fmt does.
func beautify(src string) (out string, err error) {
	opts := jsbeautifier.DefaultOptions()
	out, err = jsbeautifier.Beautify(&src, opts)
	if err != nil {
		return "", err
	}
	out = strings.TrimSpace(out)
	if out != "" {
		out += "\n"
	}
	return out, nil
}

// parseForFormat parses src and returns its syntax tree as text, without
// positions, for comparing two layouts of one program.
func parseForFormat(name, src string) (string, error) {
	prg, err := parser.ParseFile(nil, name, src, 0, parser.WithDisableSourceMaps)
	if err != nil {
		var list parser.ErrorList
		var one *parser.Error
		switch {
		case errors.As(err, &list) && len(list) > 0:
			return "", syntaxError(name, list[0].Position.Line, list[0].Position.Column, list[0].Message)
		case errors.As(err, &one):
			return "", syntaxError(name, one.Position.Line, one.Position.Column, one.Message)
		}
		return "", &Error{Pos: name, Msg: "SyntaxError: " + err.Error()}
	}
	var b strings.Builder
	dumpAST(&b, reflect.ValueOf(prg), 0)
	return b.String(), nil
}

var (
	idxType  = reflect.TypeOf(file.Idx(0))
	fileType = reflect.TypeOf(&file.File{})
)

// dumpAST writes the tree under v, leaving out positions, the source file
// and functions' source text, so that two layouts of one program give the same text.
func dumpAST(b *strings.Builder, v reflect.Value, depth int) {
	if v.IsValid() && v.Type() == idxType {
		return
	}
	if depth > 10000 {
		b.WriteString("…")
		return
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			b.WriteString("nil")
			return
		}
		if v.Kind() == reflect.Pointer {
			b.WriteString(v.Type().Elem().Name())
		}
		dumpAST(b, v.Elem(), depth+1)
	case reflect.Struct:
		b.WriteString("{")
		t := v.Type()
		for i := 0; i < v.NumField(); i++ {
			f := t.Field(i)
			// Source fields hold a function's text as written: layout.
			if f.Type == idxType || f.Type == fileType || !f.IsExported() || f.Name == "Source" && f.Type.Kind() == reflect.String {
				continue
			}
			b.WriteString(f.Name + ":")
			dumpAST(b, v.Field(i), depth+1)
			b.WriteString(" ")
		}
		b.WriteString("}")
	case reflect.Slice, reflect.Array:
		b.WriteString("[")
		for i := 0; i < v.Len(); i++ {
			dumpAST(b, v.Index(i), depth+1)
			b.WriteString(",")
		}
		b.WriteString("]")
	case reflect.Map:
		b.WriteString("map[" + strconv.Itoa(v.Len()) + "]")
	case reflect.String:
		b.WriteString(strconv.Quote(v.String()))
	case reflect.Bool:
		b.WriteString(strconv.FormatBool(v.Bool()))
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		b.WriteString(strconv.FormatInt(v.Int(), 10))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		b.WriteString(strconv.FormatUint(v.Uint(), 10))
	default:
		fmt.Fprintf(b, "%#v", v.Interface())
	}
}
