var REG = NewRegistrar("none");
D("example.com", REG,
  CF_REDIRECT("example.com/*", "https://www.example.com/$1"));
