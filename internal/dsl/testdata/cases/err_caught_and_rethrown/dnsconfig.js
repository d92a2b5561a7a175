var REG = NewRegistrar("none");
var rec;
try {
  rec = MX("@", -1, "mail");
} catch (e) {
  console.log("caught:", e.message);
  throw e;
}
