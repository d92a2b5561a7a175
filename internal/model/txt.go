package model

import (
	"fmt"
	"strings"
)

// MaxTXTString is the longest character-string DNS carries (RFC 1035 3.3).
const MaxTXTString = 255

// TXTData turns a raw TXT value into canonical presentation data: the value
// split into strings of at most 255 bytes, each quoted, with '"' and '\'
// escaped by a backslash and bytes outside printable ASCII written as \DDD.
// An empty value is one empty string: `""`.
func TXTData(raw string) string {
	var b strings.Builder
	b.Grow(len(raw) + 2 + 3*(len(raw)/MaxTXTString))
	if raw == "" {
		return `""`
	}
	for i := 0; i < len(raw); i += MaxTXTString {
		end := min(i+MaxTXTString, len(raw))
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteByte('"')
		for j := i; j < end; j++ {
			writeTXTByte(&b, raw[j])
		}
		b.WriteByte('"')
	}
	return b.String()
}

func writeTXTByte(b *strings.Builder, c byte) {
	switch {
	case c == '"' || c == '\\':
		b.WriteByte('\\')
		b.WriteByte(c)
	case c < ' ' || c > '~':
		b.WriteByte('\\')
		b.WriteByte('0' + c/100)
		b.WriteByte('0' + c/10%10)
		b.WriteByte('0' + c%10)
	default:
		b.WriteByte(c)
	}
}

// TXTStrings parses presentation TXT data (one or more strings, quoted or
// not, with \X and \DDD escapes) into the raw strings it holds.
func TXTStrings(data string) ([]string, error) {
	var out []string
	i := 0
	for {
		for i < len(data) && (data[i] == ' ' || data[i] == '\t') {
			i++
		}
		if i >= len(data) {
			break
		}
		var cur []byte
		quoted := data[i] == '"'
		if quoted {
			i++
		}
		closed := !quoted
		for i < len(data) {
			c := data[i]
			if quoted && c == '"' {
				i++
				closed = true
				break
			}
			if !quoted && (c == ' ' || c == '\t') {
				break
			}
			if c == '\\' {
				if i+3 < len(data) && isDigit(data[i+1]) && isDigit(data[i+2]) && isDigit(data[i+3]) {
					v := int(data[i+1]-'0')*100 + int(data[i+2]-'0')*10 + int(data[i+3]-'0')
					if v > 255 {
						return nil, fmt.Errorf("TXT escape \\%s is above 255", data[i+1:i+4])
					}
					cur = append(cur, byte(v))
					i += 4
					continue
				}
				if i+1 >= len(data) {
					return nil, fmt.Errorf("TXT data ends in a lone backslash")
				}
				cur = append(cur, data[i+1])
				i += 2
				continue
			}
			cur = append(cur, c)
			i++
		}
		if !closed {
			return nil, fmt.Errorf("TXT data has an unterminated quote")
		}
		out = append(out, string(cur))
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("TXT data is empty")
	}
	return out, nil
}

// TXTValue returns the raw value of presentation TXT data: its strings
// joined, as DNSControl v4 treats a TXT record.
func TXTValue(data string) (string, error) {
	ss, err := TXTStrings(data)
	if err != nil {
		return "", err
	}
	if len(ss) == 1 {
		return ss[0], nil
	}
	return strings.Join(ss, ""), nil
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
