// The cache holds _spf.google.com but not the names flattening it
// further needs: those (only) are looked up, spfcache.updated.json is
// written with them and a warning says so.
var REG = NewRegistrar("none");
D("example.com", REG,
  SPF_BUILDER({
    parts: ["v=spf1", "include:_spf.google.com", "include:mailgun.org", "-all"],
    flatten: ["_spf.google.com", "_netblocks.google.com", "_netblocks3.google.com"],
  }),
);
