// Record modifiers.
var REG = NewRegistrar("none");
D("example.com", REG,
  A("t1", "192.0.2.1", TTL(60)),
  A("t2", "192.0.2.1", TTL("600")),
  A("t3", "192.0.2.1", TTL("1h")),
  A("t4", "192.0.2.1", TTL("2d")),
  A("t5", "192.0.2.1", TTL("1w2d")),
  A("t6", "192.0.2.1", TTL("5m30s")),
  A("t0", "192.0.2.1", TTL(0)), // 0 means the default, as in DNSControl
  A("w", "192.0.2.10", R53_WEIGHT(70, "east"), R53_HEALTH_CHECK_ID("12345678-1234-1234-1234-123456789012")),
  A("w", "192.0.2.11", R53_WEIGHT(30, "west")),
  // An array among a record's modifiers is metadata, as in DNSControl: the
  // TTL(120) in it has no effect (a warning says so).
  A("meta", "192.0.2.1", { owner: "team-a", count: 3, on: true }, [TTL(120), { nested: "array" }]),
  A("eth", "192.0.2.1", R53_EVALUATE_TARGET_HEALTH(false)),
  CAA("@", "issue", "letsencrypt.org", CAA_CRITICAL, TTL("1h")),
  A("end", "192.0.2.1", END),
END);
