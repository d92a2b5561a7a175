// DNSControl's documented SPF_BUILDER example, with a committed
// spfcache.json holding the two flattened names: nothing is looked up.
var REG = NewRegistrar("none");
D("example.com", REG,
  SPF_BUILDER({
    label: "@",
    overflow: "_spf%d",
    raw: "_rawspf",
    ttl: "5m",
    parts: [
      "v=spf1",
      "ip4:198.252.206.0/24", // ny-mail*
      "ip4:192.111.0.0/24", // co-mail*
      "include:_spf.google.com", // GSuite
      "include:mailgun.org", // Greenhouse.io
      "include:spf-basic.fogcreek.com", // Fogbugz
      "include:mail.zendesk.com", // Zenddesk
      "include:servers.mcsv.net", // MailChimp
      "include:sendgrid.net", // SendGrid
      "include:450622.spf05.hubspotemail.net", // Hubspot
      "~all"
    ],
    flatten: [
      "spf-basic.fogcreek.com",
      "450622.spf05.hubspotemail.net"
    ]
  }),
);
