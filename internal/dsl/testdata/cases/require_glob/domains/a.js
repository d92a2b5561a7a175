D("a.example", REG, A("@", "192.0.2.1"));
