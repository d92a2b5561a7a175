D("a.example", "none", IMPORT_TRANSFORM_STRIP([{low: "192.0.2.0", high: "192.0.2.255", newIP: "203.0.113.1"}], "b.example", 300));
