var REG = NewRegistrar("none");
D("example.com", REG,

  CAA_BUILDER({ iodef: "mailto:x@example.com" }));
