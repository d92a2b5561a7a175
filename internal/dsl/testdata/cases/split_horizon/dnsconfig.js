var REG = NewRegistrar("none");
var INSIDE = NewDnsProvider("inside");
var OUTSIDE = NewDnsProvider("outside");
D("example.com!inside", REG, DnsProvider(INSIDE), A("www", "10.10.10.10"));
D("example.com!outside", REG, DnsProvider(OUTSIDE), A("www", "203.0.113.10"));
D("Example.com!", REG, A("www", "192.0.2.1")); // the empty tag is no tag
D_EXTEND("example.com!inside", A("internal", "10.99.99.99"));
D_EXTEND("sub.example.com!outside", A("@", "203.0.113.11"));
D_EXTEND("example.com", A("untagged", "192.0.2.2"));
