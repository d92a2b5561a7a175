package zonefile

import (
	"bufio"
	"io"
	"strconv"

	"github.com/dnsctl/dnsctl/internal/model"
)

// writeTSV writes one line per record with the columns of DNSControl's
// get-zones --format=tsv: the FQDN, the name relative to the zone ("@" at
// the apex), the TTL, the class, the type and the data as in a zone file.
// A sixth column, present only when there is something to say, lists the
// record's set identifier and metadata as comma-separated key=value pairs.
func writeTSV(w io.Writer, zone string, recs []*model.Record) error {
	bw := bufio.NewWriter(w)
	for _, r := range canonicalOrder(recs) {
		bw.WriteString(r.Name)
		bw.WriteByte('\t')
		bw.WriteString(model.LabelOf(r.Name, zone))
		bw.WriteByte('\t')
		bw.WriteString(strconv.FormatUint(uint64(r.TTL), 10))
		bw.WriteString("\tIN\t")
		bw.WriteString(r.Type)
		bw.WriteByte('\t')
		bw.WriteString(r.Data)
		if m := metaText(r); m != "" {
			bw.WriteByte('\t')
			bw.WriteString(m)
		}
		bw.WriteByte('\n')
	}
	return bw.Flush()
}
