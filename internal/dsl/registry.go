package dsl

// The registry: every global name the DSL defines (Go built-ins and the
// JavaScript prelude alike), what kind of thing it is, its parameters with
// their TypeScript types, and one line saying what it does. write-types
// generates types-dnscontrol.d.ts from it (see typescript.go), and
// TestRegistryMatchesEvaluator fails, naming the entries to add or remove,
// when the table and the evaluator's globals disagree.

// Kind is what a global of the DSL is.
type Kind string

// The kinds of globals.
const (
	// KindTopLevel is called at the top of dnsconfig.js (D, NewRegistrar,
	// require) or computes a value (IP, REV).
	KindTopLevel Kind = "top-level"
	// KindRecord adds a record: an argument of D() taking the label first
	// and record modifiers last.
	KindRecord Kind = "record"
	// KindDomainModifier returns a value that goes inside D().
	KindDomainModifier Kind = "domain modifier"
	// KindRecordModifier returns a value that goes inside a record call.
	KindRecordModifier Kind = "record modifier"
	// KindConstant is a value used without calling it (NO_PURGE, END).
	KindConstant Kind = "constant"
	// KindBuiltin is a global the TypeScript standard library already
	// declares (console); write-types leaves it out.
	KindBuiltin Kind = "builtin"
)

// Param is one parameter of a function.
type Param struct {
	Name string
	// Type is the TypeScript type (of each element, for a Rest parameter).
	Type     string
	Optional bool
	// Rest takes any number of arguments (always the last parameter).
	Rest bool
}

// Global is one name the DSL defines.
type Global struct {
	Name string
	Kind Kind
	// Params of a function (nil for a constant).
	Params []Param
	// Type is the TypeScript type of a constant, or what a function
	// returns.
	Type string
	// Doc says in one line what it does.
	Doc string
}

// IsFunction reports whether g is called (rather than used as a value).
func (g Global) IsFunction() bool { return g.Kind != KindConstant && g.Kind != KindBuiltin }

func p(name, typ string) Param    { return Param{Name: name, Type: typ} }
func opt(name, typ string) Param  { return Param{Name: name, Type: typ, Optional: true} }
func rest(name, typ string) Param { return Param{Name: name, Type: typ, Rest: true} }
func recMods() Param              { return rest("modifiers", "RecordModifier") }
func domMods() Param              { return rest("modifiers", "DomainModifier") }
func constant(name, typ, doc string) Global {
	return Global{Name: name, Kind: KindConstant, Type: typ, Doc: doc}
}

// top is a top-level function returning ret.
func top(name, ret, doc string, params ...Param) Global {
	return Global{Name: name, Kind: KindTopLevel, Params: params, Type: ret, Doc: doc}
}

// domainMod is a function whose result goes inside D().
func domainMod(name, doc string, params ...Param) Global {
	return Global{Name: name, Kind: KindDomainModifier, Params: params, Type: "DomainModifier", Doc: doc}
}

// recordMod is a function whose result goes inside a record call.
func recordMod(name, doc string, params ...Param) Global {
	return Global{Name: name, Kind: KindRecordModifier, Params: params, Type: "RecordModifier", Doc: doc}
}

// record is a record function: (name, params..., ...modifiers).
func record(name, doc string, params ...Param) Global {
	ps := append([]Param{p("name", "string")}, params...)
	return Global{Name: name, Kind: KindRecord, Params: append(ps, recMods()), Type: "DomainModifier", Doc: doc}
}

// builder is a function taking one options object and returning records.
func builder(name, opts, doc string) Global {
	return Global{Name: name, Kind: KindDomainModifier, Params: []Param{p("opts", opts)}, Type: "DomainModifier", Doc: doc}
}

