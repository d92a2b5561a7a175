// Package none provides the NONE provider: a registrar that manages no
// delegation and a DNS provider that holds no records, for domains whose
// registrar (or DNS) is handled outside dnsctl.
package none

import (
	"context"

	"github.com/dnsctl/dnsctl/internal/diff"
	"github.com/dnsctl/dnsctl/internal/model"
	"github.com/dnsctl/dnsctl/internal/provider"
)

// Provider does nothing, successfully.
type Provider struct{}

var _ provider.DNS = Provider{}

func init() {
	provider.Register(provider.Info{
		Type:         "NONE",
		DNS:          true,
		NoEntry:      true,
		Registrar:    true,
		New:          func(context.Context, provider.Entry) (any, error) { return Provider{}, nil },
		Capabilities: capabilities,
	})
}

var capabilities = provider.Capabilities{
	Types: provider.TypeSet("A", "AAAA", "CNAME", "MX", "TXT", "NS", "SRV", "CAA", "PTR", "SSHFP",
		"TLSA", "HTTPS", "SVCB", "DS", "NAPTR", "SOA", "LOC", "SPF", "DNAME", model.AliasType,
		"RP", "DHCID", "DNSKEY", "OPENPGPKEY", "SMIMEA"),
	SetID:      true,
	Concurrent: true,
}

// Records returns no records.
func (Provider) Records(context.Context, string) ([]*model.Record, error) { return nil, nil }

// Apply discards the plan.
func (Provider) Apply(context.Context, *diff.Plan) error { return nil }

// Nameservers returns none.
func (Provider) Nameservers(context.Context, string) ([]string, error) { return nil, nil }

// Capabilities accepts everything.
func (Provider) Capabilities() provider.Capabilities { return capabilities }

// IsNone marks the provider as the do-nothing one: the engine computes no
// corrections for it.
func (Provider) IsNone() bool { return true }
