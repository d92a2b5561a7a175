// Route 53 routing policies: every R53_* routing modifier, alone and with
// health checks and aliases.
var REG = NewRegistrar("none");
var DSP = NewDnsProvider("r53", "ROUTE53");
D("example.com", REG, DnsProvider(DSP),
  A("www", "192.0.2.1", TTL(60), R53_FAILOVER("PRIMARY", "www-primary"), R53_HEALTH_CHECK_ID("abcdef11-2222-3333-4444-555555fedcba")),
  A("www", "192.0.2.2", TTL(60), R53_FAILOVER("secondary", "www-secondary")),
  R53_ALIAS("app", "A", "www.example.com.", R53_FAILOVER("PRIMARY", "app-1"), R53_EVALUATE_TARGET_HEALTH(true)),
  CNAME("lat", "us.example.net.", R53_LATENCY("us-east-1", "use1")),
  CNAME("lat", "eu.example.net.", R53_LATENCY("EU-West-1", "euw1")),
  CNAME("lat2", "gov.example.net.", R53_LATENCY("us-gov-west-1", "gov")),
  TXT("geo", "hello eu", R53_GEO("EU", "eu")),
  TXT("geo", "hallo", R53_GEO("de", "de")),
  TXT("geo", "howdy", R53_GEO("US-CA", "us-ca")),
  TXT("geo", "hello", R53_GEO("*", "default")),
  TXT("geo", "hello na", R53_GEO({continent: "NA"}, "na")),
  TXT("geo", "namibia", R53_GEO({country: "NA"}, "namibia")),
  TXT("geo", "texas", R53_GEO({country: "US", subdivision: "TX"}, "us-tx")),
  A("mv", "192.0.2.10", R53_MULTIVALUE("one"), R53_HEALTH_CHECK_ID("hc-1")),
  A("mv", "192.0.2.11", R53_MULTIVALUE("two")),
  AAAA("cidr", "2001:db8::1", R53_CIDR("4A1F3C2E-9B7D-4E8A-8C6F-1D2E3F4A5B6C", "office_1", "office")),
  AAAA("cidr", "2001:db8::2", R53_CIDR("4a1f3c2e-9b7d-4e8a-8c6f-1d2e3f4a5b6c", "*", "default")),
  A("prox", "192.0.2.50", R53_GEOPROXIMITY({region: "us-east-1", bias: 10}, "use1")),
  A("prox", "192.0.2.51", R53_GEOPROXIMITY({localZoneGroup: "us-east-1-bue-1"}, "bue")),
  A("prox", "192.0.2.52", R53_GEOPROXIMITY({coordinates: {lat: 52.52, long: 13.4}, bias: -5}, "ber")),
  A("prox", "192.0.2.53", R53_GEOPROXIMITY({coordinates: {lat: "-33.87", long: "151.20"}, bias: "0"}, "syd")),
  A("w", "192.0.2.20", R53_WEIGHT(70, "blue")),
END);

// Argument errors name the function and the position of its call.
[
  function () { return R53_FAILOVER("PRIMARY"); },
  function () { return R53_FAILOVER("MAIN", "x"); },
  function () { return R53_FAILOVER("PRIMARY", ""); },
  function () { return R53_LATENCY("Frankfurt", "x"); },
  function () { return R53_LATENCY("eu-west1", "x"); },
  function () { return R53_GEO("NA", "x"); },
  function () { return R53_GEO("UK", "x"); },
  function () { return R53_GEO("Europe", "x"); },
  function () { return R53_GEO("*-CA", "x"); },
  function () { return R53_GEO("US-CALI", "x"); },
  function () { return R53_GEO("US-", "x"); },
  function () { return R53_GEO({continent: "EU", country: "DE"}, "x"); },
  function () { return R53_GEO({continent: "XX"}, "x"); },
  function () { return R53_GEO({subdivision: "CA"}, "x"); },
  function () { return R53_GEO({state: "CA"}, "x"); },
  function () { return R53_GEO(49, "x"); },
  function () { return R53_MULTIVALUE(); },
  function () { return R53_MULTIVALUE(true, "x"); },
  function () { return R53_CIDR("my collection", "office", "x"); },
  function () { return R53_CIDR("4a1f3c2e-9b7d-4e8a-8c6f-1d2e3f4a5b6c", "a location too long", "x"); },
  function () { return R53_CIDR("4a1f3c2e-9b7d-4e8a-8c6f-1d2e3f4a5b6c", "office"); },
  function () { return R53_GEOPROXIMITY("us-east-1", "x"); },
  function () { return R53_GEOPROXIMITY({region: "us-east-1", localZoneGroup: "us-east-1-bue-1"}, "x"); },
  function () { return R53_GEOPROXIMITY({bias: 5}, "x"); },
  function () { return R53_GEOPROXIMITY({latitude: 5}, "x"); },
  function () { return R53_GEOPROXIMITY({coordinates: {lat: 52.525, long: 13.4}}, "x"); },
  function () { return R53_GEOPROXIMITY({coordinates: {lat: 91, long: 13.4}}, "x"); },
  function () { return R53_GEOPROXIMITY({coordinates: {lat: 52}}, "x"); },
  function () { return R53_GEOPROXIMITY({region: "us-east-1", bias: 100}, "x"); },
  function () { return R53_GEOPROXIMITY({region: "us-east-1", bias: 1.5}, "x"); },
  function () { return A("two", "192.0.2.1", R53_WEIGHT(1, "a"), R53_FAILOVER("PRIMARY", "a")); },
  function () { return A("twice", "192.0.2.1", R53_LATENCY("eu-west-1", "a"), R53_LATENCY("eu-west-2", "b")); },
  function () { return R53_ALIAS("mva", "A", "www.example.com.", R53_MULTIVALUE("a")); },
].forEach(function (f) {
  try {
    f();
    console.log("no error from", f.toString());
  } catch (e) {
    console.log(e.message);
  }
});
