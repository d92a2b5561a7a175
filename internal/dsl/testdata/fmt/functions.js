/* Helpers shared by many domains */
var addrs = {web: "192.0.2.20", mail: "192.0.2.25"};
function webRecords(label){ return [A(label, addrs.web), AAAA(label, "2001:db8::20")]; }
var mailRecords = [MX("@",10,"mx1.example.net."),MX("@",20,"mx2.example.net.")];
for (var i=0;i<3;i++){ if(i==0){ console.log("first") } else { console.log("n=" + i) } }
var hosts = ["a","b","c"].map(function(h){return A(h, addrs.web)});
const arrow = (x) => x * 2;
let tpl = `v=DMARC1; p=${"reject"}`;
DEFAULTS( NAMESERVER_TTL("2d") );
D("example.net", NewRegistrar("none"), DnsProvider(NewDnsProvider("bind")), webRecords("@"), webRecords("www"), mailRecords, hosts,
  IGNORE("*.k8s", "A,CNAME"),
  R53_ALIAS("apex", "A", "www.example.net.", R53_ZONE("Z2FDTNDATAQYW2")),
  A("w1", "192.0.2.31", R53_WEIGHT(10, "one")), A("w1", "192.0.2.32", R53_WEIGHT(20, "two"))
);
D_EXTEND("sub.example.net", A("x","192.0.2.40"));
