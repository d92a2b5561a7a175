package route53

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	"github.com/aws/aws-sdk-go-v2/service/route53/types"

	"github.com/dnsctl/dnsctl/internal/provider/route53/estate"
)

// Health checks (R53_HEALTH_CHECK). Route 53 health checks belong to the
// account, not to a hosted zone: dnsctl marks the checks it creates with
// tags saying which creds.json entry and which zone own them, and never
// updates or deletes a check without both. The account's checks and their
// tags are listed once per provider (concurrent zones share the listing),
// and only for zones that declare checks or whose records use one.

// healthCheckAPI lists the Route 53 calls of health checks (R53_HEALTH_CHECK).
type healthCheckAPI interface {
	ListHealthChecks(context.Context, *route53.ListHealthChecksInput, ...func(*route53.Options)) (*route53.ListHealthChecksOutput, error)
	CreateHealthCheck(context.Context, *route53.CreateHealthCheckInput, ...func(*route53.Options)) (*route53.CreateHealthCheckOutput, error)
	UpdateHealthCheck(context.Context, *route53.UpdateHealthCheckInput, ...func(*route53.Options)) (*route53.UpdateHealthCheckOutput, error)
	DeleteHealthCheck(context.Context, *route53.DeleteHealthCheckInput, ...func(*route53.Options)) (*route53.DeleteHealthCheckOutput, error)
	ChangeTagsForResource(context.Context, *route53.ChangeTagsForResourceInput, ...func(*route53.Options)) (*route53.ChangeTagsForResourceOutput, error)
	ListTagsForResources(context.Context, *route53.ListTagsForResourcesInput, ...func(*route53.Options)) (*route53.ListTagsForResourcesOutput, error)
}

// The tags that say who owns a health check.
const (
	tagHCOwner = "dnsctl:owner" // the creds.json entry name
	tagHCZone  = "dnsctl:zone"  // the zone key ("example.com", "example.com!inside")
	tagHCName  = "Name"         // the declared name (the console shows it)
)

// maxTagIDs is how many resources one ListTagsForResources call takes.
const maxTagIDs = 10

// liveCheck is a health check of the account as listed.
type liveCheck struct {
	id      string
	version int64
	// hc is the check's configuration, normalized, children as IDs and
	// Name from the Name tag.
	hc   estate.HealthCheck
	tags map[string]string
}

// ownedBy reports whether the check carries dnsctl's tags for entry and zone.
func (c *liveCheck) ownedBy(entry, key string) bool {
	return c.tags[tagHCOwner] == entry && c.tags[tagHCZone] == key
}

// healthCheckCache holds the account's health checks once listed.
type healthCheckCache struct {
	mu     sync.Mutex
	loaded bool
	byID   map[string]*liveCheck
}

// healthChecks returns the account's health checks, listing them on first
// use. Entries are never modified in place, only replaced, so callers may
// keep them.
func (p *Provider) healthChecks(ctx context.Context) (map[string]*liveCheck, error) {
	c := &p.hcs
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.loaded {
		m, err := p.listHealthChecks(ctx)
		if err != nil {
			return nil, err
		}
		c.byID, c.loaded = m, true
	}
	out := make(map[string]*liveCheck, len(c.byID))
	for id, lc := range c.byID {
		out[id] = lc
	}
	return out, nil
}

// rememberCheck puts a check the provider made or changed in the cache
// (lc nil removes id).
func (p *Provider) rememberCheck(id string, lc *liveCheck) {
	c := &p.hcs
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.loaded {
		return
	}
	if lc == nil {
		delete(c.byID, id)
	} else {
		c.byID[id] = lc
	}
}

