// raw: "" leaves out the _rawspf record; an empty flatten list flattens
// nothing (and writes no raw record).
var REG = NewRegistrar("none");
D("example.com", REG,
  SPF_BUILDER({
    raw: "",
    parts: ["v=spf1", "include:spf-basic.fogcreek.com", "-all"],
    flatten: ["spf-basic.fogcreek.com"],
  }),
  SPF_BUILDER({
    label: "other",
    parts: ["v=spf1", "include:spf-basic.fogcreek.com", "-all"],
    flatten: [],
  }),
);
