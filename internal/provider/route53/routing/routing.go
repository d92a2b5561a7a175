// Package routing holds the vocabulary of Route 53 routing policies that
// the DSL (R53_* modifiers), the provider (Prepare) and get-zones (the js
// export) must agree on: the shapes of region names, geolocation codes,
// CIDR and coordinate settings. It has no AWS SDK dependency.
package routing

import (
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

var (
	// AWSRegion is the shape of an AWS region name: us-east-1,
	// ap-southeast-2, us-gov-west-1, eusc-de-east-1.
	AWSRegion = regexp.MustCompile(`^[a-z]+(-[a-z]+)+-[0-9]+$`)
	// LocalZoneGroup is the shape of a Local Zone group: us-east-1-bue-1.
	LocalZoneGroup = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)+$`)
	// Country and Subdivision are geolocation country and subdivision codes.
	Country     = regexp.MustCompile(`^[A-Z]{2}$`)
	Subdivision = regexp.MustCompile(`^[A-Z0-9]{1,3}$`)
	// CIDRCollection and CIDRLocation are the patterns of the API's
	// CidrRoutingConfig; Latitude and Longitude those of its Coordinates.
	CIDRCollection = regexp.MustCompile(`^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$`)
	CIDRLocation   = regexp.MustCompile(`^[0-9A-Za-z_*-]{1,16}$`)
	Latitude       = regexp.MustCompile(`^[-+]?[0-9]{1,2}(\.[0-9]{0,2})?$`)
	Longitude      = regexp.MustCompile(`^[-+]?[0-9]{1,3}(\.[0-9]{0,2})?$`)
)

// MetaKeys are the record metadata keys in which R53_ALIAS and the R53_*
// modifiers pass a record set's Route 53 settings to the provider, in the
// order plans show them. DNSControl gives Route 53 no metadata of its own,
// so a plain metadata object on a record ({weight: "5"}) never sets these.
var MetaKeys = []string{"alias_type", "zone_id", "evaluate_target_health", "weight", "health_check_id",
	"failover", "latency_region", "geo_continent", "geo_country", "geo_subdivision", "multivalue",
	"cidr_collection_id", "cidr_location", "geoproximity_region", "geoproximity_local_zone_group",
	"geoproximity_latitude", "geoproximity_longitude", "geoproximity_bias"}

// ModifierOf names the dnsconfig.js function that sets the metadata key.
func ModifierOf(key string) string {
	switch key {
	case "alias_type", "zone_id":
		return "R53_ALIAS, R53_ZONE"
	case "evaluate_target_health":
		return "R53_EVALUATE_TARGET_HEALTH"
	case "weight":
		return "R53_WEIGHT"
	case "health_check_id":
		return "R53_HEALTH_CHECK_ID"
	case "failover":
		return "R53_FAILOVER"
	case "latency_region":
		return "R53_LATENCY"
	case "geo_continent", "geo_country", "geo_subdivision":
		return "R53_GEO"
	case "multivalue":
		return "R53_MULTIVALUE"
	case "cidr_collection_id", "cidr_location":
		return "R53_CIDR"
	}
	if strings.HasPrefix(key, "geoproximity_") {
		return "R53_GEOPROXIMITY"
	}
	return "none: it is kept by the provider for itself"
}

// PrivateMetaPrefix starts the metadata keys the provider keeps for itself.
const PrivateMetaPrefix = "route53_"

// MetaSameZone is set to "true" on an R53_ALIAS read from Route 53 whose
// target lies in the hosted zone the alias is in (its zone_id is that
// zone's own ID). get-zones then leaves R53_ZONE out: the configuration
// means "this zone", whatever ID a re-created zone gets.
const MetaSameZone = PrivateMetaPrefix + "same_zone"

// MetaTrafficPolicy holds, on a record read from Route 53, the ID of the
// traffic policy instance that made its record set (which dnsctl leaves
// alone, and get-zones writes only as a comment).
const MetaTrafficPolicy = PrivateMetaPrefix + "traffic_policy_instance_id"

// Reserved reports whether a plain metadata object may not set key.
func Reserved(key string) bool {
	return slices.Contains(MetaKeys, key) || strings.HasPrefix(key, PrivateMetaPrefix)
}

// MaxNameLen bounds region and Local Zone group names.
const MaxNameLen = 64

// Continents are the continent codes of Route 53 geolocation, with names.
var Continents = map[string]string{
	"AF": "Africa", "AN": "Antarctica", "AS": "Asia", "EU": "Europe",
	"OC": "Oceania", "NA": "North America", "SA": "South America",
}

// AmbiguousGeo are continent codes that are ISO 3166-1 country codes too,
// with the country's name: R53_GEO("NA") could mean either.
var AmbiguousGeo = map[string]string{
	"AF": "Afghanistan", "AS": "American Samoa", "NA": "Namibia", "SA": "Saudi Arabia",
}

// CoordinateOK reports whether s is a coordinate of shape re (Latitude or
// Longitude) within ±limit degrees.
func CoordinateOK(s string, re *regexp.Regexp, limit float64) bool {
	x, err := strconv.ParseFloat(s, 64)
	return err == nil && re.MatchString(s) && math.Abs(x) <= limit
}
