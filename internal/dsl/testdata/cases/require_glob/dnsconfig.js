var REG = NewRegistrar("none");
var loaded = require_glob("./domains/");
var flat = require_glob("flat", false);
D("files.example", REG, TXT("loaded", loaded.concat(flat).map((p) => p.split("/").slice(-2).join("/")).join(",")));
