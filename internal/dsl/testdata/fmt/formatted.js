var REG = NewRegistrar("none");
D("example.com", REG, DnsProvider(NewDnsProvider("bind")),
    A("@", "192.0.2.1")
);
