// flatten: ["*"] inlines every include, recursively; overflow then chains
// the result over _spf1, _spf2... (txtMaxSize 120, first record 20 bytes
// shorter); a D_EXTEND'ed subdomain's chain is named in the parent zone.
var REG = NewRegistrar("none");
D("example.com", REG,
  SPF_BUILDER({
    parts: ["v=spf1", "ip4:192.0.2.0/24", "include:_spf.google.com", "include:mailgun.org", "~all"],
    flatten: ["*"],
    overflow: "_spf%d",
    overhead1: "20",
    txtMaxSize: 120,
  }),
);
D_EXTEND("sub.example.com",
  SPF_BUILDER({
    parts: ["v=spf1", "include:spf2.mailgun.org", "include:spf-basic.fogcreek.com", "-all"],
    flatten: ["*", "spf2.mailgun.org"], // "*" only counts alone: this flattens spf2.mailgun.org only
    overflow: "_s%d",
    txtMaxSize: 60,
  }),
);
