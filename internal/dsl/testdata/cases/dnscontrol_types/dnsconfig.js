// The record types DNSControl's BIND provider serves, in DNSControl's
// argument forms.
var REG = NewRegistrar("none");
var DNS = NewDnsProvider("bind", "BIND");
D("example.com", REG, DnsProvider(DNS),
  RP("@", "hostmaster.example.com.", "contact"),
  RP("empty", "", ""),
  DHCID("dh", "AAIBY2/AuCccgoJbsaxcQc9TUapptP69lOjxfNuVAA2kjEA=", TTL(60)),
  DNAME("old", "example.net."),
  DNSKEY("@", 257, 3, 13, "AABBCCDD"),
  DNSKEY("zsk", "256", 3, 8, "AwEAAc=="),
  OPENPGPKEY("bb7d._openpgpkey", "9833040000000116"),
  OPENPGPKEY("b64._openpgpkey", "mDMEAAAAARYJ", {note: "x"}),
  SMIMEA("f10e7de0", 3, 0, 0, "30820353"),
END);
D_EXTEND("sub.example.com",
  SMIMEA("abcd", 3, 1, 1, "AB12"),
  DNAME("d", "target"),
);
