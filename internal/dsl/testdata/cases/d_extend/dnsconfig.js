var REG = NewRegistrar("none");
D("example.com", REG, A("@", "192.0.2.1"));
D("deep.example.com", REG);

// Exact match: labels as written.
D_EXTEND("example.com", A("www", "192.0.2.2"), TXT("@", "apex"));
// A subdomain: labels become relative to the zone.
D_EXTEND("sub.example.com",
  A("@", "192.0.2.3"),
  A("www", "192.0.2.4"),
  CNAME("alias", "www"),
  A("fq.example.com.", "192.0.2.5"),
  DefaultTTL(60),
  A("a.b", "192.0.2.6"),
);
// The longest declared parent wins; names are lower-cased first.
D_EXTEND("X.Deep.Example.COM", A("@", "192.0.2.7"), A("y", "192.0.2.8"));
// Domain modifiers work too.
D_EXTEND("example.com", NAMESERVER("ns1.example.net."), NO_PURGE);
// Host name targets of CNAME, MX, NS and SRV follow the subdomain too.
var shared = [CNAME("e", "f"), MX("@", 10, "mail"), SRV("_sip._tcp", 1, 2, 3, "@"), NS("deleg", "ns1.example.net.")];
D_EXTEND("other.example.com", shared, R53_ALIAS("al", "CNAME", "www"));
D_EXTEND("example.com", shared);
