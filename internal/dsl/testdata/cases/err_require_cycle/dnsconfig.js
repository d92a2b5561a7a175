require("./a.js");
