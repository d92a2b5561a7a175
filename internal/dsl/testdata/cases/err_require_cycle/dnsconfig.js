require("a.js");
