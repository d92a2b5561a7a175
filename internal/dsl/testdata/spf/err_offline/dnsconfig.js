// A name neither cached nor published: the error names it, at the line
// of the SPF_BUILDER.
var REG = NewRegistrar("none");
D("example.com", REG,
  A("@", "192.0.2.1"),
  SPF_BUILDER({
    parts: ["v=spf1", "include:mailgun.org", "include:gone.example", "-all"],
    flatten: ["gone.example"],
  }),
);
