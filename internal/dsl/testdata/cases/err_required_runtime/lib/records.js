var RECS = [
  A("@", "192.0.2.1"),
  CNAME("www"),
];
