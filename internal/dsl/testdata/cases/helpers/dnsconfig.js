// DNSControl's provider-independent helpers: REVCOMPAT and REV, the
// IMPORT_TRANSFORM placeholders (carried out by normalisation), holes.
REVCOMPAT("rfc4183");
var REG = NewRegistrar("none");
var DNS = NewDnsProvider("bind");
console.log(REV("192.0.2.128/25"), REV("192.0.2.129/25"), REV("10.20.129.0/23"));
var TABLE = [
  {low: "192.0.2.10", high: "192.0.2.20", newBase: "198.51.100.100"},
  {low: IP("192.0.2.30"), high: "192.0.2.30", newIP: ["203.0.113.1", IP("203.0.113.2")]},
  {low: "192.0.2.40", high: "192.0.2.40", newBase: "", newIP: 0},
];
D("foo.example", REG, DnsProvider(DNS), A("www", "192.0.2.13"));
D("bar.example", REG, DnsProvider(DNS), [ , A("www", "203.0.113.9")],
  IMPORT_TRANSFORM(TABLE, "foo.example", 600),
  IMPORT_TRANSFORM_STRIP(TABLE, "foo.example", 0, "example", {import_note: "x"}),
);
D(REV("192.0.2.128/25"), REG, DnsProvider(DNS), PTR("130", "host.example.com."));
