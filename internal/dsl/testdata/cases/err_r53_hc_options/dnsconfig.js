var REG = NewRegistrar("none");
D("example.com", REG,
  R53_HEALTH_CHECK("api", { type: "HTTPS", fqdn: "api.example.com",
    failure_treshold: 2 }),
END);
