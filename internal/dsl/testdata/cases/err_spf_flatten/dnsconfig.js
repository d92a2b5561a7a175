var REG = NewRegistrar("none");
D("example.com", REG,
  SPF_BUILDER({
    parts: ["v=spf1", "include:_spf.google.com", "~all"],
    flatten: ["_spf.google.com"],
  }),
);
