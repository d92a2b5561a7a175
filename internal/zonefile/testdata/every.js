var DSP_R53_MAIN = NewDnsProvider("r53_main");
var REG_CHANGEME = NewRegistrar("none");

D("example.com", REG_CHANGEME,
	DnsProvider(DSP_R53_MAIN),
	DefaultTTL(300),
	A("@", "192.0.2.1"),
	AAAA("@", "2001:db8::1"),
	CAA("@", "issue", "letsencrypt.org"),
	CAA("@", "iodef", "mailto:sec@example.com", CAA_CRITICAL),
	DNSKEY("@", 257, 3, 13, "AABBCCDD"),
	MX("@", 10, "mail.example.com."),
	MX("@", 5, "mail2.example.net."),
	//NAMESERVER("ns1.example.com.")
	//NAMESERVER("ns2.example.net.")
	R53_ALIAS("@", "A", "d111.cloudfront.net.", R53_ZONE("Z2FDTNDATAQYW2")),
	RP("@", "hostmaster.example.com.", "txt.example.com."),
	//SOA("@", "ns1.example.com.", "hostmaster.example.com.", 3600, 600, 604800, 1440, TTL(3600))
	TXT("@", "v=spf1 include:_spf.example.com -all"),
	A("*", "192.0.2.99"),
	PTR("1.2", "host.example.net."),
	OPENPGPKEY("k._openpgpkey", "mDMEAAAAARYJ"),
	SMIMEA("f10e7de0", 3, 0, 0, "30820353308202f8a003020102"),
	TLSA("_443._tcp", 3, 1, 1, "abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789"),
	SRV("_sip._tcp", 10, 60, 5060, "sip.example.net."),
	CNAME("alias", "www.example.com.", TTL(600)),
	R53_ALIAS("api", "AAAA", "lb.example.net.", R53_ZONE("Z3AADJGX6KTTL2"), R53_EVALUATE_TARGET_HEALTH(true)),
	// NOTE: bin TXT holds bytes that are not UTF-8, which a JavaScript string cannot carry; the IGNORE() below keeps it as it is
	//TXT("bin", "\xc8\xc9")
	IGNORE("bin", "TXT"),
	A("cidr", "192.0.2.41", R53_CIDR("4a1f3c2e-9b7d-4e8a-8c6f-1d2e3f4a5b6c", "office", "office")),
	DHCID("dh", "AAIBY2/AuCccgoJbsaxcQc9TUapptP69lOjxfNuVAA2kjEA="),
	DNAME("dname", "example.net."),
	A("f", "192.0.2.30", R53_FAILOVER("PRIMARY", "primary"), TTL(60)),
	TXT("geo", "north america", R53_GEO({continent: "NA"}, "na")),
	TXT("geo", "california", R53_GEO("US-CA", "us-ca")),
	// NOTE: hinfo HINFO has no dnsconfig.js function; the IGNORE() below keeps it as it is
	//HINFO("hinfo", "\"x86\" \"linux\"")
	IGNORE("hinfo", "HINFO"),
	CNAME("lat", "eu.example.net.", R53_LATENCY("eu-west-1", "euw1")),
	LOC("loc", 52, 22, 23, "N", 4, 53, 32, "E", -2, 1, 10000, 10),
	TXT("long", "012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789"),
	A("mv", "192.0.2.40", R53_MULTIVALUE("one")),
	NAPTR("naptr", 100, 10, "U", "E2U+sip", "!^.*$!sip:info@example.com!", "."),
	// NOTE: odd A (set "x") has no routing policy that dnsconfig.js can write; the IGNORE() below keeps it as it is
	//A("odd", "192.0.2.43")
	IGNORE("odd", "A"),
	A("prox", "192.0.2.42", R53_GEOPROXIMITY({coordinates: {lat: 52.52, long: "13.40"}, bias: -5}, "ber")),
	TXT("q", "say \"hi\" \\ back; semi"),
	// NOTE: smimea-elsewhere SMIMEA is not at a name ending in ._smimecert, where SMIMEA() puts its records; the IGNORE() below keeps it as it is
	//SMIMEA("smimea-elsewhere", 3, 1, 1, "abcdef")
	IGNORE("smimea-elsewhere", "SMIMEA"),
	SPF("spf", "v=spf1 -all"),
	SSHFP("ssh", 1, 2, "ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789"),
	DS("sub", 12345, 13, 2, "ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789"),
	NS("sub", "ns1.example.net."),
	HTTPS("svc", 1, ".", "alpn=\"h2,h3\""),
	SVCB("svcb", 1, "svc.example.net.", "port=\"8443\""),
	TXT("u", "café <&>"),
	A("w", "192.0.2.20", R53_WEIGHT(70, "blue"), R53_HEALTH_CHECK_ID("abc-123")),
	A("w", "192.0.2.21", R53_WEIGHT(30, "green")),
	A("www", "192.0.2.10"),
	A("www", "192.0.2.9"),
	A("xn--bcher-kva", "192.0.2.7"),
END);

