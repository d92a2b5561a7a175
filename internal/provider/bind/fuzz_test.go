package bind

import (
	"strings"
	"testing"

	"github.com/dnsctl/dnsctl/internal/model"
	"github.com/dnsctl/dnsctl/internal/zonefile"
)

func FuzzReadZone(f *testing.F) {
	f.Add([]byte(handWritten))
	f.Add([]byte("@ 300 IN TXT \"a\\\"b\" \"\\200\" ; c\n"))
	f.Add([]byte("$GENERATE 1-3 h$ A 192.0.2.$\n"))
	f.Add([]byte("@ 300 IN LOC 52 22 23.000 N 4 53 32.000 E -2.00m 1m 10000m 10m\n"))
	f.Add([]byte("svc 300 IN HTTPS 1 . alpn=\"h2,h3\" ech=AAA=\n"))
	f.Add([]byte("x 300 IN TYPE65534 \\# 2 abcd\n"))
	f.Add([]byte("@ IN SOA a. b. ( 1 2\n 3 4 5 )\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		recs, err := ReadZone(strings.NewReader(string(data)), "example.com", "fuzz.zone")
		if err != nil {
			if !strings.HasPrefix(err.Error(), "bind: fuzz.zone") {
				t.Fatalf("error without position: %v", err)
			}
			return
		}
		// Whatever was read can be written; what is written can be read.
		var b strings.Builder
		if err := zonefile.WriteZone(&b, "example.com", recs, 0); err != nil {
			t.Fatal(err)
		}
		back, err := ReadZone(strings.NewReader(b.String()), "example.com", "fuzz.zone")
		if err != nil {
			t.Fatalf("written zone does not read back: %v\n%s", err, b.String())
		}
		if len(back) != len(recs) {
			t.Fatalf("read %d records back, wrote %d:\n%s", len(back), len(recs), b.String())
		}
		model.SortRecords(recs)
		model.SortRecords(back)
		for i := range recs {
			if recs[i].String() != back[i].String() {
				t.Fatalf("wrote %s\nread  %s", recs[i], back[i])
			}
		}
	})
}
