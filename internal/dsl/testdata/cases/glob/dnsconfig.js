// glob(path, recursive, extension) lists files relative to require's
// current directory (the main file's here), in the order of a directory
// walk (zones/a/x.js before zones/a.js).
var REG = NewRegistrar("none");
var all = glob("./zones/");
var top = glob("zones", false);
var json = glob("zones", true, "json");
var star = glob("zones", true, "*");
require("./lib/load.js");
D("example.com", REG,
  TXT("all", all.join(" ")),
  TXT("top", top.join(" ")),
  TXT("json", json.join(" ")),
  TXT("star", "[" + star.join(" ") + "]"),
  TXT("inner", inner.join(" ")),
);
