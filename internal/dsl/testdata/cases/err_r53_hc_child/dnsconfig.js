var REG = NewRegistrar("none");
D("example.com", REG,
  R53_HEALTH_CHECK("api", { type: "HTTPS", fqdn: "api.example.com" }),
  R53_HEALTH_CHECK("all", { type: "CALCULATED", children: ["api", "www"] }),
END);
