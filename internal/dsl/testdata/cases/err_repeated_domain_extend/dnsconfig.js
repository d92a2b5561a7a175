// Inside D_EXTEND of a subdomain a label that repeats the domain is
// caught as written: once extended it no longer ends with the zone.
var REG = NewRegistrar("none");
D("example.com", REG);
D_EXTEND("sub.example.com", A("ok.sub.example.com", "192.0.2.1", DISABLE_REPEATED_DOMAIN_CHECK));
D_EXTEND("sub.example.com",
  A("www.sub.example.com", "192.0.2.1"));
