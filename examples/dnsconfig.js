// dnsctl example: two zones served from BIND zone files (see creds.json).
// Run from this folder:  dnsctl preview  then  dnsctl push

var REG_NONE = NewRegistrar("none");
var DSP_BIND = NewDnsProvider("bind");

D("example.com", REG_NONE, DnsProvider(DSP_BIND),
    DefaultTTL("1h"),
    NAMESERVER("ns1.example.com."),
    NAMESERVER("ns2.example.net."),
    A("@", "192.0.2.10"),
    A("ns1", "192.0.2.53"),
    AAAA("@", "2001:db8::10"),
    CNAME("www", "@"),
    MX("@", 10, "mail"),
    A("mail", "192.0.2.25", TTL(300)),
    TXT("@", "v=spf1 mx -all"),
    DMARC_BUILDER({ policy: "quarantine", rua: ["mailto:dmarc@example.com"] }),
    CAA_BUILDER({ issue: ["letsencrypt.org"], iodef: "mailto:security@example.com" }),
    SRV("_sip._tcp", 10, 60, 5060, "sip"),
    A("sip", "192.0.2.60"),
    TXT("long", "x".repeat(300)),
    A("*.apps", "192.0.2.80"),
END);

D("bücher.example", REG_NONE, DnsProvider(DSP_BIND),
    NAMESERVER("ns1.example.com."),
    NAMESERVER("ns2.example.net."),
    A("@", "198.51.100.7"),
    CNAME("www", "bücher.example."),
    TXT("_note", `written on ${"2026-11-26"} with a template string`),
END);
