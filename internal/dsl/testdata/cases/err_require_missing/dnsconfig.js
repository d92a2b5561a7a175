var REG = NewRegistrar("none");

require("nope.js");
