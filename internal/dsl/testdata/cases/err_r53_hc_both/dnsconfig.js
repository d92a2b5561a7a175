var REG = NewRegistrar("none");
D("example.com", REG,
  R53_HEALTH_CHECK("api", { type: "HTTPS", fqdn: "api.example.com" }),
  A("www", "192.0.2.1", R53_WEIGHT(1, "x"),
    R53_HEALTH_CHECK_NAME("api"),
    R53_HEALTH_CHECK_ID("0b6d3e58-6c53-4bd2-9c1a-27d2b5c3f5a1")),
END);
