var REG = NewRegistrar("none");
D("example.com", REG,
  SRV("_sip._tcp", 10, 5, 70000, "sip"));
