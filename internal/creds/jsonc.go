package creds

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// posError is a problem at a byte offset of the original input. It is
// turned into "name:line:col: msg" by the caller, which knows the name.
type posError struct {
	off int
	msg string
}

// stripJSONC returns a copy of src in which comments, a leading UTF-8 byte
// order mark and trailing commas have been overwritten with spaces.
// Every byte keeps its offset (newlines inside comments are kept too), so
// offsets reported by encoding/json on the result are valid for src.
//
// Recognised extensions:
//   - "// ..." up to the end of the line
//   - "/* ... */" (not nested)
//   - a comma directly (ignoring whitespace and comments) before "}" or "]",
//     provided it follows a value; "{,}" and "[1,,]" stay errors.
//
// Text inside JSON strings, including escaped quotes, is never touched.
func stripJSONC(src []byte) ([]byte, *posError) {
	out := bytes.Clone(src)
	if bytes.HasPrefix(out, []byte("\xef\xbb\xbf")) {
		out[0], out[1], out[2] = ' ', ' ', ' '
	}

	prev := byte(0) // last significant byte outside strings and comments
	comma := -1     // offset of a comma that may turn out to be trailing

	for i := 0; i < len(out); {
		c := out[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
			continue

		case c == '/' && i+1 < len(out) && out[i+1] == '/':
			j := i
			for j < len(out) && out[j] != '\n' {
				out[j] = ' '
				j++
			}
			i = j
			continue

		case c == '/' && i+1 < len(out) && out[i+1] == '*':
			end := bytes.Index(out[i+2:], []byte("*/"))
			if end < 0 {
				return nil, &posError{off: i, msg: "unterminated /* comment"}
			}
			end += i + 2 + 2 // offset just past "*/"
			for j := i; j < end; j++ {
				if out[j] != '\n' {
					out[j] = ' '
				}
			}
			i = end
			continue
		}

		// c is significant.
		if comma >= 0 && (c == '}' || c == ']') {
			out[comma] = ' '
		}
		comma = -1

		switch c {
		case '"':
			// Skip the string, honouring backslash escapes. An unterminated
			// string runs to the end; encoding/json reports it.
			j := i + 1
			for j < len(out) {
				if out[j] == '\\' {
					j += 2
					continue
				}
				if out[j] == '"' {
					break
				}
				j++
			}
			i = j + 1
		case ',':
			if prev != 0 && prev != '{' && prev != '[' && prev != ',' && prev != ':' {
				comma = i
			}
			i++
		default:
			i++
		}
		prev = c
	}
	return out, nil
}

// lineCol converts a byte offset of src into a 1-based line and a 1-based
// column counted in characters (runes).
func lineCol(src []byte, off int) (line, col int) {
	off = max(0, min(off, len(src)))
	before := src[:off]
	line = 1 + bytes.Count(before, []byte("\n"))
	start := bytes.LastIndexByte(before, '\n') + 1
	col = 1 + utf8.RuneCount(before[start:])
	return line, col
}

// describeJSONError turns an encoding/json syntax error into a position and
// a message that never quotes input text that could be part of a value.
func describeJSONError(src []byte, err error) (*posError, bool) {
	var se *json.SyntaxError
	if !errors.As(err, &se) {
		return nil, false
	}
	msg := se.Error()
	// encoding/json counts the offending byte as read, so it sits at
	// Offset-1. At end of input there is no offending byte: point past the
	// end.
	off := int(se.Offset)
	if off > len(src) {
		off = len(src)
	}
	if off > 0 && off <= len(src) && !strings.Contains(msg, "end of JSON input") {
		off--
	}
	return &posError{off: off, msg: safeSyntaxMessage(src, off, msg)}, true
}

