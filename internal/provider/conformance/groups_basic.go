package conformance

// The groups below port DNSControl's integration groups, in the order of
// its integrationTest/integration_test.go; where DNSControl has two groups
// of one name, ours get a suffix. Each State's JS says in the language
// what DNSControl's harness builds as record structs.

// basicGroups: add, change and delete the common types; TTLs; type
// changes at a name.
func basicGroups() []Group {
	return []Group{
		{Name: "A", States: []State{
			{Name: "create A", JS: `A("testa", "1.1.1.1")`},
			{Name: "change A target", JS: `A("testa", "3.3.3.3")`},
		}},
		{Name: "Apex", States: []State{
			{Name: "create A", JS: `A("@", "2.2.2.2")`},
			{Name: "change A target", JS: `A("@", "4.4.4.4")`},
		}},
		{Name: "Protocol-Wildcard", States: []State{
			{Name: "create wildcard", JS: `A("*", "3.3.3.3"), A("www", "5.5.5.5")`},
			{Name: "delete wildcard", JS: `A("www", "5.5.5.5")`},
		}},
		{Name: "AAAA", States: []State{
			{Name: "create AAAA", JS: `AAAA("testaaaa", "2607:f8b0:4006:820::2006")`},
			{Name: "change AAAA target", JS: `AAAA("testaaaa", "2607:f8b0:4006:820::2013")`},
		}},
		{Name: "CNAME", States: []State{
			{Name: "create CNAME", JS: `CNAME("testcname", "www.google.com.")`},
			{Name: "change CNAME target", JS: `CNAME("testcname", "www.yahoo.com.")`},
		}},
		{Name: "CNAME-short", States: []State{
			{Name: "create CNAME to a short name", JS: `A("foo", "1.2.3.4"), CNAME("testcname", "foo")`},
		}},
		{Name: "MX", States: []State{
			{Name: "create MX apex", JS: `MX("@", 5, "foo.com.")`},
			{Name: "change MX apex", JS: `MX("@", 5, "bar.com.")`},
			{Name: "create MX", JS: `MX("testmx", 5, "foo.com.")`},
			{Name: "change MX target", JS: `MX("testmx", 5, "bar.com.")`},
			{Name: "change MX priority", JS: `MX("testmx", 100, "bar.com.")`},
		}},
		// RP: pendingGroups.
		{Name: "TXT", States: []State{
			{Name: "create TXT", JS: `TXT("testtxt", "simple")`},
			{Name: "change TXT target", JS: `TXT("testtxt", "changed")`},
		}},
		{Name: "ManyAtOnce", States: []State{
			{Name: "create many at a label", JS: `A("www", "1.1.1.1"), A("www", "2.2.2.2"), A("www", "3.3.3.3")`},
			{Name: "empty"},
			{Name: "create an A record", JS: `A("www", "1.1.1.1")`},
			{Name: "add at label 1", JS: `A("www", "1.1.1.1"), A("www", "2.2.2.2")`},
			{Name: "add at label 2", JS: `A("www", "1.1.1.1"), A("www", "2.2.2.2"), A("www", "3.3.3.3")`},
		}},
		{Name: "manyTypesAtOnce", States: []State{
			{Name: "create many types at a label", JS: `A("www", "1.1.1.1"), MX("testmx", 5, "foo.com."), MX("testmx", 100, "bar.com.")`},
			{Name: "empty"},
			{Name: "create an A record", JS: `A("www", "1.1.1.1")`},
			{Name: "add a type", JS: `A("www", "1.1.1.1"), MX("testmx", 5, "foo.com.")`},
			{Name: "add to the type", JS: `A("www", "1.1.1.1"), MX("testmx", 5, "foo.com."), MX("testmx", 100, "bar.com.")`},
		}},
		{Name: "Attl", States: []State{
			{Name: "create with TTL 333", JS: `A("testa", "1.1.1.1", TTL(333))`},
			{Name: "change TTL", JS: `A("testa", "1.1.1.1", TTL(999))`},
		}},
		{Name: "TTL", States: []State{
			{Name: "start", JS: `A("@", "8.8.8.8", TTL(666)), A("www", "1.2.3.4"), A("www", "5.6.7.8")`},
			{Name: "change a TTL", JS: `A("@", "8.8.8.8", TTL(1000)), A("www", "1.2.3.4"), A("www", "5.6.7.8")`},
			{Name: "change one address of a set", JS: `A("@", "8.8.8.8", TTL(1000)), A("www", "2.2.2.2"), A("www", "5.6.7.8")`},
			{Name: "change all TTLs", JS: `A("@", "8.8.8.8", TTL(500)), A("www", "2.2.2.2", TTL(400)), A("www", "5.6.7.8", TTL(400))`},
		}},
		{Name: "add to label and change orig ttl", States: []State{
			{Name: "setup", JS: `A("www", "5.6.7.8", TTL(400))`},
			{Name: "add at the label with a new TTL", JS: `A("www", "5.6.7.8", TTL(700)), A("www", "1.2.3.4", TTL(700))`},
		}},
		{Name: "TypeChange", States: []State{
			{Name: "create A", JS: `A("foo", "1.2.3.4")`},
			{Name: "change to MX", JS: `MX("foo", 5, "mx.google.com.")`},
			{Name: "change back to A", JS: `A("foo", "4.5.6.7")`},
		}},
		{Name: "TypeChangeHard", States: []State{
			{Name: "create a CNAME", JS: `CNAME("foo", "google.com.")`},
			{Name: "change to an A record", JS: `A("foo", "1.2.3.4")`},
			{Name: "change back to a CNAME", JS: `CNAME("foo", "google2.com.")`},
		}},
		{Name: "HTTPS", Requires: []string{"CanUseHTTPS"}, States: []State{
			{Name: "create", JS: `HTTPS("@", 1, "test.com.", "port=80")`},
			{Name: "change priority", JS: `HTTPS("@", 2, "test.com.", "port=80")`},
			{Name: "change target", JS: `HTTPS("@", 2, ".", "port=80")`},
			{Name: "change params", JS: `HTTPS("@", 2, ".", "port=99")`},
			{Name: "empty params", JS: `HTTPS("@", 2, ".", "")`},
			{Name: "change all", JS: `HTTPS("@", 3, "example.com.", "port=100")`},
		}},
		// Ech: pendingGroups.
		{Name: "SVCB", Requires: []string{"CanUseSVCB"}, States: []State{
			{Name: "create", JS: `SVCB("@", 1, "test.com.", "port=80")`},
			{Name: "change priority", JS: `SVCB("@", 2, "test.com.", "port=80")`},
			{Name: "change target", JS: `SVCB("@", 2, ".", "port=80")`},
			{Name: "change params", JS: `SVCB("@", 2, ".", "port=99")`},
			{Name: "empty params", JS: `SVCB("@", 2, ".", "")`},
			{Name: "change all", JS: `SVCB("@", 3, "example.com.", "port=100")`},
		}},
		{Name: "CNAME to apex", States: []State{
			{Name: "a CNAME pointing to @", JS: `CNAME("foo", DOMAIN + "."), A("@", "1.2.3.4")`},
		}},
		{Name: "ApexMX", States: []State{
			{Name: "an MX pointing to @", JS: `MX("foo", 8, DOMAIN + "."), A("@", "1.2.3.4")`},
		}},
		{Name: "NullMX", States: []State{
			{Name: "create a null MX", JS: `A("nmx", "1.2.3.3"), A("www", "1.2.3.9"), MX("nmx", 0, ".")`},
			{Name: "change to regular MX", JS: `A("nmx", "1.2.3.3"), A("www", "1.2.3.9"),
				MX("nmx", 3, "nmx." + DOMAIN + "."), MX("nmx", 9, "www." + DOMAIN + ".")`},
			{Name: "back to a null MX", JS: `A("nmx", "1.2.3.3"), A("www", "1.2.3.9"), MX("nmx", 0, ".")`},
		}},
		{Name: "NullMXApex", States: []State{
			{Name: "create a null MX", JS: `A("@", "1.2.3.2"), A("www", "1.2.3.8"), MX("@", 0, ".")`},
			{Name: "change to regular MX", JS: `A("@", "1.2.3.2"), A("www", "1.2.3.8"),
				MX("@", 2, DOMAIN + "."), MX("@", 8, "www." + DOMAIN + ".")`},
			{Name: "back to a null MX", JS: `A("@", "1.2.3.2"), A("www", "1.2.3.8"), MX("@", 0, ".")`},
		}},
		{Name: "NS", States: []State{
			{Name: "NS for a subdomain", JS: `NS("xyz", "ns2.foo.com.")`},
			{Name: "two NS for a subdomain", JS: `NS("xyz", "ns2.foo.com."), NS("xyz", "ns1.foo.com.")`},
			{Name: "NS pointing to @", JS: `A("@", "1.2.3.4"), NS("foo", DOMAIN + ".")`},
		}},
		{Name: "NS only APEX", States: []State{
			{Name: "single NS at apex", JS: `NS("@", "ns1.foo.com.")`},
			{Name: "two NS at apex", JS: `NS("@", "ns2.foo.com."), NS("@", "ns1.foo.com.")`},
		}},
	}
}
