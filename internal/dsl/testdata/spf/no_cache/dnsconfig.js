// No spfcache.json: names are looked up and spfcache.updated.json is
// written, without a warning (as DNSControl does, for starting a cache).
var REG = NewRegistrar("none");
D("example.com", REG,
  SPF_BUILDER({
    label: "mail",
    ttl: 600,
    parts: ["v=spf1", "mx", "include:mailgun.org", "~all"],
    flatten: ["mailgun.org"],
  }),
);
