var REG = NewRegistrar("none");
var x = 1;
require("./code.json");
