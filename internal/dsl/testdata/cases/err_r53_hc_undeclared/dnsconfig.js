var REG = NewRegistrar("none");
D("example.com", REG,
  R53_HEALTH_CHECK("api", { type: "HTTPS", fqdn: "api.example.com" }),
  A("www", "192.0.2.1",
    R53_WEIGHT(10, "blue"), R53_HEALTH_CHECK_NAME("apy")),
END);
