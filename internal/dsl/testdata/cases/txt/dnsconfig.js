// TXT takes a string or an array of strings (joined into one value, as in
// DNSControl v4). The data is the raw text: no quotes, no escaping.
var REG = NewRegistrar("none");
D("example.com", REG,
  TXT("@", "v=spf1 include:_spf.example.net -all"),
  TXT("quotes", 'say "hi" \\ bye'),
  TXT("parts", ["part one ", "part two"]),
  TXT("empty", ""),
  TXT("emptylist", []),
  TXT("long", "a".repeat(255) + "b".repeat(100)),
  TXT("unicode", "ünïcödé"),
  TXT("_acme-challenge", "abc", AUTOSPLIT),
  TXT("dkim", DKIM(["v=DKIM1; k=rsa; ", "p=MIIB"])),
END);
