var REG = NewRegistrar("none");
D("example.com", REG,

  SPF_BUILDER({
    parts: ["v=spf1", "include:mailgun.org", "exp=explain.example", "-all"],
    flatten: ["mailgun.org"],
  }),
);
