var REG = NewRegistrar("none");
function check(ok) {
  if (!ok) {
    throw "check failed";
  }
}
check(false);
