var REG = NewRegistrar("none");

var x = glob("./nowhere/");
