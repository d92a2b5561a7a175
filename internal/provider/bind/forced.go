package bind

import "github.com/dnsctl/dnsctl/internal/model"

// ForceSerial makes every SOA the provider writes from now on carry serial
// n instead of the next date-based one (--bindserial, for reproducible
// zone files); 0 restores the usual serials. Zones that do not change
// keep their files, serial included.
func (p *Provider) ForceSerial(n uint32) { p.forced = n }

// nextSOA returns soa (with the fields of replacement, when given) with
// the serial it gets when the zone is written: the forced one, else the
// next one (bumpSerial).
func (p *Provider) nextSOA(origin string, soa, replacement *model.Record) (*model.Record, error) {
	r, err := bumpSerial(origin, soa, replacement, p.now())
	if err != nil || p.forced == 0 {
		return r, err
	}
	rr, err := parseSOA(origin, r)
	if err != nil {
		return nil, err
	}
	rr.Serial = p.forced
	return model.FromRR(rr), nil
}
