// Required from ../dnsconfig.js; its own requires are relative to lib/.
require("./deeper/more.js");
var COMMON = [
  MX("@", 10, "mail"),
  MORE,
];
