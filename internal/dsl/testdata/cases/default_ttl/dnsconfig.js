// DefaultTTL applies to the records declared after it (DNSControl order);
// 300 when nothing is set; TTL() wins.
var REG = NewRegistrar("none");
D("example.com", REG,
  A("before", "192.0.2.1"),
  DefaultTTL("1h"),
  A("after", "192.0.2.2"),
  A("explicit", "192.0.2.3", TTL(60)),
  DefaultTTL(7200),
  A("later", "192.0.2.4"),
  NS("sub", "ns1.example.net."),
END);
// D_EXTEND sees the domain's DefaultTTL so far.
D_EXTEND("example.com", A("extended", "192.0.2.5"));
DEFAULTS(DefaultTTL("1d"));
D("example.org", REG, A("default", "192.0.2.6"), DefaultTTL(100), A("own", "192.0.2.7"));
