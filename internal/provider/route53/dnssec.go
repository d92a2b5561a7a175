package route53

// dnssecAPI lists the Route 53 calls of DNSSEC signing (R53_DNSSEC).
type dnssecAPI interface{}

// dnssecDomainsAPI lists the Route 53 Domains calls that publish DS records
// at the registry.
type dnssecDomainsAPI interface{}
