package model

import (
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"strings"
)

// openpgpKey returns the public key of a configured OPENPGPKEY record as
// base64, its presentation form. As in DNSControl, the key may be written
// in hexadecimal (gpg --export-options=export-dane, hash-slinger's
// --output=generic) or in base64; a text that reads as both (hexadecimal
// in one letter case) is taken as hexadecimal. Blanks are ignored, as a
// zone file ignores them between base64 chunks.
func openpgpKey(data string) (string, error) {
	s := strings.Join(strings.Fields(data), "")
	if s == "" {
		return "", fmt.Errorf("the OPENPGPKEY public key is empty")
	}
	if s == strings.ToLower(s) || s == strings.ToUpper(s) {
		if b, err := hex.DecodeString(s); err == nil {
			return base64.StdEncoding.EncodeToString(b), nil
		}
	}
	b, err := base64.StdEncoding.Strict().DecodeString(s)
	if err != nil {
		return "", fmt.Errorf("the OPENPGPKEY public key %q is neither hexadecimal nor base64", shorten(s))
	}
	return base64.StdEncoding.EncodeToString(b), nil
}
