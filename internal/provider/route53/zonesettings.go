package route53

// zoneSettingsAPI lists the Route 53 calls of zone comment, tags, query logging, CIDR collections and traffic-policy records.
type zoneSettingsAPI interface{}
