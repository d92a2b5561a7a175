var REG = NewRegistrar("none");
// DNSControl accepts this without effect; dnsctl warns (see TestHelperWarnings).
D("example.com", REG,
  TTL(300));
