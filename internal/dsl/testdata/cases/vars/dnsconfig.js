// -v ENV=prod -v IP_WEB=192.0.2.80; CLI_DEFAULTS fills in the rest.
CLI_DEFAULTS({ ENV: "dev", TTL_WEB: 60 });
var REG = NewRegistrar("none");
D(ENV + ".example.com", REG,
  A("www", IP_WEB, TTL(TTL_WEB)),
  TXT("env", typeof ENV + ":" + ENV),
);
console.log("evaluated for", ENV);
