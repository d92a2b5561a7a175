package model

// Setting is a provider's declaration in dnsconfig.js of something that is
// not a record: a Route 53 health check, VPC association, DNSSEC signing,
// zone tags. Kind is the function that made it (R53_HEALTH_CHECK) and Args
// its arguments as JSON values (string, float64, bool, nil, []any,
// map[string]any), already checked by the evaluator. The provider that
// owns the function reads them; other providers ignore them. get-zones
// writes them back as the same call.
type Setting struct {
	Kind string `json:"kind"`
	Args []any  `json:"args,omitempty"`
	// Pos is where the function was called (file:line).
	Pos string `json:"-"`
}

// SettingsOf returns the domain's settings of kind, in the order written.
func (d *Domain) SettingsOf(kind string) []*Setting {
	var out []*Setting
	for _, s := range d.Settings {
		if s.Kind == kind {
			out = append(out, s)
		}
	}
	return out
}
