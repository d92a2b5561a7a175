var REG = NewRegistrar("none");
D("example.com", REG,
  A("@", "192.0.2.1"),
  AZURE_ALIAS("az", "MX", "/subscriptions/x"));
