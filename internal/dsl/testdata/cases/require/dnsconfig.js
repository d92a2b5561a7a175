// require() paths starting with "." are relative to the requiring file.
var REG = NewRegistrar("none");
var result = require("./lib/records.js");
var data = require("./data.json");
D("example.com", REG,
  COMMON,
  A("@", data.apex),
  data.hosts.map(function (h) { return A(h.name, h.ip); }),
  TXT("required", String(result)),
END);
