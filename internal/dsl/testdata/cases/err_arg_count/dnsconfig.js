var REG = NewRegistrar("none");
D("example.com", REG,
  MX("@", "mail"),
);
