package route53

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	"github.com/aws/aws-sdk-go-v2/service/route53/types"

	"github.com/dnsctl/dnsctl/internal/model"
	"github.com/dnsctl/dnsctl/internal/provider/route53/routing"
)

// pageSize is the MaxItems of ListResourceRecordSets (its maximum).
const pageSize = 300

// Records returns every record of the zone, canonicalised like
// configuration records. Route 53's own formatting is kept in private
// metadata (keys starting with "route53_") so that deleting a record sends
// exactly the text Route 53 holds.
func (p *Provider) Records(ctx context.Context, zone string) ([]*model.Record, error) {
	recs, err := p.records(ctx, zoneKey(zone))
	return recs, p.public(err)
}

func (p *Provider) records(ctx context.Context, key string) ([]*model.Record, error) {
	zone := zoneName(key)
	id, err := p.zoneID(ctx, key)
	if err != nil {
		return nil, err
	}
	// A zone created moments ago by this run holds what Route 53 puts in
	// every new zone: no need to list it.
	sets, fresh := p.takeCreated(id)
	if !fresh {
		sets, fresh = p.takePrefetched(id)
	}
	if !fresh {
		if sets, err = p.listRRSets(ctx, zone, id); err != nil {
			return nil, err
		}
	}
	var out []*model.Record
	for _, s := range sets {
		for _, r := range rrsetRecords(s, zone) {
			if r.Type == model.AliasType && cleanZoneID(r.Meta[MetaZoneID]) == id {
				r.Meta[routing.MetaSameZone] = "true"
			}
			out = append(out, r)
		}
	}
	return out, nil
}

// listRRSets reads all record sets of a zone, following every page.
func (p *Provider) listRRSets(ctx context.Context, zone, id string) ([]types.ResourceRecordSet, error) {
	in := &route53.ListResourceRecordSetsInput{HostedZoneId: aws.String(id), MaxItems: aws.Int32(pageSize)}
	var sets []types.ResourceRecordSet
	pg := p.recordPager(zone)
	ids := map[rrIdent]bool{}
	for {
		var out *route53.ListResourceRecordSetsOutput
		err := p.call(ctx, "route53:ListResourceRecordSets", zone, callOptions{}, func(ctx context.Context) error {
			var err error
			out, err = p.r53.ListResourceRecordSets(ctx, in)
			return err
		})
		if err != nil {
			return nil, err
		}
		for _, s := range out.ResourceRecordSets {
			// Pages never overlap on Route 53, but emulators have been
			// seen to repeat a set on every page; keep the first.
			k := identOf(s, zone)
			if ids[k] {
				continue
			}
			ids[k] = true
			sets = append(sets, s)
		}
		next := ""
		if out.NextRecordName != nil {
			next = strings.Join([]string{aws.ToString(out.NextRecordName), string(out.NextRecordType), aws.ToString(out.NextRecordIdentifier)}, markerSep)
		}
		more, err := pg.next(len(out.ResourceRecordSets), out.IsTruncated, next)
		if err != nil {
			return nil, err
		}
		if !more {
			return sets, nil
		}
		in.StartRecordName = out.NextRecordName
		in.StartRecordType = out.NextRecordType
		in.StartRecordIdentifier = out.NextRecordIdentifier
	}
}

