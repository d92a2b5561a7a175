var REG = NewRegistrar("none");
D("example.com", REG, TXT("@", ["ok", {}]));
