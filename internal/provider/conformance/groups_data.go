package conformance

import (
	"strconv"
	"strings"
)

// txtGroups: TXT edge cases (lengths around the 255-byte string limit,
// quotes, backslashes, spaces). Each state replaces the previous record.
func txtGroups() []Group {
	long := func(name, char string, n int) State {
		return State{Name: "a " + strconv.Itoa(n) + "-byte TXT", JS: `TXT("` + name + `", "` + char + `".repeat(` + strconv.Itoa(n) + `))`}
	}
	return []Group{
		{Name: "complex TXT", States: []State{
			{Name: "a 0-byte TXT", JS: `TXT("foo0", "")`},
			long("foo254", "A", 254),
			long("foo255", "B", 255),
			long("foo256", "C", 256),
			long("foo509", "D", 509),
			long("foo510", "E", 510),
			long("foo511", "F", 511),
			long("foo764", "G", 764),
			long("foo765", "H", 765),
			long("foo766", "J", 766),
			{Name: "a single quote", JS: `TXT("foosq", "quo'te")`},
			{Name: "a backtick", JS: "TXT(\"foobt\", \"blah`blah\")"},
			{Name: "a double quote inside", JS: `TXT("foodq", "in\"side")`},
			{Name: "two double quotes inside", JS: `TXT("foodqs", "in\"ter\"ior")`},
			{Name: "a double quote on the left", JS: `TXT("foodqs", "\"left")`},
			{Name: "a double quote on the right", JS: `TXT("foodqs", "right\"")`},
			{Name: "a semicolon", JS: `TXT("foosc1", "semi;colon")`},
			{Name: "a semicolon between spaces", JS: `TXT("foosc2", "wssemi ; colon")`},
			{Name: "interior spaces", JS: `TXT("foosp", "with spaces")`},
			{Name: "a trailing space", JS: `TXT("foows1", "trailingws ")`},
			{Name: "an SPF text", JS: `TXT("foo", "v=spf1 ip4:99.99.99.99 -all")`},
		}},
		{Name: "TXT backslashes", States: []State{
			{Name: "one to four backslashes", JS: `TXT("fooosbs1", "1back\\slash"), TXT("fooosbs2", "2back\\\\slash"),
				TXT("fooosbs3", "3back\\\\\\slash"), TXT("fooosbs4", "4back\\\\\\\\slash")`},
		}},
	}
}

// nameGroups: case, changes inside a label or a record set, IDNs, paging.
func nameGroups() []Group {
	return []Group{
		{Name: "Case Sensitivity", States: []State{
			// The decoy makes each state change something.
			{Name: "create in capitals", JS: `MX("BAR", 5, "BAR.com.")`},
			{Name: "lower-case label", JS: `MX("bar", 5, "BAR.com."), A("decoy", "1.1.1.1")`},
			{Name: "lower-case target", JS: `MX("bar", 5, "bar.com."), A("decoy", "2.2.2.2")`},
			{Name: "capitals in both", JS: `MX("BAR", 5, "BAR.COM."), A("decoy", "3.3.3.3")`},
		}},
		{Name: "testByLabel", States: []State{
			{Name: "initial", JS: `A("foo", "1.2.3.4"), A("foo", "2.3.4.5")`},
			{Name: "change one", JS: `A("foo", "1.2.3.4"), A("foo", "3.4.5.6")`},
			{Name: "delete one", JS: `A("foo", "1.2.3.4")`},
			{Name: "add one", JS: `A("foo", "1.2.3.4"), A("foo", "3.4.5.6")`},
		}},
		{Name: "testByRecordSet", States: []State{
			{Name: "initial", JS: `A("bar", "1.2.3.4"), A("foo", "2.3.4.5"), A("foo", "3.4.5.6"),
				MX("foo", 10, "foo." + DOMAIN + "."), MX("foo", 20, "bar." + DOMAIN + ".")`},
			{Name: "change one", JS: `A("bar", "1.2.3.4"), A("foo", "2.3.4.5"), A("foo", "8.8.8.8"),
				MX("foo", 10, "foo." + DOMAIN + "."), MX("foo", 20, "bar." + DOMAIN + ".")`},
			{Name: "delete one", JS: `A("bar", "1.2.3.4"), A("foo", "2.3.4.5"),
				MX("foo", 10, "foo." + DOMAIN + "."), MX("foo", 20, "bar." + DOMAIN + ".")`},
			{Name: "add one", JS: `A("bar", "1.2.3.4"), A("foo", "2.3.4.5"), A("foo", "8.8.8.8"),
				MX("foo", 10, "foo." + DOMAIN + "."), MX("foo", 20, "bar." + DOMAIN + ".")`},
		}},
		{Name: "IDNA", States: []State{
			{Name: "internationalized name", JS: `A("ööö", "1.2.3.4")`},
			{Name: "change IDN", JS: `A("ööö", "2.2.2.2")`},
			{Name: "Chinese label", JS: `A("中文", "1.2.3.4")`},
			{Name: "internationalized CNAME target", JS: `CNAME("a", "ööö.com.")`},
		}},
		{Name: "IDNAs in CNAME targets", States: []State{
			{Name: "IDN CNAME and target", JS: `CNAME("öoö", "ööö.企业.")`},
		}},
		{Name: "pager101", States: []State{
			{Name: "99 records", JS: `manyA("pager101-rec", "1.2.3.4", 99)`},
			{Name: "100 records", JS: `manyA("pager101-rec", "1.2.3.4", 100)`},
			{Name: "101 records", JS: `manyA("pager101-rec", "1.2.3.4", 101)`},
		}},
		{Name: "pager601", Only: []string{"ROUTE53"}, States: []State{
			{Name: "600 records", JS: `manyA("pager601-rec", "1.2.3.4", 600)`},
			{Name: "update 600 records", JS: `manyA("pager601-rec", "1.2.3.5", 600)`},
		}},
		{Name: "pager1201", Only: []string{"ROUTE53"}, States: []State{
			{Name: "1200 records", JS: `manyA("pager1201-rec", "1.2.3.4", 1200)`},
			{Name: "update 1200 records", JS: `manyA("pager1201-rec", "1.2.3.5", 1200)`},
		}},
	}
}

