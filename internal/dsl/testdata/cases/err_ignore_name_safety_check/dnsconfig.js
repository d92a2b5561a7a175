var REG = NewRegistrar("none");
D("example.com", REG,
  IGNORE_NAME("myhost"),
  TXT("myhost", "mytext", IGNORE_NAME_DISABLE_SAFETY_CHECK),
END);
