// Unicode domain names become punycode; labels stay as written (the
// normaliser converts them).
var REG = NewRegistrar("none");
D("Bücher.Example.", REG, A("straße", "192.0.2.1"), A("@", "192.0.2.2"));
D("ÉCOLE.fr", REG);
D_EXTEND("bücher.example", A("www", "192.0.2.3"));
D_EXTEND("café.bücher.example", A("@", "192.0.2.4"));
