var REG = NewRegistrar("none");
D("example.com", REG,
  A("@", "192.0.2.1", TTL("1 hour")));
