var REG = NewRegistrar("none");
D("example.com", REG, DnsProvider);
