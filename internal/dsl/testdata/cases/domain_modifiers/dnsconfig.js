// Domain modifiers.
var REG = NewRegistrar("none");
var DSP = NewDnsProvider("r53");
D("example.com", REG, DnsProvider(DSP),
  NAMESERVER("ns1.example.net."),
  NAMESERVER("ns2.example.net"),
  NAMESERVER_TTL("2d"),
  NO_PURGE,
  IGNORE("legacy-*"),
  IGNORE("*", "A,MX", "10.*"),
  IGNORE("x", ["TXT", "SPF"]),
  IGNORE_NAME("old*"),
  IGNORE_NAME("mail", "MX"),
  IGNORE_TARGET("*.cdn.example.net.", "CNAME"),
  R53_ZONE("Z1234567890ABC"),
  AUTODNSSEC_ON,
  { no_ns: "true", number: 42 },
  A("@", "192.0.2.1"),
END);
D("example.org", REG, NO_PURGE, PURGE, AUTODNSSEC_OFF, DISABLE_IGNORE_SAFETY_CHECK);
