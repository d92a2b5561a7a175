// Providers
var REG_NONE = NewRegistrar("none");
var DSP_R53 = NewDnsProvider("r53_main");


D("example.com", REG_NONE, DnsProvider(DSP_R53),
DefaultTTL(300),
A("@","192.0.2.1"),A("www","192.0.2.1",TTL(600)),
  CNAME("ftp", "www"),
        MX("@", 10, "mail.example.net."),
TXT("@", ["v=spf1 include:_spf.example.net -all"]),
  {no_ns:"true"},
END);
