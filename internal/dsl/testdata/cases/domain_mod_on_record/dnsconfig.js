var REG = NewRegistrar("none");
// DNSControl accepts this without effect; dnsctl warns (see TestHelperWarnings).
D("example.com", REG,
  A("@", "192.0.2.1", NO_PURGE));