// Registry returns every global of the DSL, sorted by kind then name as
// written here. The slice is new on each call.
func Registry() []Global {
	return []Global{
		// Top level.
		top("D", "void", "Declares a domain (a zone): its registrar, then its DNS providers, records and modifiers.",
			p("name", "string"), p("registrar", "string"), domMods()),
		top("D_EXTEND", "void", "Adds records and modifiers to a domain declared earlier, or to a subdomain of it.",
			p("name", "string"), domMods()),
		top("DEFAULTS", "void", "Sets modifiers every later D() starts with.", domMods()),
		top("NewRegistrar", "string", "Declares a registrar from a creds.json entry (type and metadata optional); returns its name for D().",
			p("name", "string"), opt("type", "string | object"), opt("meta", "object")),
		top("NewDnsProvider", "string", "Declares a DNS provider from a creds.json entry (type and metadata optional); returns its name for DnsProvider().",
			p("name", "string"), opt("type", "string | object"), opt("meta", "object")),
		top("R53_CIDR_COLLECTION", "DomainModifier", "Declares a Route 53 CIDR collection of the account: its locations and their CIDR blocks, or false to delete it (also accepted inside D()).",
			p("name", "string"), p("locations", "Record<string, string | string[]> | false")),
		top("DOMAIN_ELSEWHERE", "void", "Declares a domain whose records live elsewhere: only its delegation to the given name servers is managed.",
			p("name", "string"), p("registrar", "string"), p("nameservers", "string[]")),
		top("DOMAIN_ELSEWHERE_AUTO", "void", "Declares a domain delegated to the name servers of DNS providers that do not get its records.",
			p("name", "string"), p("registrar", "string"), rest("dnsProviders", "string")),
		top("require", "any", "Runs another JavaScript file, or returns the parsed content of a .json file; paths are relative to the requiring file.",
			p("path", "string")),
		top("require_glob", "void", "Runs every .js file of a directory (and of its subdirectories unless recursive is false).",
			p("path", "string"), opt("recursive", "boolean")),
		top("glob", "string[]", "Returns the files of a directory with an extension (default .js), recursively unless recursive is false.",
			p("path", "string"), opt("recursive", "boolean"), opt("extension", "string")),
		top("getConfiguredDomains", "string[]", "Returns the names of the domains declared so far."),
		top("CLI_DEFAULTS", "void", "Defines each global variable the command line (-v name=value) did not set.",
			p("defaults", "Record<string, unknown>")),
		top("PANIC", "never", "Stops the evaluation with an error.", p("message", "string")),
		top("IP", "number", "Returns an IPv4 address as a number.", p("address", "string")),
		top("REV", "string", "Returns the reverse-lookup zone of an address block (RFC 2317 names past /24), or the reverse name of one address.",
			p("address", "string")),
		top("REVCOMPAT", "string", "Chooses how REV() names classless reverse zones (DNSControl's compatibility switch).", p("rfc", "string")),
		top("HASH", "string", "Returns the hex digest of a string (SHA1, SHA256 or SHA512).",
			p("algorithm", `"SHA1" | "SHA256" | "SHA512"`), p("value", "string")),
		top("FETCH", "Promise<any>", "Fetches a URL while evaluating (needs --allow-fetch).", p("url", "string"), opt("init", "object")),

		// Domain modifiers.
		domainMod("DnsProvider", "Serves the domain from a DNS provider; nsCount limits how many of its name servers are delegated to (0: none).",
			p("name", "string"), opt("nsCount", "number")),
		domainMod("DefaultTTL", "Sets the TTL of the records that follow in the domain and have no TTL() of their own.", p("ttl", "Duration")),
		domainMod("NAMESERVER", "Adds a name server to the domain's delegation and apex NS records.", p("name", "string")),
		domainMod("NAMESERVER_TTL", "Sets the TTL of the apex NS records NAMESERVER() and the providers give.", p("ttl", "Duration")),
		domainMod("IGNORE", "Leaves records matching a label glob, a list of types and a target glob as they are at the provider.",
			p("labelSpec", "string | string[]"), opt("typeSpec", "string | string[]"), opt("targetSpec", "string | string[]")),
		domainMod("IGNORE_NAME", "Leaves records of matching labels (and types) as they are at the provider.",
			p("pattern", "string | string[]"), opt("rTypes", "string | string[]")),
		domainMod("IGNORE_TARGET", "Leaves records of matching targets (and type) as they are at the provider.",
			p("pattern", "string | string[]"), opt("rType", "string | string[]")),
		domainMod("IGNORE_EXTERNAL_DNS", "Leaves the records external-dns owns (and its ownership TXT records) as they are.", opt("prefix", "string")),
		domainMod("INCLUDE", "Copies the records of another domain declared earlier.", p("domain", "string")),
		domainMod("IMPORT_TRANSFORM", "Copies the address records of another domain, addresses mapped by a translation table, with one TTL.",
			p("translation_table", "string | string[][]"), p("domain", "string"), p("ttl", "number"), recMods()),
		domainMod("IMPORT_TRANSFORM_STRIP", "IMPORT_TRANSFORM that also strips a suffix from the copied names.",
			p("translation_table", "string | string[][]"), p("domain", "string"), p("ttl", "number"), p("suffixstrip", "string"), recMods()),
		{Name: "R53_ZONE", Kind: KindDomainModifier, Params: []Param{p("zone_id", "string")}, Type: "DomainModifier & RecordModifier",
			Doc: "Pins the domain, or the target of an R53_ALIAS record, to a Route 53 hosted zone ID."},
		domainMod("R53_ZONE_COMMENT", "Sets the comment of the domain's Route 53 hosted zone (at most 256 characters).", p("comment", "string")),
		domainMod("R53_ZONE_TAGS", "Sets tags of the domain's Route 53 hosted zone; others are kept unless {purge: true}.",
			p("tags", "Record<string, string>"), opt("options", "{ purge?: boolean }")),
		domainMod("R53_QUERY_LOG", "Sends the Route 53 hosted zone's DNS query logs to a CloudWatch Logs log group in us-east-1 (false: none).",
			p("log_group_arn", "string | false")),
		domainMod("R53_VPC", "Makes the domain a Route 53 private hosted zone answering in the VPC; repeat it for each VPC (account names the creds.json entry of another AWS account that owns the VPC).",
			p("vpc_id", "string"), p("region", "string"), opt("options", "{ account?: string }")),
		domainMod("R53_DNSSEC", "Route 53 DNSSEC signing of the zone: {kms_key, ksk, registrar} turns it on, false turns it off (DS first).",
			p("options", "{kms_key: string, ksk?: string, registrar?: boolean} | false"), opt("offOptions", "{ds_removed?: boolean}")),
		domainMod("R53_HEALTH_CHECK", "Declares a Route 53 health check owned by the domain's zone; records use it with R53_HEALTH_CHECK_NAME.",
			p("name", "string"), p("options", `{ type: "HTTP" | "HTTPS" | "HTTP_STR_MATCH" | "HTTPS_STR_MATCH" | "TCP" | "CALCULATED" | "CLOUDWATCH_METRIC"; fqdn?: string; ip?: string; port?: number; path?: string; search?: string; interval?: 10 | 30; failure_threshold?: number; regions?: string[]; measure_latency?: boolean; inverted?: boolean; disabled?: boolean; sni?: boolean; children?: string[]; healthy_threshold?: number; alarm?: { name: string; region: string }; insufficient_data?: "Healthy" | "Unhealthy" | "LastKnownStatus" }`)),
		domainMod("CF_REDIRECT", "Cloudflare page-rule redirect (301); Cloudflare only.", p("source", "string"), p("destination", "string"), recMods()),
		domainMod("CF_TEMP_REDIRECT", "Cloudflare page-rule redirect (302); Cloudflare only.", p("source", "string"), p("destination", "string"), recMods()),
		domainMod("CF_SINGLE_REDIRECT", "Cloudflare single redirect rule; Cloudflare only.",
			p("name", "string"), p("code", "number"), p("when", "string"), p("then", "string"), recMods()),
		domainMod("CF_WORKER_ROUTE", "Cloudflare Worker route; Cloudflare only.", p("pattern", "string"), p("script", "string")),
		domainMod("ADGUARDHOME_A_PASSTHROUGH", "AdGuard Home A pass-through rule; AdGuard Home only.", p("source", "string"), p("destination", "string")),
		domainMod("ADGUARDHOME_AAAA_PASSTHROUGH", "AdGuard Home AAAA pass-through rule; AdGuard Home only.", p("source", "string"), p("destination", "string")),

		// Records.
		record("A", "IPv4 address record.", p("address", "string | number")),
		record("AAAA", "IPv6 address record.", p("address", "string")),
		record("CNAME", "Canonical name (alias) record.", p("target", "string")),
		record("NS", "Name server record (a delegation below the apex).", p("target", "string")),
		record("PTR", "Pointer record (reverse lookups); the label may be an address.", p("target", "string")),
		record("MX", "Mail exchanger record.", p("priority", "number"), p("target", "string")),
		record("SRV", "Service locator record.", p("priority", "number"), p("weight", "number"), p("port", "number"), p("target", "string")),
		record("CAA", "Certification authority authorization record (CAA_CRITICAL sets the critical flag).",
			p("tag", `"issue" | "issuewild" | "iodef" | "contactemail" | "contactphone" | "issuemail" | "issuevmc" | string`), p("value", "string")),
		record("SSHFP", "SSH key fingerprint record.", p("algorithm", "number"), p("fptype", "number"), p("fingerprint", "string")),
		record("TLSA", "DANE TLS association record.", p("usage", "number"), p("selector", "number"), p("matchingtype", "number"), p("certificate", "string")),
		record("DS", "Delegation signer record.", p("keytag", "number"), p("algorithm", "number"), p("digesttype", "number"), p("digest", "string")),
		record("NAPTR", "Naming authority pointer record.",
			p("order", "number"), p("preference", "number"), p("flags", "string"), p("service", "string"), p("regexp", "string"), p("target", "string")),
		record("HTTPS", "HTTPS service binding record (RFC 9460).", p("priority", "number"), p("target", "string"), opt("params", "string")),
		record("SVCB", "General service binding record (RFC 9460).", p("priority", "number"), p("target", "string"), opt("params", "string")),
		record("SOA", "Start of authority values (the serial is the provider's).",
			p("ns", "string"), p("mbox", "string"), p("refresh", "number"), p("retry", "number"), p("expire", "number"), p("minttl", "number")),
		record("LOC", "Location record, in degrees, minutes and seconds.",
			p("d1", "number"), p("m1", "number"), p("s1", "number"), p("ns", `"N" | "S"`),
			p("d2", "number"), p("m2", "number"), p("s2", "number"), p("ew", `"E" | "W"`),
			p("alt", "number"), p("siz", "number"), p("hp", "number"), p("vp", "number")),
		record("TXT", "Text record; an array gives several strings in one record.", p("contents", "string | string[]")),
		record("SPF", "Legacy SPF-type record (use TXT).", p("contents", "string | string[]")),
		record("R53_ALIAS", "Route 53 alias to another record set or an AWS resource; R53_ZONE() names a target zone.",
			p("type", "string"), p("target", "string")),
		record("DHCID", "DHCP identifier record.", p("digest", "string")),
		record("RP", "Responsible person record: a mailbox and the name of a TXT record.", p("mbox", "string"), p("txt", "string")),
		record("DNAME", "Delegation name record (a whole subtree).", p("target", "string")),
		record("DNSKEY", "DNS public key record.", p("flags", "number"), p("protocol", "number"), p("algorithm", "number"), p("publicKey", "string")),
		record("OPENPGPKEY", "OpenPGP public key record.", p("target", "string")),
		record("SMIMEA", "S/MIME certificate association record.", p("usage", "number"), p("selector", "number"), p("type", "number"), p("certificate", "string")),
		record("ALIAS", "Apex alias of providers that have one (at Route 53, use R53_ALIAS).", p("target", "string")),
		record("AZURE_ALIAS", "Azure DNS alias; Azure only.", p("type", `"A" | "AAAA" | "CNAME"`), p("target", "string")),
		record("AKAMAICDN", "Akamai CDN alias; Akamai only.", p("target", "string")),
		record("AKAMAITLC", "Akamai top-level CNAME; Akamai only.", p("answer_type", `"DUAL" | "A" | "AAAA"`), p("target", "string")),
		record("CLOUDNS_WR", "ClouDNS web redirect; ClouDNS only.", p("target", "string")),
		record("URL", "Temporary URL redirect of providers that have one.", p("target", "string")),
		record("URL301", "Permanent URL redirect of providers that have one.", p("target", "string")),
		record("FRAME", "Framed redirect of providers that have one.", p("target", "string")),
		record("NS1_URLFWD", "NS1 URL forwarding; NS1 only.", p("target", "string")),
		record("PORKBUN_URLFWD", "Porkbun URL forwarding; Porkbun only.", p("target", "string")),
		record("BUNNY_DNS_RDR", "Bunny DNS redirect; Bunny DNS only.", p("target", "string")),
		record("LUA", "PowerDNS Lua record; PowerDNS only.", p("rtype", "string"), p("contents", "string | string[]")),

		// Builders (they return records for D()).
		builder("CAA_BUILDER", "{ label?: string; iodef?: string; iodef_critical?: boolean; issue?: string | string[]; issue_critical?: boolean; issuewild?: string | string[]; issuewild_critical?: boolean; issuevmc?: string | string[]; issuevmc_critical?: boolean; issuemail?: string | string[]; issuemail_critical?: boolean; ttl?: Duration }",
			"Builds the CAA records of a policy: iodef, then one record per authority and property (\"none\" forbids all)."),
		builder("DMARC_BUILDER", "{ label?: string; version?: string; policy: 'none' | 'quarantine' | 'reject'; subdomainPolicy?: 'none' | 'quarantine' | 'reject'; alignmentSPF?: 'strict' | 's' | 'relaxed' | 'r'; alignmentDKIM?: 'strict' | 's' | 'relaxed' | 'r'; percent?: number; rua?: string | string[]; ruf?: string | string[]; failureOptions?: string | { SPF?: boolean; DKIM?: boolean }; failureFormat?: string; reportInterval?: Duration; ttl?: Duration }",
			"Builds the _dmarc TXT record of a DMARC policy."),
		builder("DKIM_BUILDER", "{ selector: string; pubkey?: string; label?: string; version?: string; hashtypes?: string | string[]; keytype?: string; note?: string; servicetypes?: string | string[]; flags?: string | string[]; ttl?: Duration }",
			"Builds the selector._domainkey TXT record of a DKIM key."),
		builder("SPF_BUILDER", "{ label?: string; overflow?: string; overhead1?: string; raw?: string; ttl?: Duration; txtMaxSize?: number; parts: string[]; flatten?: string[] }",
			"Builds the SPF TXT records of a policy, split into chained records when too long."),
		builder("M365_BUILDER", "{ label?: string; mx?: boolean; autodiscover?: boolean; dkim?: boolean; skypeForBusiness?: boolean; mdm?: boolean; domainGUID?: string; initialDomain?: string }",
			"Builds the records Microsoft 365 asks for (MX, autodiscover, DKIM, …)."),
		builder("LOC_BUILDER_DD", "{ label?: string; x: number; y: number; alt?: number; ttl?: Duration }",
			"Builds a LOC record from decimal degrees."),
		builder("LOC_BUILDER_DMM_STR", "{ label?: string; str: string; alt?: number; ttl?: Duration }",
			"Builds a LOC record from a degrees and decimal minutes string."),
		builder("LOC_BUILDER_DMS_STR", "{ label?: string; str: string; alt?: number; ttl?: Duration }",
			"Builds a LOC record from a degrees, minutes and seconds string."),
		builder("LOC_BUILDER_STR", "{ label?: string; str: string; alt?: number; ttl?: Duration }",
			"Builds a LOC record from a coordinate string in any of the usual notations."),
		top("DKIM", "string", "Returns its argument (kept for old configurations).", p("value", "string")),

		// Record modifiers.
		recordMod("ENSURE_ABSENT_REC", "Makes the record one that must not exist: push deletes it if the provider has it."),
		recordMod("TTL", "Sets the record's TTL (seconds, or a duration such as \"5m\").", p("ttl", "Duration")),
		recordMod("R53_WEIGHT", "Route 53 weighted routing: the record set's weight and set identifier.",
			p("weight", "number"), p("set_identifier", "string")),
		recordMod("R53_FAILOVER", "Route 53 failover routing: PRIMARY or SECONDARY, and the set identifier.",
			p("role", `"PRIMARY" | "SECONDARY"`), p("set_identifier", "string")),
		recordMod("R53_LATENCY", "Route 53 latency routing: the AWS region, and the set identifier.",
			p("region", "string"), p("set_identifier", "string")),
		recordMod("R53_GEO", "Route 53 geolocation routing: a continent, country or subdivision code (or \"*\"), and the set identifier.",
			p("location", "string | { continent?: string; country?: string; subdivision?: string }"), p("set_identifier", "string")),
		recordMod("R53_MULTIVALUE", "Route 53 multivalue answer routing, with the set identifier.", p("set_identifier", "string")),
		recordMod("R53_CIDR", "Route 53 IP-based routing: CIDR collection ID (or the name of a declared R53_CIDR_COLLECTION), location name, set identifier.",
			p("collection", "string"), p("location_name", "string"), p("set_identifier", "string")),
		recordMod("R53_GEOPROXIMITY", "Route 53 geoproximity routing: a region, local zone group or coordinates with an optional bias, and the set identifier.",
			p("location", "{ region?: string; localZoneGroup?: string; coordinates?: { lat: number | string; long: number | string }; bias?: number }"), p("set_identifier", "string")),
		recordMod("R53_HEALTH_CHECK_ID", "Route 53 health check of the record.", p("health_check_id", "string")),
		recordMod("R53_HEALTH_CHECK_NAME", "Route 53 health check of the record, by the name an R53_HEALTH_CHECK of the domain declares.", p("name", "string")),
		recordMod("R53_EVALUATE_TARGET_HEALTH", "Whether a Route 53 alias evaluates its target's health.", p("enabled", "boolean")),

		// Constants.
		constant("_", "any", "The underscore.js utility functions DNSControl preloads (_.each, _.map, _.filter…)."),
		constant("END", "DomainModifier & RecordModifier", "Does nothing: ends an argument list that has a trailing comma."),
		constant("NO_PURGE", "DomainModifier", "Keeps records at the provider that the configuration does not declare."),
		constant("PURGE", "DomainModifier", "Deletes records at the provider that the configuration does not declare (the default)."),
		constant("AUTODNSSEC", "DomainModifier", "Legacy DNSSEC switch; has no effect."),
		constant("AUTODNSSEC_ON", "DomainModifier", "Asks the provider to sign the zone with DNSSEC."),
		constant("AUTODNSSEC_OFF", "DomainModifier", "Asks the provider not to sign the zone with DNSSEC."),
		constant("AUTOSPLIT", "RecordModifier", "Legacy switch: long TXT strings are always split; has no effect."),
		constant("DISABLE_IGNORE_SAFETY_CHECK", "DomainModifier", "Allows records the configuration declares that an IGNORE rule also matches."),
		constant("CAA_CRITICAL", "RecordModifier", "Sets the critical flag of a CAA record."),
		constant("DISABLE_REPEATED_DOMAIN_CHECK", "RecordModifier", "Allows a record label that repeats the domain name."),
		constant("IGNORE_NAME_DISABLE_SAFETY_CHECK", "RecordModifier", "Allows a record that an IGNORE_NAME rule also matches."),

		// Declared by TypeScript's own library.
		{Name: "console", Kind: KindBuiltin, Doc: "console.log prints to standard error while evaluating."},
		// Records and settings of other DNSControl providers (inert here).
		record("BUNNY_DNS_PZ", "Bunny DNS pull-zone record; Bunny DNS only.", p("pullZoneId", "string | number")),
		constant("CF_CNAME_FLATTEN_OFF", "RecordModifier", "Cloudflare: do not flatten the CNAME; Cloudflare only."),
		constant("CF_CNAME_FLATTEN_ON", "RecordModifier", "Cloudflare: flatten the CNAME; Cloudflare only."),
		recordMod("CF_COMMENT", "Cloudflare: the record's comment; Cloudflare only.", p("comment", "string")),
		constant("CF_MANAGE_COMMENTS", "DomainModifier", "Cloudflare: manage record comments; Cloudflare only."),
		constant("CF_MANAGE_TAGS", "DomainModifier", "Cloudflare: manage record tags; Cloudflare only."),
		constant("CF_PROXY_DEFAULT_OFF", "DomainModifier", "Cloudflare: do not proxy the domain's records by default; Cloudflare only."),
		constant("CF_PROXY_DEFAULT_ON", "DomainModifier", "Cloudflare: proxy the domain's records by default; Cloudflare only."),
		constant("CF_PROXY_FULL", "RecordModifier", "Cloudflare: proxy the record with Railgun; Cloudflare only."),
		constant("CF_PROXY_OFF", "RecordModifier", "Cloudflare: do not proxy the record; Cloudflare only."),
		constant("CF_PROXY_ON", "RecordModifier", "Cloudflare: proxy the record; Cloudflare only."),
		recordMod("CF_TAGS", "Cloudflare: the record's tags; Cloudflare only.", rest("tags", "string")),
		constant("CF_UNIVERSALSSL_OFF", "DomainModifier", "Cloudflare: disable Universal SSL; Cloudflare only."),
		constant("CF_UNIVERSALSSL_ON", "DomainModifier", "Cloudflare: enable Universal SSL; Cloudflare only."),
		domainMod("GIDINET_PREMIUM_NS", "Gidinet premium name servers as NAMESERVER()s; Gidinet only."),
		recordMod("HEDNS_DDNS_KEY", "Hurricane Electric: the record's dynamic DNS key; HEDNS only.", p("key", "string")),
		constant("HEDNS_DYNAMIC_OFF", "RecordModifier", "Hurricane Electric: make the record static; HEDNS only."),
		constant("HEDNS_DYNAMIC_ON", "RecordModifier", "Hurricane Electric: make the record dynamic; HEDNS only."),
		record("MIKROTIK_FORWARDER", "MikroTik RouterOS named forwarder; MikroTik only.", p("dns_servers", "string")),
		record("MIKROTIK_FWD", "MikroTik RouterOS forwarding entry; MikroTik only.", p("target", "string")),
		{Name: "MIKROTIK_NXDOMAIN", Kind: KindRecord, Params: []Param{p("name", "string"), recMods()}, Type: "DomainModifier", Doc: "MikroTik RouterOS NXDOMAIN entry; MikroTik only."},
	}
}
