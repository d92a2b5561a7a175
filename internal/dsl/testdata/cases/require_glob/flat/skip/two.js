D("two.example", REG); // not loaded: require_glob("flat", false) does not recurse
