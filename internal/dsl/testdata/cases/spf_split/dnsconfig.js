// SPF_BUILDER with overflow splits long records over _spf1, _spf2, ...
// with no DNS lookups.
var REG = NewRegistrar("none");
var parts = ["v=spf1"];
for (let i = 0; i < 12; i++) {
  parts.push(`ip4:198.51.${i}.0/24`);
}
parts.push("include:_spf.google.com", "include:mailgun.org", "~all");
D("example.com", REG,
  SPF_BUILDER({ label: "@", overflow: "_spf%d", txtMaxSize: 120, parts: parts, ttl: 600 }),
);
// Inside a D_EXTEND of a subdomain the chained records stay relative to
// the zone, as in DNSControl.
D_EXTEND("mail.example.com",
  SPF_BUILDER({ overflow: "_mspf%d", overhead1: 40, parts: parts }),
);
