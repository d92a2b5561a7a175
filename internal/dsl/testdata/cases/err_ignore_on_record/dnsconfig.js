var REG = NewRegistrar("none");
// DNSControl fails on this too (IGNORE needs a domain).
D("example.com", REG,
  A("@", "192.0.2.1", IGNORE_NAME("x")));
