var REG = NewRegistrar("none");
// An empty message still says what happened.
throw "";
