D("a.example", "none", A("www", "192.0.2.1"));
D("b.example", "none",
  IMPORT_TRANSFORM([{low: "192.0.2.10", high: "192.0.2.1", newBase: "198.51.100.0"}], "a.example", 300));
