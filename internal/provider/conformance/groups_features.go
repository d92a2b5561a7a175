package conformance

import (
	"strconv"
	"strings"
)

// featureGroups cover what issue 9 added to dnsctl: the record types
// DNSControl's BIND provider serves (DNSControl's groups), ech= values,
// and, as groups of our own, IGNORE globs as DNSControl matches them,
// NO_PURGE replacing a declared set, IGNORE_EXTERNAL_DNS and
// ENSURE_ABSENT_REC.
func featureGroups() []Group {
	sha256 := strings.Repeat("0123456789abcdef", 4)
	sha512 := strings.Repeat("0123456789abcdef", 8)
	reversed512 := strings.Repeat("fedcba9876543210", 8)
	smimea := func(usage, selector, mtype int, cert string) string {
		return `SMIMEA("_443._tcp", ` + strings.Join([]string{strconv.Itoa(usage), strconv.Itoa(selector), strconv.Itoa(mtype)}, ", ") + `, "` + cert + `")`
	}
	const (
		pgp1     = "9833040000000116092b06010401da470f010107403b6b9ff1ad0c524356507cdecbc1616093f6492fb4eb5a45f8614adb77a057d2b4244578616d706c652031203c6578616d706c652d3140646e73636f6e74726f6c2e6f72673e887e0413160a0026162104c0fe77c20fe349b863cda9980bfe1cf3d96e34ce050200000001021b01021e05021780000a09100bfe1cf3d96e34ce3f2e0100f00463e222747d5ae94519e1ad3b651b0a2cd7bd130e14ee65f3e818cab0792d00ff5196b60ebfcb047810fb51bbea7d5a882c4263b51ce9376a0dc8e5dee23f5f02"
		pgp2     = "mDMEAAAAARYJKwYBBAHaRw8BAQdAxCQnAKBDmA75+73+3lYVXDwrMUbaR61fNZgGeOHwmDq0JEV4YW1wbGUgMiA8ZXhhbXBsZS0yQGRuc2NvbnRyb2wub3JnPoh+BBMWCgAmFiEEYZ3PIZnaOWQrPxj6VX+9VdC3r4wFAgAAAAECGwECHgUCF4AACgkQVX+9VdC3r4xq6wEAl2ujFSqWwc2wQuHedpFrSTN9Gh7cIziKCZ3f8BGSRTgBAIvjKlWLLLBu0FPpCVlcfkpsZMV5YRrg90k+D+O4zZ4M"
		pgp3     = "9833040000000116092b06010401da470f010107401471ec1d5cc4d6bbd8702997ed29f95f7a7bd5e179aa8d3698efc8b942eb08f5b4244578616d706c652031203c6578616d706c652d3140646e73636f6e74726f6c2e6f72673e887e0413160a00261621049305f15ff783096d39427e6d048e36367e3e3ae2050200000001021b01021e05021780000a0910048e36367e3e3ae2ffaa00ff4b6ad99b62da7e9d759abe6ae232016780c24bf5e5f869b8003be83c6a73933c0100b66ac65093a0fe0a434448d9996ab46412cbe7c70d5c5ab74abba4566c468d0a"
		pgp4     = "mDMEAAAAARYJKwYBBAHaRw8BAQdAQWiJ4gXP6wC2wQ7h7odcLpZU+mQD2rHiqtTgj+1e6ou0JEV4YW1wbGUgMiA8ZXhhbXBsZS0yQGRuc2NvbnRyb2wub3JnPoh+BBMWCgAmFiEE/tuN1tP/jpKko/EvTN4yJT7efAsFAgAAAAECGwECHgUCF4AACgkQTN4yJT7efAuxPQD/aEhrJaCX9FD1IkjA/8UmK0nokjtJNy46It3IWTGT4EQBAJI6goeRQBJqu/UnHmjv0OfqBQQCt87f9zXqZxLjiIQN"
		pgp5     = "mDMEAAAAARYJKwYBBAHaRw8BAQdAFHHsHVzE1rvYcCmX7Sn5X3p71eF5qo02mO/IuULrCPW0JEV4YW1wbGUgMSA8ZXhhbXBsZS0xQGRuc2NvbnRyb2wub3JnPoh+BBMWCgAmFiEEkwXxX/eDCW05Qn5tBI42Nn4+OuIFAgAAAAECGwECHgUCF4AACgkQBI42Nn4+OuL/qgD/S2rZm2Lafp11mr5q4jIBZ4DCS/Xl+Gm4ADvoPGpzkzwBALZqxlCToP4KQ0RI2ZlqtGQSy+fHDVxat0q7pFZsRo0K"
		pgp6     = "9833040000000116092b06010401da470f01010740416889e205cfeb00b6c10ee1ee875c2e9654fa6403dab1e2aad4e08fed5eea8bb4244578616d706c652032203c6578616d706c652d3240646e73636f6e74726f6c2e6f72673e887e0413160a0026162104fedb8dd6d3ff8e92a4a3f12f4cde32253ede7c0b050200000001021b01021e05021780000a09104cde32253ede7c0bb13d00ff68486b25a097f450f52248c0ffc5262b49e8923b49372e3a22ddc8593193e0440100923a82879140126abbf5271e68efd0e7ea050402b7cedff735ea6712e388840d"
		key1     = `"bb7d0cf1ee44aca0bcc0f739b77b935f13aec2fd537f5c29dedd883d._openpgpkey"`
		key2     = `"6c9b19cb967b563d9d96b341ad4a89a74444c6f18e9530f4623817fe._openpgpkey"`
		heritage = `heritage=external-dns,external-dns/owner=default,external-dns/resource=`
	)
	pgp := func(k1, k2 string) string {
		return `OPENPGPKEY(` + key1 + `, "` + k1 + `"), OPENPGPKEY(` + key2 + `, "` + k2 + `")`
	}
	extDNS := `A("www", "192.0.2.1"),
		A("app", "10.0.0.1"), TXT("a-app", "` + heritage + `service/default/app"),
		CNAME("web", "lb.example.net."), TXT("cname-web", "` + heritage + `ingress/default/web"),
		A("legacy", "10.0.0.2"), TXT("legacy", "` + heritage + `service/default/legacy"),
		A("api", "10.0.0.3"), TXT("extdns-a-api", "` + heritage + `service/default/api")`

	return []Group{
		// DNSControl's groups, in the order of its file.
		{Name: "RP", Requires: []string{"CanUseRP"}, States: []State{
			{Name: "create", JS: `RP("foo", "user.example.com.", "bar.com.")`},
			{Name: "change mbox", JS: `RP("foo", "other.example.com.", "bar.com.")`},
			{Name: "change txt", JS: `RP("foo", "other.example.com.", "example.com.")`},
		}},
		{Name: "RP short names", Requires: []string{"CanUseRP"}, States: []State{
			{Name: "create", JS: `RP("foo", "user", "server")`},
			{Name: "change mbox", JS: `RP("foo", "user2", "server")`},
			{Name: "change txt", JS: `RP("foo", "user2", "waiter")`},
		}},
		{Name: "Ech", Requires: []string{"CanUseHTTPS"},
			States: []State{
				{Name: "create", JS: `HTTPS("@", 1, "example.com.", "alpn=h2,h3")`},
				{Name: "add an ECH key", JS: `HTTPS("@", 1, "example.com.", "alpn=h2,h3 ech=some+base64+encoded+value///")`},
				{Name: "ech=IGNORE while other values change", JS: `HTTPS("@", 1, "example.net.", "port=80 ech=IGNORE")`},
				{Name: "change the key and other values", JS: `HTTPS("@", 1, "example.org.", "port=80 ipv4hint=127.0.0.1 ech=another+base64+encoded+value")`},
				{Name: "another name, another key", JS: `HTTPS("ech", 1, "example.com.", "ech=some+base64+encoded+value///")`},
			}},
		{Name: "DHCID", Requires: []string{"CanUseDHCID"}, States: []State{
			{Name: "create", JS: `DHCID("test", "AAIBY2/AuCccgoJbsaxcQc9TUapptP69lOjxfNuVAA2kjEA=")`},
			{Name: "modify", JS: `DHCID("test", "AAAAAAAAuCccgoJbsaxcQc9TUapptP69lOjxfNuVAA2kjEA=")`},
		}},
		{Name: "DNAME", Requires: []string{"CanUseDNAME"}, States: []State{
			{Name: "create", JS: `DNAME("test", "example.com.")`},
			{Name: "modify", JS: `DNAME("test", "example.net.")`},
			{Name: "a short target", JS: `DNAME("a", "b")`},
		}},
		{Name: "DNSKEY", Requires: []string{"CanUseDNSKEY"}, States: []State{
			{Name: "create", JS: `DNSKEY("test", 257, 3, 13, "fRnjbeUVyKvz1bDx2lPmu3KY1k64T358t8kP6Hjveos=")`},
			{Name: "change flags", JS: `DNSKEY("test", 256, 3, 13, "fRnjbeUVyKvz1bDx2lPmu3KY1k64T358t8kP6Hjveos=")`},
			{Name: "change key", JS: `DNSKEY("test", 256, 3, 13, "whjtMiJP9C86l0oTJUxemuYtQ0RIZePWt6QETC2kkKM=")`},
			{Name: "change algorithm", JS: `DNSKEY("test", 256, 3, 15, "whjtMiJP9C86l0oTJUxemuYtQ0RIZePWt6QETC2kkKM=")`},
		}},
		{Name: "OPENPGPKEY", Requires: []string{"CanUseOPENPGPKEY"}, States: []State{
			{Name: "two keys, hex and base64", JS: pgp(pgp1, pgp2)},
			{Name: "change both, same formats", JS: pgp(pgp3, pgp4)},
			// The same keys written in the other encoding: nothing changes.
			{Name: "same keys, other formats", JS: pgp(pgp5, pgp6), NoChanges: true},
		}},
		{Name: "SMIMEA", Requires: []string{"CanUseSMIMEA"}, States: []State{
			{Name: "create", JS: smimea(3, 1, 1, sha256)},
			{Name: "change usage", JS: smimea(2, 1, 1, sha256)},
			{Name: "change selector", JS: smimea(2, 0, 1, sha256)},
			{Name: "change matching type", JS: smimea(2, 0, 2, sha512)},
			{Name: "change certificate", JS: smimea(2, 0, 2, reversed512)},
		}},

		// Ours.
		{Name: "IGNORE_NAME * spans labels", Ours: true,
			States: []State{
				{Name: "create some records", JS: `A("deep.svc.k8s", "10.0.0.1"), A("k8s", "10.0.0.2"), A("www", "192.0.2.1")`},
				{Name: "ignore *.k8s", JS: `A("k8s", "10.0.0.2"), A("www", "192.0.2.1"), IGNORE_NAME("*.k8s")`, NoChanges: true},
				{Name: "verify", JS: `A("deep.svc.k8s", "10.0.0.1"), A("k8s", "10.0.0.2"), A("www", "192.0.2.1")`, NoChanges: true},
			}},
		{Name: "IGNORE target * spans dots", Ours: true,
			States: []State{
				{Name: "create some records", JS: `CNAME("dev-system-x", "x.example.net."), A("www", "192.0.2.1")`},
				{Name: "ignore dev-system*, every type and target", JS: `A("www", "192.0.2.1"), IGNORE("dev-system*", "*", "*")`, NoChanges: true},
				{Name: "verify", JS: `CNAME("dev-system-x", "x.example.net."), A("www", "192.0.2.1")`, NoChanges: true},
			}},
		{Name: "IGNORE_NAME character classes", Ours: true,
			States: []State{
				{Name: "create some records", JS: `A("host1", "192.0.2.1"), A("host2", "192.0.2.2"), A("hostx", "192.0.2.3")`},
				{Name: "ignore host[0-9], hostx changes", JS: `A("hostx", "192.0.2.4"), IGNORE_NAME("host[0-9]")`},
				{Name: "verify", JS: `A("host1", "192.0.2.1"), A("host2", "192.0.2.2"), A("hostx", "192.0.2.4")`, NoChanges: true},
			}},
		{Name: "NO_PURGE replaces a declared set", Ours: true,
			States: []State{
				{Name: "create some records", JS: `A("foo", "192.0.2.1"), A("foo", "192.0.2.2"), A("bar", "192.0.2.3")`},
				{Name: "declare foo anew", JS: `A("foo", "192.0.2.9"), NO_PURGE`},
				{Name: "verify: foo replaced, bar kept", JS: `A("foo", "192.0.2.9"), A("bar", "192.0.2.3")`, NoChanges: true},
			}},
		{Name: "IGNORE_EXTERNAL_DNS", Ours: true, States: []State{
			{Name: "create records as external-dns writes them", JS: extDNS},
			// Without the prefix, extdns-a-api is an ownership record of
			// the name extdns-a-api itself: the A record api is ours.
			{Name: "leave external-dns's records alone", JS: `A("www", "192.0.2.1"), A("api", "10.0.0.3"), IGNORE_EXTERNAL_DNS()`, NoChanges: true},
			{Name: "with a prefix", JS: `A("www", "192.0.2.1"), IGNORE_EXTERNAL_DNS("extdns-")`, NoChanges: true},
			{Name: "verify", JS: extDNS, NoChanges: true},
		}},
		{Name: "ENSURE_ABSENT_REC", Ours: true, States: []State{
			// gone holds one record: DNSControl's code removes the whole set of
			// an absent record's name and type under NO_PURGE, its comments
			// say only the record; both agree here.
			{Name: "create some records", JS: `A("gone", "192.0.2.1"), A("keep", "192.0.2.3"), A("other", "192.0.2.4")`},
			{Name: "it must go, under NO_PURGE", JS: `A("keep", "192.0.2.3"), A("gone", "192.0.2.1", ENSURE_ABSENT_REC()), NO_PURGE`},
			{Name: "verify", JS: `A("keep", "192.0.2.3"), A("other", "192.0.2.4")`, NoChanges: true},
			{Name: "absent already: nothing to do", JS: `A("keep", "192.0.2.3"), A("other", "192.0.2.4"), A("gone", "192.0.2.1", ENSURE_ABSENT_REC())`, NoChanges: true},
		}},
	}
}
