D("example.com", NewRegistrar("none"), DnsProvider(NewDnsProvider("bind")),
    CAA_BUILDER({label: "@", iodef: "mailto:security@example.com", issue: ["letsencrypt.org", "comodoca.com"], issuewild: "none"}),
    SPF_BUILDER({label: "@", parts: ["v=spf1", "ip4:192.0.2.0/24", "include:_spf.google.com", "~all"]}),
    DMARC_BUILDER({policy: 'reject', rua: ['mailto:dmarc@example.com'], percent: 100}),
    TXT("long", "a".repeat(300))
);
var x = {
  a: 1, b: [1,2,3],
  c: {d: "e"}
};
