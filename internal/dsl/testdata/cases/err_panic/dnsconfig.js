var REG = NewRegistrar("none");
try {
  PANIC("cannot continue");
} catch (e) {
  // PANIC cannot be caught.
}
D("never.com", REG);
