D("my-example.com", "none", M365_BUILDER("my-example.com", {initialDomain: "x.onmicrosoft.com"}));
