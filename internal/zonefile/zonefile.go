// Package zonefile renders a zone's records in the export formats of
// get-zones: a BIND zone file ("zone", the same text the BIND provider
// writes), a dnsconfig.js draft ("js"), the same with leading commas for
// tidy diffs ("djs"), and tab-separated values ("tsv").
package zonefile

import (
	"fmt"
	"io"
	"slices"

	"github.com/dnsctl/dnsctl/internal/model"
)

var formats = []string{"js", "djs", "zone", "tsv"}

// Formats lists the supported formats.
func Formats() []string { return slices.Clone(formats) }

// Write renders zone's records in format ("js", "djs", "zone", "tsv") to w.
// credKey is the creds entry the zone came from (used in the js/djs output:
// NewDnsProvider(credKey)). recs are canonical records; they are not
// modified, and need not be sorted.
func Write(w io.Writer, format string, zone string, credKey string, recs []*model.Record) error {
	switch format {
	case "zone":
		if _, err := fmt.Fprintf(w, "$ORIGIN %s.\n", zone); err != nil {
			return err
		}
		if err := WriteZone(w, zone, recs, 0); err != nil {
			return err
		}
		_, err := io.WriteString(w, "\n")
		return err
	case "js":
		return writeJS(w, zone, credKey, recs, false)
	case "djs":
		return writeJS(w, zone, credKey, recs, true)
	case "tsv":
		return writeTSV(w, zone, recs)
	}
	return fmt.Errorf("unknown format %q (use one of js, djs, zone, tsv)", format)
}

// canonicalOrder returns a sorted copy of recs (model.SortRecords order).
func canonicalOrder(recs []*model.Record) []*model.Record {
	rs := slices.Clone(recs)
	model.SortRecords(rs)
	return rs
}

// MostCommonTTL returns the TTL most records have (the smallest of equally
// common ones), ignoring SOA records; 300 when there are none.
func MostCommonTTL(recs []*model.Record) uint32 {
	count := map[uint32]int{}
	for _, r := range recs {
		if r.Type != "SOA" && r.Type != model.AliasType {
			count[r.TTL]++
		}
	}
	best, n := uint32(300), 0
	for ttl, c := range count {
		if c > n || c == n && ttl < best {
			best, n = ttl, c
		}
	}
	return best
}
