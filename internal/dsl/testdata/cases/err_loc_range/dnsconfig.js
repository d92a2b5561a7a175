var REG = NewRegistrar("none");
// DNSControl clamps this altitude to 42849672.95 m; dnsctl refuses it.
D("example.com", REG, LOC("d", 42, 21, 28.764, "N", 71, 0, 51.617, "W", 42849672.96, 2000, 0, 0));
