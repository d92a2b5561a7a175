var REG = NewRegistrar("none");
D("example.com", REG);

D_EXTEND("example.org", A("@", "192.0.2.1"));
