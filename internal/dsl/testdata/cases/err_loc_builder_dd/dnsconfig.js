D("example.com", "none", LOC_BUILDER_DD({label: "x", x: "51.5", y: 0}));
