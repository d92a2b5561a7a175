package route53

import (
	"github.com/dnsctl/dnsctl/internal/provider/route53/estate"
)

// checkSetting checks the arguments of a Route 53 setting read from an IR
// file (provider.Info.CheckSetting) with the parser the DSL uses.
func checkSetting(kind string, args []any) (bool, error) {
	var err error
	switch kind {
	case estate.KindHealthCheck:
		_, err = estate.ParseHealthCheck(args)
	case estate.KindVPC:
		_, err = estate.ParseVPC(args)
	case estate.KindDNSSEC:
		_, err = estate.ParseDNSSEC(args)
	case estate.KindCIDRCollection:
		_, err = estate.ParseCIDRCollection(args)
	case estate.KindZoneComment:
		_, err = estate.ZoneComment(args)
	case estate.KindZoneTags:
		_, err = estate.ZoneTags(args)
	case estate.KindQueryLog:
		_, err = estate.ParseQueryLog(args)
	default:
		return false, nil
	}
	return true, err
}
