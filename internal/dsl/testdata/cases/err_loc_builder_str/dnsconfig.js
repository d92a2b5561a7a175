D("example.com", "none", LOC_BUILDER_STR({label: "x", str: "somewhere nice"}));
