var REG = NewRegistrar("none");
var RECORDS;
D("example.com", REG,
  A("@", "192.0.2.1"),
  RECORDS);
