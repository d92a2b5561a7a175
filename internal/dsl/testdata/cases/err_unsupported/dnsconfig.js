var REG = NewRegistrar("none");
D("example.com", REG,
  A("@", REVCOMPAT("192.0.2.0/24")));