// listHealthChecks lists every health check of the account with its tags.
func (p *Provider) listHealthChecks(ctx context.Context) (map[string]*liveCheck, error) {
	out := map[string]*liveCheck{}
	var ids []string
	pg := newPager("route53:ListHealthChecks", "", "health checks", p.limits.zones, p.limits.pages, "")
	var marker *string
	for {
		var resp *route53.ListHealthChecksOutput
		err := p.call(ctx, "route53:ListHealthChecks", "", callOptions{}, func(ctx context.Context) error {
			var err error
			resp, err = p.r53.ListHealthChecks(ctx, &route53.ListHealthChecksInput{Marker: marker})
			return err
		})
		if err != nil {
			return nil, err
		}
		for _, h := range resp.HealthChecks {
			lc := fromAWSCheck(h, nil)
			if lc.id == "" {
				continue
			}
			if _, dup := out[lc.id]; !dup {
				ids = append(ids, lc.id)
			}
			out[lc.id] = lc
		}
		more, err := pg.next(len(resp.HealthChecks), resp.IsTruncated, aws.ToString(resp.NextMarker))
		if err != nil {
			return nil, err
		}
		if !more {
			break
		}
		marker = resp.NextMarker
	}
	for start := 0; start < len(ids); start += maxTagIDs {
		chunk := ids[start:min(start+maxTagIDs, len(ids))]
		var resp *route53.ListTagsForResourcesOutput
		err := p.call(ctx, "route53:ListTagsForResources", "", callOptions{}, func(ctx context.Context) error {
			var err error
			resp, err = p.r53.ListTagsForResources(ctx, &route53.ListTagsForResourcesInput{
				ResourceType: types.TagResourceTypeHealthcheck, ResourceIds: chunk})
			return err
		})
		if err != nil {
			return nil, err
		}
		for _, set := range resp.ResourceTagSets {
			lc := out[aws.ToString(set.ResourceId)]
			if lc == nil {
				continue
			}
			for _, t := range set.Tags {
				lc.tags[aws.ToString(t.Key)] = aws.ToString(t.Value)
			}
			lc.hc.Name = lc.tags[tagHCName]
		}
	}
	return out, nil
}

// fromAWSCheck converts a check Route 53 returned; tags may be nil.
func fromAWSCheck(h types.HealthCheck, tags map[string]string) *liveCheck {
	lc := &liveCheck{id: aws.ToString(h.Id), version: aws.ToInt64(h.HealthCheckVersion), tags: map[string]string{}}
	for k, v := range tags {
		lc.tags[k] = v
	}
	c := h.HealthCheckConfig
	if c == nil {
		c = &types.HealthCheckConfig{}
	}
	e := estate.HealthCheck{
		Name:             lc.tags[tagHCName],
		Type:             string(c.Type),
		FQDN:             aws.ToString(c.FullyQualifiedDomainName),
		IP:               aws.ToString(c.IPAddress),
		Port:             int(aws.ToInt32(c.Port)),
		Path:             aws.ToString(c.ResourcePath),
		Search:           aws.ToString(c.SearchString),
		Interval:         int(aws.ToInt32(c.RequestInterval)),
		FailureThreshold: int(aws.ToInt32(c.FailureThreshold)),
		MeasureLatency:   aws.ToBool(c.MeasureLatency),
		SNI:              aws.ToBool(c.EnableSNI),
		Children:         append([]string(nil), c.ChildHealthChecks...),
		HealthyThreshold: int(aws.ToInt32(c.HealthThreshold)),
		InsufficientData: string(c.InsufficientDataHealthStatus),
		Inverted:         aws.ToBool(c.Inverted),
		Disabled:         aws.ToBool(c.Disabled),
	}
	for _, r := range c.Regions {
		e.Regions = append(e.Regions, string(r))
	}
	if a := c.AlarmIdentifier; a != nil {
		e.AlarmName, e.AlarmRegion = aws.ToString(a.Name), string(a.Region)
	}
	lc.hc = e.Normalize()
	return lc
}

// awsCheckConfig is the HealthCheckConfig that creates h, its children
// already resolved to IDs.
func awsCheckConfig(h estate.HealthCheck, children []string) *types.HealthCheckConfig {
	c := &types.HealthCheckConfig{Type: types.HealthCheckType(h.Type), Inverted: aws.Bool(h.Inverted), Disabled: aws.Bool(h.Disabled)}
	switch h.Type {
	case estate.HCCalculated:
		c.ChildHealthChecks = children
		c.HealthThreshold = aws.Int32(int32(h.HealthyThreshold))
	case estate.HCCloudWatch:
		c.AlarmIdentifier = &types.AlarmIdentifier{Name: aws.String(h.AlarmName), Region: types.CloudWatchRegion(h.AlarmRegion)}
		c.InsufficientDataHealthStatus = types.InsufficientDataHealthStatus(h.InsufficientData)
	default:
		c.FullyQualifiedDomainName = strPtr(h.FQDN)
		c.IPAddress = strPtr(h.IP)
		c.Port = aws.Int32(int32(h.Port))
		c.ResourcePath = strPtr(h.Path)
		c.SearchString = strPtr(h.Search)
		c.RequestInterval = aws.Int32(int32(h.Interval))
		c.FailureThreshold = aws.Int32(int32(h.FailureThreshold))
		c.MeasureLatency = aws.Bool(h.MeasureLatency)
		if h.Type == estate.HCHTTPS || h.Type == estate.HCHTTPSStr {
			c.EnableSNI = aws.Bool(h.SNI)
		}
		for _, r := range h.Regions {
			c.Regions = append(c.Regions, types.HealthCheckRegion(r))
		}
	}
	return c
}

