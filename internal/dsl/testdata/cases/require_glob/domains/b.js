D("b.example", REG, A("@", "192.0.2.2"));
