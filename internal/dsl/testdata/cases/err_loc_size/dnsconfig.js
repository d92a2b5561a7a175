var REG = NewRegistrar("none");
D("example.com", REG,
  LOC("d", 42, 21, 28.764, "N", 71, 0, 51.617, "W", 0, -1, 0, 0));
