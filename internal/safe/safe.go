// Package safe keeps what dnsctl prints from being read by a terminal as
// anything but text.
//
// dnsctl prints data it does not control: names, split-horizon tags, record
// data, IGNORE patterns, provider and creds entry names, file paths, and
// error messages that quote any of them (a goja exception thrown by the
// script, an AWS error, a zone file's parse error). A carriage return, an
// escape sequence or a Unicode bidi override in such a string can clear the
// screen, rewrite a line already printed, or make text read backwards; a
// newline can print a line that looks like dnsctl's own, such as a fake
// "Done. 0 corrections.".
//
// Two kinds of bytes leave the program, and they are kept apart by type, so
// no call site has to remember anything:
//
//   - Text. Every byte written with Write (to a Writer or a Buffer) is
//     escaped by Lines: C0 controls other than newline and tab, DEL, C1
//     controls, Unicode format characters (bidi embeddings, overrides and
//     isolates, zero-width characters), line and paragraph separators and
//     invalid UTF-8 become visible escapes such as \x1b, \r, \u202e. Printable
//     Unicode (an IDN name such as bücher.example) is left as it is. Nothing
//     user data holds can reach the terminal as a control character, whatever
//     path it takes: a library's message, cobra's help, a JSON document.
//   - The program's own control sequences: the colours of a plan and the
//     progress line's carriage return and erase-line. They are values of type
//     Seq, which only this package can make, written with WriteSeq. Their
//     bytes can never come from data.
//
// Escaping every control character except newline still leaves the newline:
// a Writer cannot tell the program's line breaks from one inside a name. So
// the lines themselves are built by Fprintf, whose format (the program's
// constant text) keeps its newlines while every argument is escaped by
// Text, which escapes newline and tab too: a value interpolated into a line
// stays on that line. Output made of several messages (a list of problems)
// is printed one Fprintf per message. internal/cli tests that it prints
// only this way.
//
// The escapes are chosen so that escaping JSON text gives JSON with the
// same value: raw control characters never occur in encoding/json output,
// and the characters it does leave raw (DEL, C1, format characters) become
// \u escapes, which JSON and JavaScript strings read back as the same
// character. A backslash is not escaped: the escapes are for reading, not
// for parsing back, and a Windows path or a zone file's \032 stays legible.
package safe

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Text returns s with every character that a terminal could act on,
// newline and tab included, replaced by an escape (\n, \t, \x1b, \u202e):
// the result prints on one line and shows every character it stands for.
func Text(s string) string { return escape(s, false) }

// Lines is Text, but keeps newlines and tabs: for text whose line
// structure is its own, such as console.log output of the script, or a
// whole document.
func Lines(s string) string { return escape(s, true) }

// Unsafe reports whether r is a character that Text escapes: a control
// character (C0, DEL, C1), a format character (bidi controls, zero-width
// characters, the byte order mark), or a line or paragraph separator.
func Unsafe(r rune) bool {
	return r < 0x20 || r >= 0x7f && r <= 0x9f || r >= 0x80 && unicode.In(r, unicode.Cf, unicode.Zl, unicode.Zp)
}

