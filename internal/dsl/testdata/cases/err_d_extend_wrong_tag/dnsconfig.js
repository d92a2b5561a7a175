var REG = NewRegistrar("none");
D("example.com!inside", REG);
D_EXTEND("example.com!outside", A("@", "192.0.2.1"));
