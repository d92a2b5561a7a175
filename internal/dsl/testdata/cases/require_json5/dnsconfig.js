var REG = NewRegistrar("none");
var data = require("./data.json");
var extra = require("./extra.JSON5");
D("example.com", REG,
  A("@", data.apex),
  data.hosts.map(function (h) { return A(h.name, h.ip); }),
  TXT("weight", String(data.hosts[1].weight)),
  TXT("keys", Object.keys(data.hosts[1]).join(",")),
  TXT("proto", String(data.__proto__) + " " + String(Object.getPrototypeOf(data) === Object.prototype)),
  TXT("big", String(data.big)),
  TXT("list", JSON.stringify(data.list)),
  TXT("extra", extra.txt),
);
