package conformance

// ourGroups are groups DNSControl's suite does not have: what its
// configuration check refuses although Route 53 serves it (several
// CNAMEs at a name, each with a routing policy), the types dnsctl's
// Route 53 serves beyond DNSControl's capability flags (DS, NAPTR), the
// other routing policies, NO_PURGE, and language features the suite
// reaches only through the harness (TXT string lists, IGNORE globs).
func ourGroups() []Group {
	const hc = `"abcdef11-2222-3333-4444-555555fedcba"`
	return []Group{
		// DNSControl's check refuses two CNAMEs at one name ("cannot have
		// multiple CNAMEs with same name", pkg/normalize/validate.go); its
		// suite reaches Route 53 only by building the records itself.
		{Name: "R53 weighted CNAMEs", Ours: true, Only: []string{"ROUTE53"}, States: []State{
			{Name: "two weighted CNAMEs", JS: `CNAME("files", "blue.example.net.", R53_WEIGHT(1, "files-blue")), CNAME("files", "green.example.net.", R53_WEIGHT(0, "files-green"))`},
			{Name: "change a target", JS: `CNAME("files", "blue.example.net.", R53_WEIGHT(1, "files-blue")), CNAME("files", "green2.example.net.", R53_WEIGHT(0, "files-green"))`},
			{Name: "change a TTL and a weight", JS: `CNAME("files", "blue.example.net.", TTL(60), R53_WEIGHT(2, "files-blue")), CNAME("files", "green2.example.net.", TTL(60), R53_WEIGHT(0, "files-green"))`},
			{Name: "delete one", JS: `CNAME("files", "blue.example.net.", TTL(60), R53_WEIGHT(2, "files-blue"))`},
			{Name: "add one under a new identifier", JS: `CNAME("files", "blue.example.net.", TTL(60), R53_WEIGHT(2, "files-blue")), CNAME("files", "red.example.net.", TTL(60), R53_WEIGHT(1, "files-red"))`},
			{Name: "weighted to a plain CNAME", JS: `CNAME("files", "plain.example.net.")`},
			{Name: "plain back to weighted", JS: `CNAME("files", "north.example.net.", R53_WEIGHT(3, "files-north")), CNAME("files", "south.example.net.", R53_WEIGHT(4, "files-south"))`},
			{Name: "weighted CNAMEs to weighted A records", JS: `A("files", "192.0.2.31", R53_WEIGHT(3, "files-north")), A("files", "192.0.2.32", R53_WEIGHT(4, "files-south"))`},
		}},
		{Name: "R53 weighted aliases", Ours: true, Requires: []string{"CanUseRoute53Alias"}, States: []State{
			{Name: "weighted aliases to two names", JS: `A("blue", "192.0.2.1"), A("green", "192.0.2.2"),
				R53_ALIAS("lb", "A", "blue." + DOMAIN + ".", R53_WEIGHT(9, "lb-blue")),
				R53_ALIAS("lb", "A", "green." + DOMAIN + ".", R53_WEIGHT(1, "lb-green"))`},
			{Name: "shift the weights", JS: `A("blue", "192.0.2.1"), A("green", "192.0.2.2"),
				R53_ALIAS("lb", "A", "blue." + DOMAIN + ".", R53_WEIGHT(1, "lb-blue")),
				R53_ALIAS("lb", "A", "green." + DOMAIN + ".", R53_WEIGHT(9, "lb-green"))`},
			{Name: "evaluate target health on one", JS: `A("blue", "192.0.2.1"), A("green", "192.0.2.2"),
				R53_ALIAS("lb", "A", "blue." + DOMAIN + ".", R53_WEIGHT(1, "lb-blue"), R53_EVALUATE_TARGET_HEALTH(true)),
				R53_ALIAS("lb", "A", "green." + DOMAIN + ".", R53_WEIGHT(9, "lb-green"))`},
		}},
		{Name: "R53 aliases outside the zone", Ours: true, Requires: []string{"CanUseRoute53Alias"}, States: []State{
			{Name: "apex alias, CloudFront alias", JS: `A("www", "192.0.2.10"), AAAA("www", "2001:db8::10"),
				R53_ALIAS("@", "A", "www." + DOMAIN + "."), R53_ALIAS("@", "AAAA", "www." + DOMAIN + "."),
				R53_ALIAS("cdn", "A", "d111111abcdef8.cloudfront.net.", R53_ZONE("Z2FDTNDATAQYW2"))`},
			{Name: "another distribution, one apex alias gone", JS: `A("www", "192.0.2.10"), AAAA("www", "2001:db8::10"),
				R53_ALIAS("@", "A", "www." + DOMAIN + "."),
				R53_ALIAS("cdn", "A", "d222222abcdef8.cloudfront.net.", R53_ZONE("Z2FDTNDATAQYW2"))`},
			{Name: "alias to a plain A record", JS: `A("www", "192.0.2.10"), AAAA("www", "2001:db8::10"), A("@", "192.0.2.10"),
				R53_ALIAS("cdn", "A", "d222222abcdef8.cloudfront.net.", R53_ZONE("Z2FDTNDATAQYW2"))`},
		}},
		{Name: "R53 weighted CNAME beside a weighted alias", Ours: true, Only: []string{"ROUTE53"}, States: []State{
			{Name: "a CNAME and an alias of type CNAME, weighted", JS: `CNAME("t", "x.example.net."),
				CNAME("mix", "a.example.net.", R53_WEIGHT(1, "m-a")), R53_ALIAS("mix", "CNAME", "t." + DOMAIN + ".", R53_WEIGHT(1, "m-b"))`},
			{Name: "change the CNAME's TTL only", JS: `CNAME("t", "x.example.net."),
				CNAME("mix", "a.example.net.", TTL(60), R53_WEIGHT(1, "m-a")), R53_ALIAS("mix", "CNAME", "t." + DOMAIN + ".", R53_WEIGHT(1, "m-b"))`},
		}},
		{Name: "capitals in names and targets", Ours: true, States: []State{
			{Name: "capitals everywhere", JS: `CNAME("WWW", "Target.Example.NET."), MX("@", 10, "MX.Example.NET."), SRV("_SIP._TCP", 1, 2, 3, "SIP.Example.NET.")`},
			{Name: "the same in lower case", JS: `CNAME("www", "target.example.net."), MX("@", 10, "mx.example.net."), SRV("_sip._tcp", 1, 2, 3, "sip.example.net.")`, NoChanges: true},
		}},
		{Name: "IGNORE with Unicode names", Ours: true, States: []State{
			{Name: "create", JS: `A("bücher", "192.0.2.1"), A("www", "192.0.2.2")`},
			{Name: "ignore by the Unicode name", JS: `A("www", "192.0.2.2"), IGNORE_NAME("bücher")`, NoChanges: true},
			{Name: "a CNAME to a Unicode target", JS: `CNAME("c", "bücher.example.net."), A("www", "192.0.2.2"), IGNORE_NAME("bücher")`},
			{Name: "ignore by the Unicode target", JS: `A("www", "192.0.2.2"), IGNORE_NAME("bücher"), IGNORE_TARGET("bücher.example.net.", "CNAME")`, NoChanges: true},
		}},
		{Name: "R53 routing policies", Ours: true, Only: []string{"ROUTE53"}, States: []State{
			{Name: "failover, latency, geo, multivalue", JS: `
				A("www", "192.0.2.1", TTL(60), R53_FAILOVER("PRIMARY", "www-a"), R53_HEALTH_CHECK_ID(` + hc + `)),
				A("www", "192.0.2.2", TTL(60), R53_FAILOVER("SECONDARY", "www-b")),
				CNAME("lat", "us.example.net.", R53_LATENCY("us-east-1", "use1")),
				CNAME("lat", "eu.example.net.", R53_LATENCY("eu-west-1", "euw1")),
				TXT("geo", "hello europe", R53_GEO("EU", "eu")),
				TXT("geo", "hello", R53_GEO("*", "default")),
				A("mv", "192.0.2.10", R53_MULTIVALUE("mv-1")),
				A("mv", "192.0.2.11", R53_MULTIVALUE("mv-2"))`},
			{Name: "change inside each policy", JS: `
				A("www", "192.0.2.3", TTL(60), R53_FAILOVER("PRIMARY", "www-a"), R53_HEALTH_CHECK_ID(` + hc + `)),
				A("www", "192.0.2.2", TTL(60), R53_FAILOVER("SECONDARY", "www-b")),
				CNAME("lat", "us2.example.net.", R53_LATENCY("us-east-1", "use1")),
				CNAME("lat", "eu.example.net.", R53_LATENCY("eu-west-1", "euw1")),
				TXT("geo", "hallo", R53_GEO("DE", "de")),
				TXT("geo", "hello", R53_GEO("*", "default")),
				A("mv", "192.0.2.10", R53_MULTIVALUE("mv-1")),
				A("mv", "192.0.2.12", R53_MULTIVALUE("mv-3"))`},
			{Name: "policies to plain records", JS: `A("www", "192.0.2.3"), CNAME("lat", "us2.example.net."), TXT("geo", "hello"), A("mv", "192.0.2.10"), A("mv", "192.0.2.12")`},
		}},
		{Name: "R53 DS at a delegation", Ours: true, Only: []string{"ROUTE53"}, States: []State{
			{Name: "NS and DS at a child", JS: `NS("child", "ns1.example.net."), DS("child", 1, 13, 1, "da39a3ee5e6b4b0d3255bfef95601890afd80709")`},
			{Name: "change the DS", JS: `NS("child", "ns1.example.net."), DS("child", 8857, 8, 2, "4b9b6b073edd97feb5bc12dc4e1b32d2c6af7ae23a293936ceb87bb10494ec44")`},
			{Name: "two DS", JS: `NS("child", "ns1.example.net."), DS("child", 8857, 8, 2, "4b9b6b073edd97feb5bc12dc4e1b32d2c6af7ae23a293936ceb87bb10494ec44"),
				DS("child", 1501, 13, 1, "ee02c885b5b4ed64899f2d43eb2b8e6619bdb50c")`},
		}},
		// moto 5.2.1 deletes every set with the identifier of a set it
		// deletes: a change must be an UPSERT.
		{Name: "R53 weighted A and AAAA share an identifier", Ours: true, Only: []string{"ROUTE53"},
			States: []State{
				{Name: "weighted A and AAAA, same identifiers", JS: `A("www", "192.0.2.1", R53_WEIGHT(1, "www-west")), AAAA("www", "2001:db8::1", R53_WEIGHT(1, "www-west")),
					A("www", "192.0.2.2", R53_WEIGHT(1, "www-east")), AAAA("www", "2001:db8::2", R53_WEIGHT(1, "www-east"))`},
				{Name: "change the AAAA of www-west only", JS: `A("www", "192.0.2.1", R53_WEIGHT(1, "www-west")), AAAA("www", "2001:db8::9", R53_WEIGHT(1, "www-west")),
					A("www", "192.0.2.2", R53_WEIGHT(1, "www-east")), AAAA("www", "2001:db8::2", R53_WEIGHT(1, "www-east"))`},
			}},
		// NAPTR at Route 53, which DNSControl's capabilities leave out.
		{Name: "R53 NAPTR", Ours: true, Only: []string{"ROUTE53"}, States: naptrStates()},
		// moto 5.2.1 refuses a CREATE identical to an earlier one in the
		// zone's change journal: a change back must be an UPSERT.
		{Name: "R53 a value comes back", Ours: true, Only: []string{"ROUTE53"}, States: []State{
			{Name: "create", JS: `A("back", "192.0.2.1"), TXT("back", "v1")`},
			{Name: "change", JS: `A("back", "192.0.2.2"), TXT("back", "v2")`},
			{Name: "change back", JS: `A("back", "192.0.2.1"), TXT("back", "v1")`},
		}},
		{Name: "TXT string lists", Ours: true, States: []State{
			{Name: "two strings", JS: `TXT("multi", ["first part", "second part"])`},
			{Name: "three strings", JS: `TXT("multi", ["first part", "second part", "third \"quoted\" part"])`},
			{Name: "one string", JS: `TXT("multi", "first part")`},
			{Name: "a long string and a short one", JS: `TXT("multi", ["x".repeat(300), "short"])`},
		}},
		{Name: "everyday mail and delegation records", Ours: true, States: []State{
			{Name: "SPF, DKIM, DMARC, a delegation with glue, CAA iodef", JS: `
				MX("@", 10, "mx1." + DOMAIN + "."), A("mx1", "192.0.2.25"),
				TXT("@", "v=spf1 include:_spf.example.net ip4:192.0.2.0/24 -all"),
				TXT("s1._domainkey", "v=DKIM1; k=rsa; p=" + "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA".repeat(9)),
				TXT("_dmarc", "v=DMARC1; p=quarantine; rua=mailto:dmarc@" + DOMAIN),
				NS("sub", "ns1.sub." + DOMAIN + "."), NS("sub", "ns2.example.net."), A("ns1.sub", "192.0.2.53"),
				CAA("@", "iodef", "mailto:security@" + DOMAIN)`},
			{Name: "rotate the DKIM key, tighten DMARC, move the glue", JS: `
				MX("@", 10, "mx1." + DOMAIN + "."), A("mx1", "192.0.2.25"),
				TXT("@", "v=spf1 include:_spf.example.net ip4:192.0.2.0/24 -all"),
				TXT("s2._domainkey", "v=DKIM1; k=rsa; p=" + "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEB".repeat(9)),
				TXT("_dmarc", "v=DMARC1; p=reject; rua=mailto:dmarc@" + DOMAIN),
				NS("sub", "ns1.sub." + DOMAIN + "."), NS("sub", "ns2.example.net."), A("ns1.sub", "192.0.2.54"),
				CAA("@", "iodef", "mailto:security@" + DOMAIN)`},
		}},
		{Name: "TXT case and punctuation", Ours: true, States: []State{
			{Name: "mixed case is kept", JS: `TXT("caps", "MiXeD Case Value")`},
			{Name: "case changes are changes", JS: `TXT("caps", "mixed case value")`},
			// DNSControl leaves this one out of its suite ("many APIs don't allow it").
			{Name: "frequently difficult characters", JS: `TXT("fooex", "!^.*$@#%^&()([][{}{<></:;-_=+\\")`},
			{Name: "non-ASCII text", JS: `TXT("utf8", "café ☕ 中文")`},
		}},
		{Name: "HTTPS and SVCB parameters", Ours: true, Requires: []string{"CanUseHTTPS", "CanUseSVCB"}, States: []State{
			{Name: "address hints and a port", JS: `HTTPS("svc", 1, ".", "alpn=h2,h3 ipv4hint=192.0.2.1,192.0.2.2 ipv6hint=2001:db8::1 port=8443")`},
			{Name: "mandatory keys", JS: `HTTPS("svc", 1, ".", "mandatory=alpn alpn=h2 no-default-alpn")`},
			{Name: "alias mode", JS: `HTTPS("svc", 0, "target.example.net.", "")`},
			{Name: "an SVCB with a numbered key", JS: `SVCB("_8443._foo.api", 1, "api.example.net.", "key65333=ex1 port=53")`},
		}},
		{Name: "IDN targets", Ours: true, States: []State{
			{Name: "Unicode in MX, NS and SRV targets", JS: `MX("@", 10, "mx.bücher.example."), NS("sub", "ns.bücher.example."), SRV("_x._tcp", 1, 1, 1, "srv.bücher.example.")`},
			{Name: "the same in punycode", JS: `MX("@", 10, "mx.xn--bcher-kva.example."), NS("sub", "ns.xn--bcher-kva.example."), SRV("_x._tcp", 1, 1, 1, "srv.xn--bcher-kva.example.")`, NoChanges: true},
		}},
		{Name: "wildcards below the apex", Ours: true, States: []State{
			{Name: "wildcards of several types", JS: `A("www", "192.0.2.2"), CNAME("*.sub", "www." + DOMAIN + "."), TXT("*", "wild"), MX("*.mail", 10, "www." + DOMAIN + ".")`},
			{Name: "change them", JS: `A("www", "192.0.2.2"), CNAME("*.sub", "other.example.net."), TXT("*", "wilder"), MX("*.mail", 20, "www." + DOMAIN + ".")`},
		}},
		{Name: "IGNORE_NAME with types", Ours: true, States: []State{
			{Name: "create some records", JS: `A("host1", "192.0.2.1"), TXT("host1", "one"), A("host2", "192.0.2.2"), A("db", "192.0.2.5"), A("cache", "192.0.2.6")`},
			{Name: "ignore the A records of host?", JS: `TXT("host1", "one"), A("db", "192.0.2.5"), A("cache", "192.0.2.6"), IGNORE_NAME("host?", "A")`, NoChanges: true},
			{Name: "ignore {db,cache}", JS: `A("host1", "192.0.2.1"), TXT("host1", "one"), A("host2", "192.0.2.2"), IGNORE_NAME("{db,cache}")`, NoChanges: true},
			{Name: "verify", JS: `A("host1", "192.0.2.1"), TXT("host1", "one"), A("host2", "192.0.2.2"), A("db", "192.0.2.5"), A("cache", "192.0.2.6")`, NoChanges: true},
			{Name: "change around an ignored name", JS: `A("host1", "192.0.2.9"), TXT("host1", "one"), A("db", "192.0.2.5"), A("cache", "192.0.2.6"), IGNORE_NAME("host2")`},
			{Name: "verify the change", JS: `A("host1", "192.0.2.9"), TXT("host1", "one"), A("host2", "192.0.2.2"), A("db", "192.0.2.5"), A("cache", "192.0.2.6")`, NoChanges: true},
		}},
		{Name: "NO_PURGE keeps what is not declared", Ours: true, States: []State{
			{Name: "create some records", JS: `A("foo", "192.0.2.1"), TXT("foo", "keep me"), A("bar", "192.0.2.2")`},
			{Name: "declare one set only", JS: `A("bar", "192.0.2.2"), NO_PURGE`, NoChanges: true},
			{Name: "add a record", JS: `A("baz", "192.0.2.3"), NO_PURGE`},
			{Name: "verify", JS: `A("foo", "192.0.2.1"), TXT("foo", "keep me"), A("bar", "192.0.2.2"), A("baz", "192.0.2.3")`, NoChanges: true},
		}},
	}
}
