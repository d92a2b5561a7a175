var REG = NewRegistrar("none");
D("example.com", REG,
  ENSURE_ABSENT_REC(A("@", "192.0.2.1")));
