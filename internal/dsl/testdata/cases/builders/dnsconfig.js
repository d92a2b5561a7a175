var REG = NewRegistrar("none");
D("example.com", REG,
  // The examples of DNSControl's documentation.
  CAA_BUILDER({
    label: "@",
    iodef: "mailto:test@example.com",
    iodef_critical: true,
    issue: ["letsencrypt.org", "comodoca.com"],
    issuewild: "none",
  }),
  CAA_BUILDER({
    label: "crit",
    issue: "letsencrypt.org",
    issue_critical: true,
    issuewild: "none",
    issuewild_critical: true,
    issuevmc: ["digicert.com"],
    issuemail: ["sectigo.com"],
    ttl: "1h",
  }),
  DMARC_BUILDER({
    policy: "reject",
    ruf: ["mailto:mailauth-reports@example.com"],
  }),
  DMARC_BUILDER({
    label: "adv",
    policy: "reject",
    subdomainPolicy: "quarantine",
    percent: 50,
    alignmentSPF: "r",
    alignmentDKIM: "strict",
    rua: ["mailto:mailauth-reports@example.com", "https://dmarc.example.com/submit"],
    ruf: ["mailto:mailauth-reports@example.com"],
    failureOptions: "1",
    failureFormat: "afrf",
    reportInterval: "1h",
    ttl: 600,
  }),
  DMARC_BUILDER({
    label: "insecure",
    policy: "none",
    ruf: ["mailto:mailauth-reports@example.com"],
    failureOptions: { SPF: false, DKIM: true },
  }),
  DKIM_BUILDER({
    selector: "s1",
    pubkey: "MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDC5/z4L",
  }),
  DKIM_BUILDER({
    selector: "k2",
    pubkey: "MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDC5/z4L",
    label: "subdomain",
    version: "DKIM1",
    hashtypes: ["sha1", "sha256"],
    keytype: "rsa",
    note: "some human-readable notes",
    servicetypes: ["email"],
    flags: ["y", "s"],
    ttl: 150,
  }),
  DKIM_BUILDER({ selector: "revoked", keytype: "ed25519", hashtypes: "sha256" }),
  SPF_BUILDER({
    label: "@",
    parts: [
      "v=spf1",
      "ip4:198.51.100.0/24", // office
      "include:_spf.google.com", // mail
      "~all",
    ],
  }),
  SPF_BUILDER({ label: "other", parts: ["v=spf1", "-all"], ttl: "5m", flatten: [] }),
END);
