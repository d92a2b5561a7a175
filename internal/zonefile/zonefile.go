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

// Zone is one zone to export.
type Zone struct {
	// Ref is the zone reference: the zone name, or "name!tag" for a
	// split-horizon view or one of several zones sharing a name. It is the
	// name D() gets in the js and djs formats; the other formats use the
	// zone name alone.
	Ref string
	// ZoneID, when set, is the provider's ID of the zone, written as
	// R53_ZONE(ZoneID) on D() so the configuration finds the zone among
	// others of its name.
	ZoneID string
	// Settings are the zone's provider settings besides records (Route 53
	// health checks, VPCs, tags...), written in js and djs as the calls
	// that declare them, after R53_ZONE.
	Settings []*model.Setting
	// CredKey is the creds entry the zone came from (NewDnsProvider(CredKey)).
	CredKey string
	// Nameservers are the provider's own name servers for the zone, which
	// dnsctl keeps in the apex NS set by itself: js and djs write them as
	// comments, and the zone's other apex NS as NS("@") records.
	Nameservers []string
	// Records are canonical records; they are not modified, and need not
	// be sorted.
	Records []*model.Record
}

// Write renders z in format ("js", "djs", "zone", "tsv") to w.
func Write(w io.Writer, format string, z Zone) error {
	name, _ := model.SplitZone(z.Ref)
	switch format {
	case "zone":
		if _, err := fmt.Fprintf(w, "$ORIGIN %s.\n", name); err != nil {
			return err
		}
		if err := WriteZone(w, name, z.Records, 0); err != nil {
			return err
		}
		_, err := io.WriteString(w, "\n")
		return err
	case "js":
		return writeJS(w, z, false)
	case "djs":
		return writeJS(w, z, true)
	case "tsv":
		return writeTSV(w, name, z.Records)
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
