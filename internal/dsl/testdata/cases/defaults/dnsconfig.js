// DEFAULTS applies to every D() declared after it, before its own arguments;
// a second DEFAULTS replaces the first. D_EXTEND does not apply them.
var REG = NewRegistrar("none");
var DSP = NewDnsProvider("r53");
D("before.com", REG, A("@", "192.0.2.1"));
DEFAULTS(DnsProvider(DSP), NAMESERVER_TTL(3600), TXT("@", "v=spf1 -all"), { from_defaults: "yes" });
D("a.com", REG, A("@", "192.0.2.2"));
D("b.com", REG, A("@", "192.0.2.3"), { from_defaults: "overridden" });
D_EXTEND("a.com", A("x", "192.0.2.4"));
DEFAULTS(NO_PURGE);
D("c.com", REG);
DEFAULTS();
D("d.com", REG);
