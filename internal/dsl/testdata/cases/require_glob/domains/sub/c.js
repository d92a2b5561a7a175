D("c.example", REG, A("@", "192.0.2.3"));
