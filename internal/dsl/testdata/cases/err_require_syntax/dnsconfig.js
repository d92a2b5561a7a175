// A syntax error in a required file is reported where it is.
require("./lib/bad.js");
