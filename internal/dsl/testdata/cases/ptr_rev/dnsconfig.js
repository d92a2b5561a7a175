// PTR names as DNSControl's PTR.md and REV.md write them. REV() returns
// the name without a trailing dot, as DNSControl's code does (its REV.md
// shows one). The labels stay as written here; normalisation makes them
// relative to the zone.
var REG = NewRegistrar("none");
var DNS = NewDnsProvider("bind");
console.log(REV("192.0.2.0/24"), REV("192.0.2.5"), REV("2001:db8::/32"));
D(REV("192.0.2.0/24"), REG, DnsProvider(DNS),
  PTR("1", "one.example.com."),
  PTR("192.0.2.7", "seven.example.com."),
  PTR(REV("192.0.2.5"), "five.example.com."),
);
D(REV("2001:db8::/32"), REG, DnsProvider(DNS),
  PTR("2001:db8::1", "v6.example.com."),
);
// Addresses and reverse names stay as written inside a D_EXTEND of a
// subdomain of a reverse zone; other labels get the subdomain.
D_EXTEND(REV("192.0.2.10"), PTR("192.0.2.10", "ten.example.com."), PTR(REV("192.0.2.11"), "eleven.example.com."));
D_EXTEND(REV("2001:db8:1::/48"), PTR("2001:db8:1::2", "two.example.com."), PTR("3.0.0.0", "three.example.com."));
D_EXTEND("2.0.192.in-addr.arpa", PTR("12.2.0.192.in-addr.arpa", "twelve.example.com."));
