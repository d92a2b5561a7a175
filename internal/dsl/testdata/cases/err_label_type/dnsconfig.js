var REG = NewRegistrar("none");
D("example.com", REG, A(5, "192.0.2.1"));
