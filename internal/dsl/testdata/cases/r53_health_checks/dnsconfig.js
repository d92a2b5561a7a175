// Route 53 health checks declared as code, used by records by name.
var REG = NewRegistrar("none");
var DSP = NewDnsProvider("r53");
DEFAULTS(R53_HEALTH_CHECK("shared", { type: "TCP", ip: "192.0.2.9", port: 22 }));
D("example.com", REG, DnsProvider(DSP),
  R53_HEALTH_CHECK("api", { type: "HTTPS", fqdn: "api.example.com.", path: "/health", regions: ["us-east-1", "eu-west-1", "ap-southeast-1"] }),
  R53_HEALTH_CHECK("web", { type: "HTTP_STR_MATCH", ip: "192.0.2.1", search: "ok", interval: 10 }),
  R53_HEALTH_CHECK("both", { type: "CALCULATED", children: ["api", "web", "0b6d3e58-6c53-4bd2-9c1a-27d2b5c3f5a1"], healthy_threshold: 2 }),
  R53_HEALTH_CHECK("alarm", { type: "CLOUDWATCH_METRIC", alarm: { name: "cpu", region: "us-east-1" } }),
  A("api", "192.0.2.1", R53_WEIGHT(10, "one"), R53_HEALTH_CHECK_NAME("api")),
  A("api", "192.0.2.2", R53_WEIGHT(10, "two"), R53_HEALTH_CHECK_ID("1b6d3e58-6c53-4bd2-9c1a-27d2b5c3f5a1")),
  A("ssh", "192.0.2.9", R53_MULTIVALUE("one"), R53_HEALTH_CHECK_NAME("shared")),
END);
