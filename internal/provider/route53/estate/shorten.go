package estate

import (
	"fmt"
	"regexp"
	"strconv"
)

// A quoted value of more than maxQuoted characters is cut to its first
// keepQuoted in an error (ARNs and names of legal lengths are kept whole).
const (
	maxQuoted  = 300
	keepQuoted = 64
)

// longQuoted matches a Go-quoted string (%q) of more than maxQuoted bytes.
var longQuoted = regexp.MustCompile(`"(?:[^"\\]|\\.){` + fmt.Sprint(maxQuoted+1) + `,}"`)

// shortError is an error whose message has its long quoted values cut.
type shortError struct {
	msg string
	err error
}

func (e *shortError) Error() string { return e.msg }
func (e *shortError) Unwrap() error { return e.err }

// shorten cuts, in *err's message, every quoted value longer than
// maxQuoted characters to its start and its length: a hostile
// dnsconfig.js can give a parser a value of megabytes, and the refusal
// must say what is wrong without echoing it whole.
func shorten(err *error) {
	if *err == nil {
		return
	}
	msg := (*err).Error()
	if !longQuoted.MatchString(msg) {
		return
	}
	msg = longQuoted.ReplaceAllStringFunc(msg, func(q string) string {
		s, uerr := strconv.Unquote(q)
		if uerr != nil {
			return q
		}
		r := []rune(s)
		if len(r) <= maxQuoted {
			return q
		}
		head := strconv.Quote(string(r[:keepQuoted]))
		return fmt.Sprintf("%s…\" (%d characters)", head[:len(head)-1], len(r))
	})
	*err = &shortError{msg: msg, err: *err}
}
