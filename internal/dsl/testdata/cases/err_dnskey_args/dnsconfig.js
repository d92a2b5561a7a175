var REG = NewRegistrar("none");
D("example.com", REG,
  DNSKEY("@", 257, 3, "RSASHA256", "AABBCCDD"));