// typeGroups: the optional types, each gated by its capability.
func typeGroups() []Group {
	sha256 := strings.Repeat("0123456789abcdef", 4)
	sha512 := strings.Repeat("0123456789abcdef", 8)
	reversed512 := strings.Repeat("fedcba9876543210", 8)
	tlsa := func(name string, usage, selector, mtype int, cert string) string {
		return `TLSA("` + name + `", ` + strconv.Itoa(usage) + `, ` + strconv.Itoa(selector) + `, ` + strconv.Itoa(mtype) + `, "` + cert + `")`
	}
	ds := func(name string, tag, alg, dtype int, digest string) string {
		return `DS("` + name + `", ` + strconv.Itoa(tag) + `, ` + strconv.Itoa(alg) + `, ` + strconv.Itoa(dtype) + `, "` + digest + `")`
	}
	const (
		d1 = "da39a3ee5e6b4b0d3255bfef95601890afd80709"
		d2 = "4b9b6b073edd97feb5bc12dc4e1b32d2c6af7ae23a293936ceb87bb10494ec44"
		d3 = "ee02c885b5b4ed64899f2d43eb2b8e6619bdb50c"
		d4 = "2fa14f53e6b15cac9ac77846c7be87862c2a7e9ec0c6cea319db939317f126ed"

		apexDS = "a DS record belongs in the parent zone"
	)
	return []Group{
		{Name: "CAA", Requires: []string{"CanUseCAA"}, States: []State{
			{Name: "create", JS: `CAA("@", "issue", "letsencrypt.org")`},
			{Name: "change tag", JS: `CAA("@", "issuewild", "letsencrypt.org")`},
			{Name: "change value", JS: `CAA("@", "issuewild", "example.com")`},
			{Name: "change flag", JS: `CAA("@", "issuewild", "example.com", CAA_CRITICAL)`},
			{Name: "value ;", JS: `CAA("@", "issuewild", ";", CAA_CRITICAL)`},
			{Name: "spaces in the value", JS: `CAA("@", "issue", "letsencrypt.org; validationmethods=dns-01; accounturi=https://acme-v02.api.letsencrypt.org/acme/acct/1234")`},
		}},
		{Name: "LOC", Requires: []string{"CanUseLOC"}, States: []State{
			{Name: "one LOC", JS: `LOC("@", 42, 21, 54, "N", 71, 6, 18, "W", -24.05, 30, 0, 0)`},
			{Name: "update it", JS: `LOC("@", 42, 21, 54, "N", 71, 6, 18, "W", -24.06, 30, 10, 0)`},
			{Name: "four more, apex changed", JS: `LOC("@", 42, 21, 54, "N", 71, 6, 18, "W", -24, 30, 0, 0),
				LOC("a", 42, 21, 43.952, "N", 71, 5, 6.344, "W", -24.33, 1, 200, 10),
				LOC("b", 52, 14, 5, "N", 0, 8, 50, "E", 10.22, 0, 0, 0),
				LOC("c", 32, 7, 19, "S", 116, 2, 25, "E", 10, 0, 0, 0),
				LOC("d", 42, 21, 28.764, "N", 71, 0, 51.617, "W", -44, 2000, 0, 0)`},
		}},
		{Name: "NAPTR", Requires: []string{"CanUseNAPTR"}, States: naptrStates()},
		{Name: "PTR", Requires: []string{"CanUsePTR"}, States: []State{
			{Name: "create", JS: `PTR("4", "foo.com.")`},
			{Name: "modify", JS: `PTR("4", "bar.com.")`},
		}},
		{Name: "SOA", Requires: []string{"CanUseSOA"}, States: []State{
			// DNSControl's fields after mbox are refresh, retry, expire,
			// minttl (the serial is the provider's).
			{Name: "set the SOA", JS: `SOA("@", "kim.ns.cloudflare.com.", "dns.cloudflare.com.", 10000, 2400, 604800, 3600)`},
			{Name: "change ns", JS: `SOA("@", "mmm.ns.cloudflare.com.", "dns.cloudflare.com.", 10000, 2400, 604800, 3600)`},
			{Name: "change mbox", JS: `SOA("@", "mmm.ns.cloudflare.com.", "eee.cloudflare.com.", 10000, 2400, 604800, 3600)`},
			{Name: "change refresh", JS: `SOA("@", "mmm.ns.cloudflare.com.", "eee.cloudflare.com.", 10001, 2400, 604800, 3600)`},
			{Name: "change retry", JS: `SOA("@", "mmm.ns.cloudflare.com.", "eee.cloudflare.com.", 10001, 2401, 604800, 3600)`},
			{Name: "change expire", JS: `SOA("@", "mmm.ns.cloudflare.com.", "eee.cloudflare.com.", 10001, 2401, 604801, 3600)`},
			{Name: "change minttl", JS: `SOA("@", "mmm.ns.cloudflare.com.", "eee.cloudflare.com.", 10001, 2401, 604801, 3601)`},
		}},
		{Name: "SRV", Requires: []string{"CanUseSRV"}, States: []State{
			{Name: "create", JS: `SRV("_sip._tcp", 5, 6, 7, "foo.com.")`},
			{Name: "second, same priority", JS: `SRV("_sip._tcp", 5, 6, 7, "foo.com."), SRV("_sip._tcp", 5, 60, 70, "foo2.com.")`},
			{Name: "three", JS: `SRV("_sip._tcp", 5, 6, 7, "foo.com."), SRV("_sip._tcp", 5, 60, 70, "foo2.com."), SRV("_sip._tcp", 15, 65, 75, "foo3.com.")`},
			{Name: "delete one", JS: `SRV("_sip._tcp", 5, 6, 7, "foo.com."), SRV("_sip._tcp", 15, 65, 75, "foo3.com.")`},
			{Name: "change target", JS: `SRV("_sip._tcp", 5, 6, 7, "foo.com."), SRV("_sip._tcp", 15, 65, 75, "foo4.com.")`},
			{Name: "change priority", JS: `SRV("_sip._tcp", 52, 6, 7, "foo.com."), SRV("_sip._tcp", 15, 65, 75, "foo4.com.")`},
			{Name: "change weight", JS: `SRV("_sip._tcp", 52, 62, 7, "foo.com."), SRV("_sip._tcp", 15, 65, 75, "foo4.com.")`},
			{Name: "change port", JS: `SRV("_sip._tcp", 52, 62, 72, "foo.com."), SRV("_sip._tcp", 15, 65, 75, "foo4.com.")`},
			{Name: "empty"},
			{Name: "null target", JS: `SRV("_sip._tcp", 15, 65, 75, ".")`},
		}},
		{Name: "SRV TTL", Requires: []string{"CanUseSRV"}, States: []State{
			{Name: "create with TTL 333", JS: `SRV("_sip._tcp", 5, 6, 7, "foo.com.", TTL(333))`},
			{Name: "change TTL to 999", JS: `SRV("_sip._tcp", 5, 6, 7, "foo.com.", TTL(999))`},
		}},
		{Name: "SSHFP", Requires: []string{"CanUseSSHFP"}, States: []State{
			{Name: "create", JS: `SSHFP("@", 1, 1, "66c7d5540b7d75a1fb4c84febfa178ad99bdd67c")`},
			{Name: "change algorithm", JS: `SSHFP("@", 2, 1, "66c7d5540b7d75a1fb4c84febfa178ad99bdd67c")`},
			{Name: "change fingerprint and type", JS: `SSHFP("@", 2, 2, "745a635bc46a397a5c4f21d437483005bcc40d7511ff15fbfafe913a081559bc")`},
		}},
		{Name: "TLSA", Requires: []string{"CanUseTLSA"}, States: []State{
			{Name: "create", JS: tlsa("_443._tcp", 3, 1, 1, sha256)},
			{Name: "change usage", JS: tlsa("_443._tcp", 2, 1, 1, sha256)},
			{Name: "change selector", JS: tlsa("_443._tcp", 2, 0, 1, sha256)},
			{Name: "change matching type", JS: tlsa("_443._tcp", 2, 0, 2, sha512)},
			{Name: "change certificate", JS: tlsa("_443._tcp", 2, 0, 2, reversed512)},
		}},
		// DNSControl's first five states put a DS at the apex: BIND does
		// not load such a zone ("DS record at top of zone"), and dnsctl
		// refuses it before writing anything. A deliberate difference.
		{Name: "DS", Requires: []string{"CanUseDS"}, States: []State{
			{Name: "create", JS: ds("@", 1, 13, 1, d1), Refused: apexDS},
			{Name: "change", JS: ds("@", 8857, 8, 2, d2), Refused: apexDS},
			{Name: "change key tag", JS: ds("@", 3, 8, 2, d2), Refused: apexDS},
			{Name: "change algorithm", JS: ds("@", 3, 13, 2, d2), Refused: apexDS},
			{Name: "change digest type and digest", JS: ds("@", 3, 13, 1, d1), Refused: apexDS},
			{Name: "delete one, create at a child", JS: ds("another-child", 44, 13, 2, d2)},
			{Name: "three more", JS: ds("another-child", 44, 13, 2, d2) + ", " + ds("another-child", 1501, 13, 1, d3) + ", " +
				ds("another-child", 1502, 8, 2, d4) + ", " + ds("another-child", 65535, 13, 2, d4)},
			{Name: "create at child", JS: ds("child", 1, 13, 1, d1)},
			{Name: "change at child", JS: ds("child", 8857, 8, 2, d2)},
			{Name: "change key tag at child", JS: ds("child", 3, 8, 2, d2)},
			{Name: "change algorithm at child", JS: ds("child", 3, 13, 2, d2)},
			{Name: "change digest at child", JS: ds("child", 3, 13, 1, d1)},
			{Name: "delete at child, create at another", JS: ds("another-child", 44, 13, 2, d2)},
		}},
		// DHCID, DNAME, DNSKEY, OPENPGPKEY, SMIMEA: pendingGroups.
	}
}

