package route53

// healthCheckAPI lists the Route 53 calls of health checks (R53_HEALTH_CHECK).
type healthCheckAPI interface{}
