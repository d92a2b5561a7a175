var REG = NewRegistrar("none");
D("example.com", REG, NAMESERVER("ns1.example.net.", "ns2.example.net."));
