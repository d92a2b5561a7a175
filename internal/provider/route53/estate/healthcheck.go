package estate

import (
	"fmt"
	"net/netip"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Health checks: R53_HEALTH_CHECK(name, {options}) declares a Route 53
// health check owned by the domain's zone. HealthCheck is its typed form,
// with every default filled in, so that a declaration and a check read
// from Route 53 compare field by field.

// KindHealthCheck is the function that declares a health check.
const KindHealthCheck = "R53_HEALTH_CHECK"

// The health check types dnsconfig.js can declare.
const (
	HCHTTP         = "HTTP"
	HCHTTPS        = "HTTPS"
	HCHTTPStr      = "HTTP_STR_MATCH"
	HCHTTPSStr     = "HTTPS_STR_MATCH"
	HCTCP          = "TCP"
	HCCalculated   = "CALCULATED"
	HCCloudWatch   = "CLOUDWATCH_METRIC"
	hcDefaultInsuf = "LastKnownStatus"
)

var hcTypes = []string{HCHTTP, HCHTTPS, HCHTTPStr, HCHTTPSStr, HCTCP, HCCalculated, HCCloudWatch}

// HealthCheckRegions are the regions Route 53 checks endpoints from; a
// check that names none is checked from all of them.
var HealthCheckRegions = []string{"ap-northeast-1", "ap-southeast-1", "ap-southeast-2", "eu-west-1",
	"sa-east-1", "us-east-1", "us-west-1", "us-west-2"}

var hcInsufficient = []string{"Healthy", "Unhealthy", "LastKnownStatus"}

// healthCheckIDRE matches a Route 53 health check ID (a UUID).
var healthCheckIDRE = regexp.MustCompile(`^(?i)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)

// IsHealthCheckID reports whether s has the shape of a health check ID.
func IsHealthCheckID(s string) bool { return healthCheckIDRE.MatchString(s) }

// HealthCheck is one declared (or read) health check.
type HealthCheck struct {
	Name string
	Type string
	// Endpoint checks (HTTP, HTTPS, *_STR_MATCH, TCP).
	FQDN, IP         string
	Port             int
	Path, Search     string
	Interval         int
	FailureThreshold int
	// Regions, sorted; nil means all of HealthCheckRegions.
	Regions        []string
	MeasureLatency bool
	SNI            bool
	// CALCULATED: the children (declared names or health check IDs, in
	// the order given) and how many must be healthy.
	Children         []string
	HealthyThreshold int
	// CLOUDWATCH_METRIC.
	AlarmName, AlarmRegion string
	InsufficientData       string
	// Every type.
	Inverted, Disabled bool
}

// IsEndpoint reports whether the check probes an endpoint (rather than
// combining other checks or following an alarm).
func (h HealthCheck) IsEndpoint() bool {
	return h.Type != HCCalculated && h.Type != HCCloudWatch
}

func (h HealthCheck) isHTTPS() bool { return h.Type == HCHTTPS || h.Type == HCHTTPSStr }
func (h HealthCheck) isHTTP() bool  { return h.Type != HCTCP && h.IsEndpoint() }
func (h HealthCheck) isStr() bool   { return h.Type == HCHTTPStr || h.Type == HCHTTPSStr }

// DefaultPort is the port Route 53 probes when none is given (0 when the
// type has no port or needs one).
func (h HealthCheck) DefaultPort() int {
	switch {
	case h.isHTTPS():
		return 443
	case h.isHTTP():
		return 80
	}
	return 0
}

// ParseHealthCheck reads R53_HEALTH_CHECK(name, options), filling in the
// defaults and checking what Route 53 requires of each type.
func ParseHealthCheck(args []any) (_ HealthCheck, err error) {
	defer shorten(&err)
	if len(args) != 2 {
		return HealthCheck{}, fmt.Errorf("needs 2 arguments (name, options), got %d", len(args))
	}
	name, ok := args[0].(string)
	if !ok {
		return HealthCheck{}, fmt.Errorf("the name must be a string, got %s", kind(args[0]))
	}
	h, err := parseHealthCheck(name, args[1])
	if err != nil {
		return h, fmt.Errorf("health check %q: %w", name, err)
	}
	return h, nil
}

func parseHealthCheck(name string, opts any) (HealthCheck, error) {
	h := HealthCheck{Name: name}
	switch {
	case strings.TrimSpace(name) == "" || strings.TrimSpace(name) != name:
		return h, fmt.Errorf("the name must be non-empty, without spaces around it")
	case len(name) > 255:
		return h, fmt.Errorf("the name is longer than 255 characters")
	case !tagText.MatchString(name):
		return h, fmt.Errorf("the name is the check's Name tag: letters, digits, spaces and _ . : / = + - @ only")
	case IsHealthCheckID(name):
		return h, fmt.Errorf("the name must not look like a health check ID")
	}
	o := NewObject(opts, "the options")
	h.Type = strings.ToUpper(o.String("type", ""))
	if o.err == nil && !slices.Contains(hcTypes, h.Type) {
		if h.Type == "" {
			return h, fmt.Errorf("type is required (one of %s)", strings.Join(hcTypes, ", "))
		}
		return h, fmt.Errorf("type %q is not one of %s", h.Type, strings.Join(hcTypes, ", "))
	}
	// refuse fails when key is given to a type that does not take it.
	refuse := func(why string, keys ...string) {
		for _, k := range keys {
			if o.Has(k) {
				o.failf("%s does not take %s (%s)", h.Type, k, why)
			}
		}
	}
	h.Inverted = o.Bool("inverted", false)
	h.Disabled = o.Bool("disabled", false)
	switch {
	case h.IsEndpoint():
		h.readEndpoint(o)
		refuse("it probes an endpoint", "children", "healthy_threshold", "alarm", "insufficient_data")
	case h.Type == HCCalculated:
		h.Children = o.Strings("children")
		h.HealthyThreshold = o.Int("healthy_threshold", len(h.Children), 0, len(h.Children))
		if o.err == nil {
			if len(h.Children) == 0 || len(h.Children) > 256 {
				o.failf("children must name 1 to 256 health checks, got %d", len(h.Children))
			}
			for i, c := range h.Children {
				if strings.TrimSpace(c) == "" {
					o.failf("children[%d] is empty", i)
				} else if !IsHealthCheckID(c) && (len(c) > 255 || !tagText.MatchString(c)) {
					o.failf("children[%d] %q is neither a health check ID nor a check name", i, c)
				} else if slices.Contains(h.Children[:i], c) {
					o.failf("children names %q twice", c)
				} else if c == name {
					o.failf("children names the check itself")
				}
			}
		}
		refuse("it combines other checks", "fqdn", "ip", "port", "path", "search", "interval",
			"failure_threshold", "regions", "measure_latency", "sni", "alarm", "insufficient_data")
	case h.Type == HCCloudWatch:
		h.readAlarm(o)
		refuse("it follows a CloudWatch alarm", "fqdn", "ip", "port", "path", "search", "interval",
			"failure_threshold", "regions", "measure_latency", "sni", "children", "healthy_threshold")
	}
	return h, o.Done()
}

func (h *HealthCheck) readEndpoint(o *Object) {
	h.FQDN = strings.ToLower(strings.TrimSuffix(o.String("fqdn", ""), "."))
	h.IP = o.String("ip", "")
	if o.err != nil {
		return
	}
	if h.FQDN == "" && h.IP == "" {
		o.failf("%s needs fqdn or ip (the endpoint to probe)", h.Type)
	}
	if len(h.FQDN) > 255 {
		o.failf("fqdn is longer than 255 characters")
	}
	if h.IP != "" {
		a, err := netip.ParseAddr(h.IP)
		switch {
		case err != nil || a.Zone() != "":
			o.failf("ip %q is not an IPv4 or IPv6 address", h.IP)
		case unreachableByCheckers(a) != "":
			o.failf("ip %s is %s: Route 53's health checkers cannot reach it, and AWS refuses such a check (give a public address, or fqdn)", h.IP, unreachableByCheckers(a))
		default:
			h.IP = a.String()
		}
	}
	if h.Type == HCTCP && !o.Has("port") {
		o.failf("TCP needs port")
	}
	h.Port = o.Int("port", h.DefaultPort(), 1, 65535)
	if h.isHTTP() {
		h.Path = o.String("path", "")
		if h.Path != "" && !strings.HasPrefix(h.Path, "/") {
			o.failf("path %q must start with /", h.Path)
		}
		if len(h.Path) > 255 {
			o.failf("path is longer than 255 characters")
		}
	} else if o.Has("path") {
		o.failf("TCP does not take path")
	}
	if h.isStr() {
		h.Search = o.String("search", "")
		if o.err == nil && (h.Search == "" || len(h.Search) > 255) {
			o.failf("%s needs search, 1 to 255 characters (the text the response must contain)", h.Type)
		}
	} else if o.Has("search") {
		o.failf("%s does not take search (use %s_STR_MATCH)", h.Type, h.Type)
	}
	h.Interval = o.Int("interval", 30, 10, 30)
	if h.Interval != 10 && h.Interval != 30 {
		o.failf("interval must be 10 or 30 (seconds), got %d", h.Interval)
	}
	h.FailureThreshold = o.Int("failure_threshold", 3, 1, 10)
	if o.Has("regions") {
		rs := o.Strings("regions")
		for _, r := range rs {
			if !slices.Contains(HealthCheckRegions, r) {
				o.failf("region %q is not one Route 53 checks from (%s)", r, strings.Join(HealthCheckRegions, ", "))
			}
		}
		slices.Sort(rs)
		if len(slices.Compact(slices.Clone(rs))) != len(rs) {
			o.failf("regions names a region twice")
		}
		if o.err == nil && len(rs) < 3 {
			o.failf("regions must name at least 3 regions, got %d", len(rs))
		}
		if !slices.Equal(rs, HealthCheckRegions) {
			h.Regions = rs
		}
	}
	h.MeasureLatency = o.Bool("measure_latency", false)
	if h.isHTTPS() {
		h.SNI = o.Bool("sni", true)
	} else if o.Has("sni") {
		o.failf("sni is for HTTPS checks only")
	}
}

func (h *HealthCheck) readAlarm(o *Object) {
	h.InsufficientData = o.String("insufficient_data", hcDefaultInsuf)
	if o.err == nil && !slices.Contains(hcInsufficient, h.InsufficientData) {
		o.failf("insufficient_data must be one of %s, got %q", strings.Join(hcInsufficient, ", "), h.InsufficientData)
	}
	if !o.Has("alarm") {
		o.failf("CLOUDWATCH_METRIC needs alarm: {name, region}")
		return
	}
	a := NewObject(o.Value("alarm"), "alarm")
	h.AlarmName = a.String("name", "")
	h.AlarmRegion = a.String("region", "")
	if a.err == nil && (h.AlarmName == "" || h.AlarmRegion == "") {
		a.failf("needs name and region")
	}
	if err := a.Done(); err != nil {
		o.failf("alarm: %v", err)
	}
}

// Normalize makes a check read from Route 53 comparable with a declared
// one: fields its type does not use are cleared, a list of every region
// is "all", the children are kept as read.
func (h HealthCheck) Normalize() HealthCheck {
	if !h.IsEndpoint() {
		h.FQDN, h.IP, h.Port, h.Path, h.Search, h.Interval, h.FailureThreshold = "", "", 0, "", "", 0, 0
		h.Regions, h.MeasureLatency, h.SNI = nil, false, false
	}
	if h.Type != HCCalculated {
		h.Children, h.HealthyThreshold = nil, 0
	}
	if h.Type != HCCloudWatch {
		h.AlarmName, h.AlarmRegion, h.InsufficientData = "", "", ""
	} else if h.InsufficientData == "" {
		h.InsufficientData = hcDefaultInsuf
	}
	if !h.isHTTPS() {
		h.SNI = false
	}
	if !h.isStr() {
		h.Search = ""
	}
	h.FQDN = strings.ToLower(strings.TrimSuffix(h.FQDN, "."))
	h.Regions = slices.Sorted(slices.Values(h.Regions))
	if len(h.Regions) == 0 || slices.Equal(h.Regions, HealthCheckRegions) {
		h.Regions = nil
	}
	return h
}

// Equal reports whether h and o are the same check (the children compared
// as sets; the name is not compared).
func (h HealthCheck) Equal(o HealthCheck) bool {
	a, b := h, o
	a.Name, b.Name = "", ""
	a.Children = slices.Sorted(slices.Values(a.Children))
	b.Children = slices.Sorted(slices.Values(b.Children))
	return a.Type == b.Type && a.FQDN == b.FQDN && a.IP == b.IP && a.Port == b.Port && a.Path == b.Path &&
		a.Search == b.Search && a.Interval == b.Interval && a.FailureThreshold == b.FailureThreshold &&
		slices.Equal(a.Regions, b.Regions) && a.MeasureLatency == b.MeasureLatency && a.SNI == b.SNI &&
		slices.Equal(a.Children, b.Children) && a.HealthyThreshold == b.HealthyThreshold &&
		a.AlarmName == b.AlarmName && a.AlarmRegion == b.AlarmRegion && a.InsufficientData == b.InsufficientData &&
		a.Inverted == b.Inverted && a.Disabled == b.Disabled
}

// Replacement says why going from h (existing) to o (declared) cannot be
// an update of the check but needs a new one, or "" when it can.
func (h HealthCheck) Replacement(o HealthCheck) string {
	switch {
	case h.Type != o.Type:
		return fmt.Sprintf("its type cannot be updated (%s to %s)", h.Type, o.Type)
	case h.Interval != o.Interval:
		return fmt.Sprintf("its interval cannot be updated (%ds to %ds)", h.Interval, o.Interval)
	case h.MeasureLatency != o.MeasureLatency:
		return fmt.Sprintf("measure_latency cannot be updated (%v to %v)", h.MeasureLatency, o.MeasureLatency)
	case h.IP != "" && o.IP == "":
		return "its ip cannot be removed by an update"
	}
	return ""
}

// Describe renders the check in one line for a plan, children named by
// childName (which may return the ID itself).
func (h HealthCheck) Describe(childName func(string) string) string {
	var b strings.Builder
	b.WriteString(h.Type)
	switch h.Type {
	case HCCalculated:
		names := make([]string, len(h.Children))
		for i, c := range h.Children {
			names[i] = c
			if childName != nil {
				names[i] = childName(c)
			}
		}
		slices.Sort(names)
		fmt.Fprintf(&b, " healthy when %d of %d healthy: %s", h.HealthyThreshold, len(names), strings.Join(names, ", "))
	case HCCloudWatch:
		fmt.Fprintf(&b, " alarm %s in %s, insufficient data %s", h.AlarmName, h.AlarmRegion, h.InsufficientData)
	default:
		host := h.FQDN
		if h.IP != "" {
			host = h.IP
			if strings.Contains(host, ":") {
				host = "[" + host + "]"
			}
		}
		fmt.Fprintf(&b, " %s:%d%s", host, h.Port, h.Path)
		if h.IP != "" && h.FQDN != "" {
			fmt.Fprintf(&b, " (host %s)", h.FQDN)
		}
		if h.Search != "" {
			fmt.Fprintf(&b, " search %s", strconv.Quote(h.Search))
		}
		regions := "all"
		if len(h.Regions) > 0 {
			regions = strings.Join(h.Regions, ",")
		}
		fmt.Fprintf(&b, " every %ds, %d failures, regions %s", h.Interval, h.FailureThreshold, regions)
		if h.MeasureLatency {
			b.WriteString(", measuring latency")
		}
		if h.isHTTPS() && !h.SNI {
			b.WriteString(", no SNI")
		}
	}
	if h.Inverted {
		b.WriteString(", inverted")
	}
	if h.Disabled {
		b.WriteString(", disabled")
	}
	return b.String()
}

// Args returns the arguments of the R53_HEALTH_CHECK call that declares h,
// with only the options that differ from their defaults.
func (h HealthCheck) Args() []any {
	m := map[string]any{"type": h.Type}
	set := func(k string, v any, def any) {
		if v != def {
			m[k] = v
		}
	}
	switch {
	case h.IsEndpoint():
		set("fqdn", h.FQDN, "")
		set("ip", h.IP, "")
		if h.Type == HCTCP || h.Port != h.DefaultPort() {
			m["port"] = float64(h.Port)
		}
		set("path", h.Path, "")
		set("search", h.Search, "")
		set("interval", float64(h.Interval), float64(30))
		set("failure_threshold", float64(h.FailureThreshold), float64(3))
		if len(h.Regions) > 0 {
			m["regions"] = toAny(h.Regions)
		}
		set("measure_latency", h.MeasureLatency, false)
		if h.isHTTPS() {
			set("sni", h.SNI, true)
		}
	case h.Type == HCCalculated:
		m["children"] = toAny(h.Children)
		set("healthy_threshold", float64(h.HealthyThreshold), float64(len(h.Children)))
	case h.Type == HCCloudWatch:
		m["alarm"] = map[string]any{"name": h.AlarmName, "region": h.AlarmRegion}
		set("insufficient_data", h.InsufficientData, hcDefaultInsuf)
	}
	set("inverted", h.Inverted, false)
	set("disabled", h.Disabled, false)
	return []any{h.Name, m}
}

func toAny(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// sharedAddressSpace is RFC 6598's carrier-grade NAT range.
var sharedAddressSpace = netip.MustParsePrefix("100.64.0.0/10")

// unreachableByCheckers says which kind of address a is when Route 53 does
// not health-check it (local, private, non-routable or multicast ranges,
// as the CreateHealthCheck reference says), or "".
func unreachableByCheckers(a netip.Addr) string {
	a = a.Unmap()
	switch {
	case a.IsUnspecified():
		return "unspecified"
	case a.IsLoopback():
		return "a loopback address"
	case a.IsPrivate(), sharedAddressSpace.Contains(a):
		return "a private address"
	case a.IsLinkLocalUnicast():
		return "a link-local address"
	case a.IsMulticast():
		return "a multicast address"
	}
	return ""
}
