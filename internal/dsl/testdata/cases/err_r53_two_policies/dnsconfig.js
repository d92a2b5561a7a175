var REG = NewRegistrar("none");
D("example.com", REG,
  A("www", "192.0.2.1",
    R53_WEIGHT(10, "blue"),
    R53_LATENCY("eu-west-1", "blue")),
END);
