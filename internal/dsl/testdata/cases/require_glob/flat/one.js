D("one.example", REG);