// healthCheckReference makes the unique CallerReference of a new check (at
// most 64 characters): a digest of who creates what, and the time. A
// request retried with the same reference does not create a second check.
func healthCheckReference(entry, key, name string) string {
	sum := sha256.Sum256([]byte(entry + "\x00" + key + "\x00" + name))
	var nonce [4]byte
	_, _ = rand.Read(nonce[:])
	return "dnsctl-" + hex.EncodeToString(sum[:8]) + "-" + strconv.FormatInt(time.Now().UnixNano(), 36) + "-" + hex.EncodeToString(nonce[:])
}

// apiCode returns the AWS error code of err, or "".
func apiCode(err error) string {
	var ae *APIError
	if errors.As(err, &ae) {
		return ae.Code
	}
	return ""
}

// createHealthCheck creates h (children resolved to IDs), tags it as owned
// by the provider's entry and zone key, and returns it as listed. When the
// tags cannot be written the check is deleted again, so that no check is
// left that dnsctl would not recognise.
func (p *Provider) createHealthCheck(ctx context.Context, key string, h estate.HealthCheck, children []string) (*liveCheck, error) {
	in := &route53.CreateHealthCheckInput{
		CallerReference:   aws.String(healthCheckReference(p.cfg.EntryName, key, h.Name)),
		HealthCheckConfig: awsCheckConfig(h, children),
	}
	var out *route53.CreateHealthCheckOutput
	// Route 53 answers a repeated CallerReference with the check it
	// made, so an ambiguous failure may be retried.
	err := p.call(ctx, "route53:CreateHealthCheck", key, callOptions{seeThrough: true}, func(ctx context.Context) error {
		var err error
		out, err = p.r53.CreateHealthCheck(ctx, in)
		return err
	})
	if err != nil {
		return nil, err
	}
	if out.HealthCheck == nil || aws.ToString(out.HealthCheck.Id) == "" {
		return nil, fmt.Errorf("route53:CreateHealthCheck answered without a health check ID")
	}
	id := aws.ToString(out.HealthCheck.Id)
	tags := map[string]string{tagHCOwner: p.cfg.EntryName, tagHCZone: key, tagHCName: h.Name}
	add := []types.Tag{{Key: aws.String(tagHCName), Value: aws.String(h.Name)},
		{Key: aws.String(tagHCOwner), Value: aws.String(p.cfg.EntryName)},
		{Key: aws.String(tagHCZone), Value: aws.String(key)}}
	err = p.call(ctx, "route53:ChangeTagsForResource", key, callOptions{seeThrough: true}, func(ctx context.Context) error {
		_, err := p.r53.ChangeTagsForResource(ctx, &route53.ChangeTagsForResourceInput{
			ResourceType: types.TagResourceTypeHealthcheck, ResourceId: aws.String(id), AddTags: add})
		return err
	})
	if err != nil {
		if derr := p.deleteHealthCheck(context.WithoutCancel(ctx), key, id); derr != nil {
			return nil, fmt.Errorf("created health check %s but could not tag it (%w), nor delete it again (%v): delete it by hand", id, err, derr)
		}
		return nil, fmt.Errorf("created health check %s but could not tag it, so deleted it again: %w", id, err)
	}
	lc := fromAWSCheck(*out.HealthCheck, tags)
	p.rememberCheck(id, lc)
	return lc, nil
}

// deleteHealthCheck deletes check id; one already gone is not an error.
func (p *Provider) deleteHealthCheck(ctx context.Context, key, id string) error {
	err := p.call(ctx, "route53:DeleteHealthCheck", key, callOptions{seeThrough: true}, func(ctx context.Context) error {
		_, err := p.r53.DeleteHealthCheck(ctx, &route53.DeleteHealthCheckInput{HealthCheckId: aws.String(id)})
		return err
	})
	if err != nil && apiCode(err) != "NoSuchHealthCheck" {
		if apiCode(err) == "HealthCheckInUse" {
			return fmt.Errorf("health check %s is still in use (by a record or a calculated check dnsctl does not manage): %w", id, err)
		}
		return err
	}
	p.rememberCheck(id, nil)
	return nil
}
