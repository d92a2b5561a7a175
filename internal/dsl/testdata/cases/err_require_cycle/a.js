require("./b.js");
