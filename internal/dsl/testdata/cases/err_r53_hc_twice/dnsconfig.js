var REG = NewRegistrar("none");
DEFAULTS(R53_HEALTH_CHECK("api", { type: "HTTPS", fqdn: "api.example.com" }));
D("example.com", REG,
  R53_HEALTH_CHECK("api", { type: "HTTPS", fqdn: "api.example.com", port: 8443 }),
END);
