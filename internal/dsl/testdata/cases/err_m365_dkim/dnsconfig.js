D("example.com", "none",
  M365_BUILDER("example.com"));