// rrsetRecords converts one Route 53 record set into canonical records.
func rrsetRecords(s types.ResourceRecordSet, zone string) []*model.Record {
	rawName := aws.ToString(s.Name)
	name := canonicalZone(decodeName(rawName))
	typ := string(s.Type)
	setID := aws.ToString(s.SetIdentifier)
	meta := routingMeta(s)
	if rawName != encodeName(name) {
		meta[metaRawName] = rawName
	}
	if s.TrafficPolicyInstanceId != nil {
		meta[metaTrafficPolicy] = aws.ToString(s.TrafficPolicyInstanceId)
	}
	if at := s.AliasTarget; at != nil {
		rawDNS := aws.ToString(at.DNSName)
		target := aliasTarget(rawDNS, zone)
		meta[MetaAliasType] = typ
		meta[MetaZoneID] = cleanZoneID(aws.ToString(at.HostedZoneId))
		meta[MetaEvaluateHealth] = strconv.FormatBool(at.EvaluateTargetHealth)
		if rawDNS != target {
			meta[metaRawAliasDNSName] = rawDNS
		}
		return []*model.Record{{Name: name, Type: model.AliasType, Data: target, SetID: setID, Meta: meta}}
	}
	ttl := uint32(min(max(aws.ToInt64(s.TTL), 0), model.MaxTTL))
	if len(s.ResourceRecords) == 0 && s.TrafficPolicyInstanceId != nil {
		// A traffic policy's set may be listed without values: one
		// record stands for it, so that it is seen and kept.
		return []*model.Record{{Name: name, Type: typ, TTL: ttl, Data: trafficPolicyData(aws.ToString(s.TrafficPolicyInstanceId)), SetID: setID, Meta: meta}}
	}
	out := make([]*model.Record, 0, len(s.ResourceRecords))
	for i, rr := range s.ResourceRecords {
		raw := aws.ToString(rr.Value)
		data, err := readValue(typ, raw, zone)
		if err != nil {
			// Keep what Route 53 has; the differ will offer to replace it.
			data = raw
		}
		m := maps.Clone(meta)
		r := &model.Record{Name: name, Type: typ, TTL: ttl, Data: data, SetID: setID, Meta: m}
		if writeValue(r) != raw {
			m[metaRawValue] = raw
		}
		if len(s.ResourceRecords) > 1 {
			m[metaOrder] = strconv.Itoa(i)
		}
		if len(m) == 0 {
			r.Meta = nil
		}
		out = append(out, r)
	}
	return out
}

func aliasTarget(raw, zone string) string {
	t := strings.ToLower(decodeName(strings.TrimSpace(raw)))
	if c, err := model.CanonicalData(model.AliasType, absolute(t), zone); err == nil {
		return c
	}
	return absolute(t)
}

// routingMeta returns the routing-policy settings of a record set as
// metadata.
func routingMeta(s types.ResourceRecordSet) map[string]string {
	m := map[string]string{}
	if s.Weight != nil {
		m[MetaWeight] = strconv.FormatInt(*s.Weight, 10)
	}
	if s.HealthCheckId != nil && *s.HealthCheckId != "" {
		m[MetaHealthCheckID] = *s.HealthCheckId
	}
	if s.Failover != "" {
		m[MetaFailover] = string(s.Failover)
	}
	if s.Region != "" {
		m[MetaRegion] = string(s.Region)
	}
	if g := s.GeoLocation; g != nil {
		setIf(m, MetaGeoContinent, g.ContinentCode)
		setIf(m, MetaGeoCountry, g.CountryCode)
		setIf(m, MetaGeoSubdivision, g.SubdivisionCode)
	}
	if s.MultiValueAnswer != nil && *s.MultiValueAnswer {
		m[MetaMultiValue] = "true"
	}
	if c := s.CidrRoutingConfig; c != nil {
		setIf(m, MetaCIDRCollection, c.CollectionId)
		setIf(m, MetaCIDRLocation, c.LocationName)
	}
	if g := s.GeoProximityLocation; g != nil {
		setIf(m, MetaGeoProxRegion, g.AWSRegion)
		setIf(m, MetaGeoProxZone, g.LocalZoneGroup)
		if g.Bias != nil {
			m[MetaGeoProxBias] = strconv.Itoa(int(*g.Bias))
		}
		if c := g.Coordinates; c != nil {
			setIf(m, MetaGeoProxLat, c.Latitude)
			setIf(m, MetaGeoProxLong, c.Longitude)
		}
	}
	return m
}

func setIf(m map[string]string, k string, v *string) {
	if v != nil && *v != "" {
		m[k] = *v
	}
}

