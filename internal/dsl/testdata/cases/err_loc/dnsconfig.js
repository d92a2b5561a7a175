var REG = NewRegistrar("none");
D("example.com", REG, LOC("@", 42, 21, 54, "X", 71, 6, 18, "W", -24, 30, 0, 0));