// escape escapes s; keepLines leaves newline and tab as they are.
func escape(s string, keepLines bool) string {
	// The common case, nothing to escape, allocates nothing.
	i := 0
	for i < len(s) {
		c := s[i]
		if c >= 0x20 && c < 0x7f {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || Unsafe(r) && !(keepLines && (r == '\n' || r == '\t')) {
			break
		}
		i += size
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	b.WriteString(s[:i])
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			writeHex(&b, `\x`, uint32(s[i]), 2)
		case keepLines && (r == '\n' || r == '\t'):
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20:
			writeHex(&b, `\x`, uint32(r), 2)
		case Unsafe(r) && r > 0xffff:
			writeHex(&b, `\U`, uint32(r), 8)
		case Unsafe(r):
			writeHex(&b, `\u`, uint32(r), 4)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

func writeHex(b *strings.Builder, prefix string, v uint32, width int) {
	h := strconv.FormatUint(uint64(v), 16)
	b.WriteString(prefix)
	b.WriteString(strings.Repeat("0", width-len(h)))
	b.WriteString(h)
}

// Seq is one of the program's own terminal control sequences. Only this
// package makes them, so data can never be written as one.
type Seq struct{ s string }

// The control sequences dnsctl uses.
var (
	// CR returns to the start of the line (the progress line).
	CR = Seq{"\r"}
	// EraseLine clears from the cursor to the end of the line.
	EraseLine = Seq{"\x1b[K"}
	// Reset ends a Colour.
	Reset = Seq{"\x1b[0m"}
)

// Colour starts an SGR colour, such as 31 (red), 32 (green) or 33 (yellow).
func Colour(code uint8) Seq { return Seq{"\x1b[" + strconv.Itoa(int(code)) + "m"} }

// Printer is what dnsctl prints through: text, escaped on the way out, and
// the program's own control sequences. *Writer and *Buffer are Printers.
type Printer interface {
	io.Writer
	WriteSeq(Seq) error
}

// Writer is a Printer writing to a terminal, a pipe or a file. It holds no
// state, so it is as safe for concurrent use as the writer it wraps.
type Writer struct{ w io.Writer }

// NewWriter returns a Writer printing to w.
func NewWriter(w io.Writer) *Writer { return &Writer{w: w} }

// Write writes Lines(p). Each call should hold whole characters: one split
// between two calls is shown as \x escapes of its bytes.
func (w *Writer) Write(p []byte) (int, error) {
	s := Lines(string(p))
	if _, err := io.WriteString(w.w, s); err != nil {
		return 0, err
	}
	return len(p), nil
}

// WriteSeq writes a control sequence as it is.
func (w *Writer) WriteSeq(s Seq) error {
	_, err := io.WriteString(w.w, s.s)
	return err
}

// Buffer is a Printer that holds its output until it is written to a
// Writer, such as the output of a zone that waits for the zones before it.
// The zero value is an empty buffer.
type Buffer struct{ b []byte }

// Write appends Lines(p).
func (b *Buffer) Write(p []byte) (int, error) {
	b.b = append(b.b, Lines(string(p))...)
	return len(p), nil
}

// WriteSeq appends a control sequence.
func (b *Buffer) WriteSeq(s Seq) error {
	b.b = append(b.b, s.s...)
	return nil
}

// Len is the number of bytes held.
func (b *Buffer) Len() int { return len(b.b) }

// String returns what the buffer holds.
func (b *Buffer) String() string { return string(b.b) }

// WriteTo writes what the buffer holds to w as it is (it was escaped when
// written) and empties the buffer.
func (b *Buffer) WriteTo(w *Writer) (int64, error) {
	n, err := w.w.Write(b.b)
	b.b = nil
	return int64(n), err
}

// Fprintf formats like fmt.Fprintf and writes the result to w, with every
// argument escaped by Text after formatting: a string, an error or a
// Stringer holding a newline or an escape prints as \n or \x1b, on the
// line the format puts it on. The format is the program's own text.
func Fprintf(w io.Writer, format string, args ...any) (int, error) {
	esc := make([]any, len(args))
	for i, a := range args {
		switch a.(type) {
		case int, int64, uint32, uint64, bool:
			esc[i] = a
		default:
			esc[i] = escaped{a}
		}
	}
	return fmt.Fprintf(w, format, esc...)
}

// escaped formats its value with the verb and flags it is given, then
// escapes the result.
type escaped struct{ v any }

// Format implements fmt.Formatter.
func (e escaped) Format(f fmt.State, verb rune) {
	_, _ = io.WriteString(f, Text(fmt.Sprintf(fmt.FormatString(f, verb), e.v)))
}