// applyRouting sets the routing-policy fields of s from record metadata.
func applyRouting(s *types.ResourceRecordSet, m map[string]string) error {
	if v := m[MetaWeight]; v != "" {
		w, err := strconv.ParseInt(v, 10, 64)
		if err != nil || w < 0 || w > 255 {
			return fmt.Errorf("weight %q must be a whole number from 0 to 255", v)
		}
		s.Weight = aws.Int64(w)
	}
	if v := m[MetaHealthCheckID]; v != "" {
		if strings.HasPrefix(v, "(") {
			return fmt.Errorf("health check %s: the check has not been created (its CREATE was not applied)", v)
		}
		s.HealthCheckId = aws.String(v)
	}
	if v := m[MetaFailover]; v != "" {
		s.Failover = types.ResourceRecordSetFailover(strings.ToUpper(v))
	}
	if v := m[MetaRegion]; v != "" {
		s.Region = types.ResourceRecordSetRegion(v)
	}
	if m[MetaGeoContinent] != "" || m[MetaGeoCountry] != "" || m[MetaGeoSubdivision] != "" {
		s.GeoLocation = &types.GeoLocation{ContinentCode: strPtr(m[MetaGeoContinent]), CountryCode: strPtr(m[MetaGeoCountry]), SubdivisionCode: strPtr(m[MetaGeoSubdivision])}
	}
	if v := m[MetaMultiValue]; v != "" {
		b, err := parseBool(v)
		if err != nil {
			return fmt.Errorf("multivalue %q must be true or false", v)
		}
		if b {
			s.MultiValueAnswer = aws.Bool(true)
		}
	}
	if isCIDRPending(m[MetaCIDRCollection]) {
		return fmt.Errorf("CIDR collection %s: the collection has not been created (its change was not applied)", m[MetaCIDRCollection])
	}
	if m[MetaCIDRCollection] != "" || m[MetaCIDRLocation] != "" {
		s.CidrRoutingConfig = &types.CidrRoutingConfig{CollectionId: strPtr(m[MetaCIDRCollection]), LocationName: strPtr(m[MetaCIDRLocation])}
	}
	if m[MetaGeoProxRegion] != "" || m[MetaGeoProxZone] != "" || m[MetaGeoProxLat] != "" || m[MetaGeoProxBias] != "" {
		g := &types.GeoProximityLocation{AWSRegion: strPtr(m[MetaGeoProxRegion]), LocalZoneGroup: strPtr(m[MetaGeoProxZone])}
		if v := m[MetaGeoProxBias]; v != "" {
			b, err := strconv.Atoi(v)
			if err != nil || b < -99 || b > 99 {
				return fmt.Errorf("geoproximity_bias %q must be a whole number from -99 to 99", v)
			}
			g.Bias = aws.Int32(int32(b))
		}
		if m[MetaGeoProxLat] != "" || m[MetaGeoProxLong] != "" {
			g.Coordinates = &types.Coordinates{Latitude: strPtr(m[MetaGeoProxLat]), Longitude: strPtr(m[MetaGeoProxLong])}
		}
		s.GeoProximityLocation = g
	}
	return nil
}

func strPtr(s string) *string {
	if s == "" {
		return nil
	}
	return aws.String(s)
}

// decodeName turns Route 53's \DDD octal escapes (ListResourceRecordSets
// writes every byte other than a-z, 0-9, '-' and '_' that way: "\052" is
// '*') back into characters. Escapes of bytes that cannot stand in a name
// as themselves (space, control and 8-bit bytes, '.') are kept.
func decodeName(s string) string {
	if strings.IndexByte(s, '\\') < 0 {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\\' && i+3 < len(s) && isOctal(s[i+1]) && isOctal(s[i+2]) && isOctal(s[i+3]) {
			v := int(s[i+1]-'0')*64 + int(s[i+2]-'0')*8 + int(s[i+3]-'0')
			if v > ' ' && v < 0x7f && v != '.' && v != '\\' {
				b.WriteByte(byte(v))
				i += 3
				continue
			}
		}
		b.WriteByte(c)
	}
	return b.String()
}

func isOctal(c byte) bool { return c >= '0' && c <= '7' }

// encodeName is the Name we send for a canonical owner name: the name with
// a trailing dot, bytes Route 53 cannot take as themselves escaped.
func encodeName(name string) string {
	for i := 0; i < len(name); i++ {
		if c := name[i]; c <= ' ' || c >= 0x7f {
			var b strings.Builder
			for j := 0; j < len(name); j++ {
				c := name[j]
				if c <= ' ' || c >= 0x7f {
					fmt.Fprintf(&b, "\\%03o", c)
				} else {
					b.WriteByte(c)
				}
			}
			return b.String() + "."
		}
	}
	return name + "."
}

