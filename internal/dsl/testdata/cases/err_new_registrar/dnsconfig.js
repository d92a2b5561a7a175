var REG = NewRegistrar(42);
