D("a.example", "none", A("www", "192.0.2.1"));
D("b.example", "none", IMPORT_TRANSFORM([{low: "192.0.2.0", high: "192.0.2.255", newBase: "198.51.100.0", newIP: "203.0.113.1"}], "a.example", 300));
