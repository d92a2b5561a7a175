var REG = NewRegistrar("none");
DEFAULTS(DnsProvider("x"), "oops");
D("example.com", REG);
