var REG = NewRegistrar("none");
D("example.com", REG,
  TTL(300));
