// Every form of NewRegistrar / NewDnsProvider.
var REG_NONE = NewRegistrar("none", "NONE");         // old form: type given
var REG_MODERN = NewRegistrar("gandi");              // modern form: type from creds.json
var REG_META = NewRegistrar("namecom", { note: "x", n: 2 });
var DSP_DASH = NewDnsProvider("r53_main", "-");
var DSP_TYPED = NewDnsProvider("r53_other", "ROUTE53", { region: "us-east-1" });
var DSP_PLAIN = NewDnsProvider("bind");

// They return their names, which D() and DnsProvider() take.
D("example.com", REG_MODERN, DnsProvider(DSP_DASH), DnsProvider(DSP_TYPED, 2), DnsProvider(DSP_PLAIN, 0));
D("example.org", REG_NONE);
D("example.net", REG_META, DnsProvider(DSP_DASH), DnsProvider(DSP_DASH, 3));
