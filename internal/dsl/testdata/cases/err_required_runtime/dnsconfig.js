var REG = NewRegistrar("none");
require("./lib/records.js");
