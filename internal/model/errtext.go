package model

import "strings"

// Describe returns msg, the text of an error about to be shown, made sure
// to say something: a library error with an empty text, or one that ends
// at a colon where its reason should follow (miekg/dns drops the reason of
// some parse errors), gets a description instead of nothing.
func Describe(msg string) string {
	t := strings.TrimRight(msg, " \t")
	switch {
	case t == "":
		return "an error occurred, but the library that reported it gave no description"
	case strings.HasSuffix(t, ":"):
		return t + " (no reason was given)"
	}
	return msg
}
