package dsl

// quoteNAPTR renders a NAPTR flags, service or regexp argument as one
// zone-file character-string. DNSControl hands these three strings to the
// zone file and to Route 53 as they are written, so a configuration that
// works there spells them in presentation form: the regexp "!^(.*)$!\\\\1!"
// (the characters \\1) means the backreference \1 on the wire. A string that
// is already well-formed presentation text is therefore kept as it is; one
// that is not (a bare quote, a lone trailing backslash, a \ before fewer than
// three digits) cannot have worked that way and is escaped, so that it means
// the characters written.
func quoteNAPTR(s string) string {
	if presentationBody(s) {
		return `"` + s + `"`
	}
	return quoteTXT(s)
}

// presentationBody reports whether s can stand between double quotes in a
// zone file and read back as one character-string: every quote is escaped,
// and every backslash starts \X (X not a digit) or \DDD (DDD at most 255).
func presentationBody(s string) bool {
	for i := 0; i < len(s); {
		switch s[i] {
		case '"':
			return false
		case '\\':
			if i+1 >= len(s) {
				return false
			}
			if !isDigit(s[i+1]) {
				i += 2
				continue
			}
			if i+3 >= len(s) || !isDigit(s[i+2]) || !isDigit(s[i+3]) {
				return false
			}
			if (int(s[i+1]-'0')*100 + int(s[i+2]-'0')*10 + int(s[i+3]-'0')) > 255 {
				return false
			}
			i += 4
		default:
			i++
		}
	}
	return true
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