// naptrStates are the states of DNSControl's NAPTR group, which our
// Route 53 group reuses.
func naptrStates() []State {
	const (
		sip  = `NAPTR("test", 100, 10, "U", "E2U+sip", "!^.*$!sip:customer-service@example.com!", ".")`
		mail = `NAPTR("test", 102, 10, "U", "E2U+email", "!^.*$!mailto:information@example.com!", ".")`
	)
	return []State{
		{Name: "create", JS: sip},
		{Name: "second record", JS: sip + ", " + mail},
		{Name: "delete the second", JS: sip},
		{Name: "change order", JS: `NAPTR("test", 103, 10, "U", "E2U+email", "!^.*$!mailto:information@example.com!", ".")`},
		{Name: "change preference", JS: `NAPTR("test", 103, 20, "U", "E2U+email", "!^.*$!mailto:information@example.com!", ".")`},
		{Name: "change flags", JS: `NAPTR("test", 103, 20, "A", "E2U+email", "!^.*$!mailto:information@example.com!", ".")`},
		{Name: "change service", JS: `NAPTR("test", 103, 20, "A", "E2U+sip", "!^.*$!mailto:information@example.com!", ".")`},
		{Name: "change regexp", JS: `NAPTR("test", 103, 20, "A", "E2U+sip", "!^.*$!sip:customer-service@example.com!", ".")`},
		{Name: "no regexp, a target", JS: `NAPTR("test", 103, 20, "A", "E2U+sip", "", "example.foo.com.")`},
		{Name: "change target", JS: `NAPTR("test", 103, 20, "A", "E2U+sip", "", "example2.foo.com.")`},
	}
}
