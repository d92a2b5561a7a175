var REG = NewRegistrar("none");
var DSP = NewDnsProvider("r53");
D("source.com", REG, DefaultTTL(60), A("@", "192.0.2.1"), A("www", "192.0.2.2", TTL(90)));
D("copy.com", REG, INCLUDE("source.com"), A("own", "192.0.2.3"));
DOMAIN_ELSEWHERE("elsewhere.com", REG, ["ns1.example.net.", "ns2.example.net."]);
DOMAIN_ELSEWHERE_AUTO("auto.com", REG, DSP);
D("list.com", REG, TXT("domains", getConfiguredDomains().join(",")));
