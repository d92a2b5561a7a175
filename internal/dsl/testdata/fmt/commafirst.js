var REG_CHANGEME = NewRegistrar("none");
var DSP_BIND = NewDnsProvider("bind");
D("example.org", REG_CHANGEME
	, DnsProvider(DSP_BIND)
	, DefaultTTL(3600)
	//, NAMESERVER("ns1.example.net.")
	, A("@", "192.0.2.10")
	, AAAA("@", "2001:db8::10")
	, CAA("@", "issue", "letsencrypt.org")
	, SRV("_sip._tcp", 10, 60, 5060, "sip.example.org.")
)
