var REG = NewRegistrar("none");
D("example.com", REG,
  R53_ALIAS("@", "NS", "x.example.com."));
