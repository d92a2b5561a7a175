var REG = NewRegistrar("none");
var old = A("old", "192.0.2.9", ENSURE_ABSENT_REC());
D("example.com", REG, NO_PURGE, DISABLE_IGNORE_SAFETY_CHECK,
  IGNORE_EXTERNAL_DNS(),
  old,
  MX("@", 10, "mail.example.net.", ENSURE_ABSENT_REC(), TTL(60)),
  A("www", "192.0.2.1"),
END);
D("example.org", REG,
  IGNORE_EXTERNAL_DNS("extdns-"),
  IGNORE_EXTERNAL_DNS(),
  old,
END);
