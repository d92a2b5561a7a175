package bind

import (
	"bytes"
	"fmt"
	"testing"
)

func BenchmarkReadZone50k(b *testing.B) {
	var buf bytes.Buffer
	buf.WriteString("@ 3600 IN SOA ns1.ex.com. h.ex.com. 1 2 3 4 5\n")
	for i := 0; i < 50000; i++ {
		fmt.Fprintf(&buf, "h%d 300 IN A 10.%d.%d.%d\n", i, i>>16, (i>>8)&255, i&255)
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := ReadZone(bytes.NewReader(data), "ex.com", "x"); err != nil {
			b.Fatal(err)
		}
	}
}
