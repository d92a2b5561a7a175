var extra = require("../../data.json");

var MORE = [TXT("more", "from lib/deeper, apex " + extra.apex)];
