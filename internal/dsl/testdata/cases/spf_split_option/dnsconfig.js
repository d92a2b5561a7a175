// DNSControl's SPF_BUILDER reads overflow only: a split option (the name
// its documentation uses) changes nothing, so the record stays whole, and
// dnsctl warns at the line.
var REG = NewRegistrar("none");
var parts = ["v=spf1"];
for (var i = 0; i < 12; i++) {
  parts.push("ip4:198.51." + i + ".0/24");
}
parts.push("~all");
D("example.com", REG,
  SPF_BUILDER({ label: "@", split: "_spf%d", txtMaxSize: 120, parts: parts }),
);
