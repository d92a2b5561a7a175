// Split-horizon tags are compared without regard to case: these two D()s
// are one view, declared twice (they would share one BIND zone file).
var REG = NewRegistrar("none");
D("example.com!Inside", REG, A("www", "10.0.0.1"));
D("Example.com!inside", REG, A("www", "10.0.0.2"));
