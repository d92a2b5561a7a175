package estate

import (
	"reflect"
	"strings"
	"testing"
)

func TestCheckKMSKeyARN(t *testing.T) {
	tests := []struct{ arn, err string }{
		{"arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab", ""},
		{"arn:aws:kms:us-east-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab", ""},
		{"arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab", "is in us-west-2 (partition aws): Route 53 signs only with a customer managed key in us-east-1"},
		{"arn:aws-cn:kms:cn-north-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab", "(partition aws-cn)"},
		{"arn:aws:kms:us-east-1:111122223333:alias/dnssec", "is an alias"},
		{"arn:aws:kms:us-east-1:1111:key/1234abcd-12ab-34cd-56ef-1234567890ab", "must be the ARN of a KMS key"},
		{"arn:aws:kms:us-east-1:111122223333:key/1234ABCD-12ab-34cd-56ef-1234567890ab", "is not a KMS key ID"},
		{"", "must be the ARN of a KMS key"},
	}
	for _, tc := range tests {
		err := CheckKMSKeyARN(tc.arn)
		switch {
		case tc.err == "" && err != nil:
			t.Errorf("%q: %v", tc.arn, err)
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
			t.Errorf("%q: error %v, want it to contain %q", tc.arn, err, tc.err)
		}
	}
}

func TestCheckKSKName(t *testing.T) {
	for name, ok := range map[string]bool{"abc": true, "KSK_2026": true, strings.Repeat("k", 128): true,
		"ab": false, strings.Repeat("k", 129): false, "my-key": false, "clé_1": false, "": false} {
		if err := CheckKSKName(name); (err == nil) != ok {
			t.Errorf("%q: %v, want ok=%v", name, err, ok)
		}
	}
}

// A declaration written back by get-zones (Args) reads the same.
func TestDNSSECArgsRoundTrip(t *testing.T) {
	const kms = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
	for _, d := range []*DNSSEC{
		{On: true, KMSKey: kms, KSK: DefaultKSK},
		{On: true, KMSKey: kms, KSK: "other_ksk", Registrar: true},
		{},
		{DSRemoved: true},
	} {
		got, err := ParseDNSSEC(d.Args())
		if err != nil {
			t.Fatalf("%+v: %v", d, err)
		}
		if !reflect.DeepEqual(got, d) {
			t.Errorf("Args %v read back as %+v, want %+v", d.Args(), got, d)
		}
	}
	if got := (&DNSSEC{On: true, KMSKey: kms, KSK: DefaultKSK}).Args(); !reflect.DeepEqual(got, []any{map[string]any{"kms_key": kms}}) {
		t.Errorf("defaults are written: %v", got)
	}
}
