package route53

// privateZoneAPI lists the Route 53 calls of private hosted zones and their VPCs (R53_VPC).
type privateZoneAPI interface{}