// absolute adds the trailing dot Route 53 takes for granted: it treats every
// host name in record data as fully qualified, dot or no dot.
func absolute(t string) string {
	if t == "" || strings.HasSuffix(t, ".") {
		return t
	}
	return t + "."
}

// hostField is the index of the host name field in the data of types that
// carry one (-1: the last field).
var hostField = map[string]int{"CNAME": 0, "NS": 0, "PTR": 0, "MX": 1, "SRV": 3, "NAPTR": -1, "SVCB": 1, "HTTPS": 1}

// readValue canonicalises a Value read from Route 53.
func readValue(typ, raw, zone string) (string, error) {
	switch typ {
	case "TXT", "SPF":
		ss, err := parseTXT(raw)
		if err != nil {
			return "", err
		}
		return model.TXTData(strings.Join(ss, "")), nil
	}
	if idx, ok := hostField[typ]; ok {
		raw = absoluteField(raw, idx)
	}
	return model.CanonicalData(typ, raw, zone)
}

// absoluteField adds a trailing dot to field idx of a value.
func absoluteField(v string, idx int) string {
	f := strings.Fields(v)
	if len(f) == 0 {
		return v
	}
	if idx < 0 {
		idx = len(f) - 1
	}
	if idx >= len(f) {
		return v
	}
	if f[idx] == "." || strings.HasSuffix(f[idx], ".") || strings.HasPrefix(f[idx], "\"") {
		return v
	}
	f[idx] += "."
	return strings.Join(f, " ")
}

// writeValue is the Value we send for a canonical record.
func writeValue(r *model.Record) string {
	switch r.Type {
	case "TXT", "SPF":
		ss, err := model.TXTStrings(r.Data)
		if err != nil {
			return r.Data
		}
		parts := make([]string, len(ss))
		for i, s := range ss {
			parts[i] = quoteTXT(s)
		}
		return strings.Join(parts, " ")
	}
	return r.Data
}

// quoteTXT quotes one TXT string the way Route 53 reads it: '"' and '\'
// escaped by a backslash, bytes outside printable ASCII as \ooo (octal, as
// Route 53 documents, not the decimal of zone files).
func quoteTXT(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c < ' ' || c >= 0x7f:
			fmt.Fprintf(&b, "\\%03o", c)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// parseTXT reads a Route 53 TXT value: one or more strings, quoted or not,
// with \X and \ooo (octal) escapes.
func parseTXT(v string) ([]string, error) {
	var out []string
	i := 0
	for {
		for i < len(v) && (v[i] == ' ' || v[i] == '\t') {
			i++
		}
		if i >= len(v) {
			break
		}
		quoted := v[i] == '"'
		if quoted {
			i++
		}
		var cur []byte
		closed := !quoted
		for i < len(v) {
			c := v[i]
			if quoted && c == '"' {
				i++
				closed = true
				break
			}
			if !quoted && (c == ' ' || c == '\t') {
				break
			}
			if c == '\\' && i+1 < len(v) {
				if i+3 < len(v) && isOctal(v[i+1]) && isOctal(v[i+2]) && isOctal(v[i+3]) {
					cur = append(cur, byte(int(v[i+1]-'0')*64+int(v[i+2]-'0')*8+int(v[i+3]-'0')))
					i += 4
					continue
				}
				cur = append(cur, v[i+1])
				i += 2
				continue
			}
			cur = append(cur, c)
			i++
		}
		if !closed {
			return nil, fmt.Errorf("TXT value has an unterminated quote")
		}
		out = append(out, string(cur))
	}
	if len(out) == 0 {
		return []string{""}, nil
	}
	return out, nil
}

// publicMeta returns the compared metadata of r, sorted, as "k=v" pairs.
func publicMeta(r *model.Record) []string {
	var out []string
	for _, k := range slices.Sorted(maps.Keys(r.Meta)) {
		if strings.HasPrefix(k, metaPrivatePrefix) || r.Meta[k] == "" {
			continue
		}
		out = append(out, k+"="+r.Meta[k])
	}
	return out
}
