
require("./a.js");
