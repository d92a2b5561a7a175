// Modern JavaScript works: let/const, arrows, templates, spread,
// destructuring, classes, String.prototype.repeat, nested arrays.
"use strict";
const REG = NewRegistrar("none");
const hosts = [["web", 1], ["db", 2], ["cache", 3]];
const records = hosts.map(([name, n]) => A(name, `192.0.2.${n}`));
const nested = [[CNAME("a", "web"), [CNAME("b", "web")]], []];
class Farm {
  constructor(prefix, count) { this.prefix = prefix; this.count = count; }
  records() { return Array.from({ length: this.count }, (_, i) => A(`${this.prefix}${i + 1}`, `198.51.100.${i + 1}`)); }
}
const opts = { ...{ ttl: 60 }, extra: true };
D("example.com", REG,
  ...records,
  nested,
  new Farm("node", 3).records(),
  TXT("long", "x".repeat(300)),
  TXT("hash", HASH("SHA256", "hello").slice(0, 16)),
  A("opts", "192.0.2.9", TTL(opts.ttl)),
  PTR(REV("192.0.2.5").split(".")[0], "host.example.com."),
  TXT("rev", [REV("192.0.2.0/24"), " ", REV("2001:db8::/32")]),
  TXT("ip", String(IP("192.0.2.1"))),
  TXT("domains", getConfiguredDomains().join(",") || "none yet"),
);
D(REV("192.0.2.0/24"), REG, PTR("1", "host.example.com."));
