var REG = NewRegistrar("none");
D("example.com", REG,
  R53_HEALTH_CHECK("a", { type: "CALCULATED", children: ["b"] }),
  R53_HEALTH_CHECK("b", { type: "CALCULATED", children: ["c"] }),
  R53_HEALTH_CHECK("c", { type: "CALCULATED", children: ["a"] }),
END);