// safeSyntaxMessage hides the character quoted in "invalid character 'x' ..."
// unless it is structural punctuation outside a string: a secret typed
// without quotes, or an odd escape inside a quoted secret, must not leak
// even one character.
func safeSyntaxMessage(src []byte, off int, msg string) string {
	const prefix = "invalid character "
	if !strings.HasPrefix(msg, prefix) {
		return msg
	}
	rest := msg[len(prefix):]
	// The character is rendered in single quotes, possibly escaped
	// ('\'', '\x01'); the description follows after "' ".
	end := strings.Index(rest[min(1, len(rest)):], "' ")
	if end < 0 {
		return "invalid character"
	}
	desc := rest[1+end+2:]
	if off < len(src) && strings.IndexByte(`{}[]:,'"`, src[off]) >= 0 &&
		!strings.HasPrefix(desc, "in ") {
		return msg
	}
	return fmt.Sprintf("unexpected character %s", desc)
}

// member is one `"key": value` pair of a JSON object, with the byte
// offsets of the key's opening quote and of the value's first byte, so that
// errors about it can say where it is.
type member struct {
	key    string
	keyOff int
	value  json.RawMessage
	valOff int
}

// objectMembers returns, in order and duplicates included, the members of
// the JSON object whose "{" is at src[off]. src must be valid JSON (as
// checked by encoding/json) with comments and trailing commas already
// blanked by stripJSONC; encoding/json would silently keep only the last
// of two equal keys, which is why this walks the text itself.
func objectMembers(src []byte, off int) ([]member, error) {
	i := skipSpace(src, off)
	if i >= len(src) || src[i] != '{' {
		return nil, errors.New("not a JSON object")
	}
	i++
	var out []member
	for {
		i = skipSpace(src, i)
		if i >= len(src) {
			return nil, errors.New("unterminated object")
		}
		switch src[i] {
		case '}':
			return out, nil
		case ',':
			i++
			continue
		case '"':
		default:
			return nil, fmt.Errorf("unexpected %q in object", src[i])
		}
		m := member{keyOff: i}
		end := skipString(src, i)
		if err := json.Unmarshal(src[i:end], &m.key); err != nil {
			return nil, fmt.Errorf("bad key: %w", err)
		}
		i = skipSpace(src, end)
		if i >= len(src) || src[i] != ':' {
			return nil, errors.New("missing colon")
		}
		m.valOff = skipSpace(src, i+1)
		i = skipValue(src, m.valOff)
		m.value = json.RawMessage(src[m.valOff:i])
		out = append(out, m)
	}
}

// skipSpace returns the offset of the first byte at or after i that is
// not JSON whitespace.
func skipSpace(src []byte, i int) int {
	for i < len(src) && (src[i] == ' ' || src[i] == '\t' || src[i] == '\n' || src[i] == '\r') {
		i++
	}
	return i
}

// skipString returns the offset just past the JSON string starting with
// the quote at src[i].
func skipString(src []byte, i int) int {
	for j := i + 1; j < len(src); j++ {
		switch src[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		}
	}
	return len(src)
}

// skipValue returns the offset just past the JSON value starting at
// src[i]: a string, an object or array (nesting included), or a literal.
func skipValue(src []byte, i int) int {
	if i >= len(src) {
		return i
	}
	switch src[i] {
	case '"':
		return skipString(src, i)
	case '{', '[':
		depth := 0
		for j := i; j < len(src); j++ {
			switch src[j] {
			case '"':
				j = skipString(src, j) - 1
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return j + 1
				}
			}
		}
		return len(src)
	default:
		j := i
		for j < len(src) && !strings.ContainsRune(" \t\r\n,}]", rune(src[j])) {
			j++
		}
		return j
	}
}

// jsonKind names the kind of the JSON value raw for messages: "a string",
// "a number", "a boolean", "null", "an object" or "an array".
func jsonKind(raw []byte) string {
	if len(raw) == 0 {
		return "nothing"
	}
	switch raw[0] {
	case '"':
		return "a string"
	case '{':
		return "an object"
	case '[':
		return "an array"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	return "a number"
}
