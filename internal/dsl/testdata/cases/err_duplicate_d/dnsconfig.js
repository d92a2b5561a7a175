var REG = NewRegistrar("none");
D("example.com", REG);
D("other.com", REG);
D("EXAMPLE.com.", REG);
