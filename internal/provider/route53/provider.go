// Package route53 is dnsctl's Amazon Route 53 provider: a DNS provider
// (hosted zones and their record sets) and a registrar (Route 53 Domains
// name servers), configured from a ROUTE53 creds.json entry that is
// compatible with DNSControl's.
//
// The constructor never calls AWS. Every API call goes through one
// client-side rate limiter, shared by every provider that uses the same AWS
// identity (Route 53 throttles per account), and is retried
// with exponential backoff and jitter on throttling and transient failures,
// within a bounded time; the SDK's own retryer is disabled so nothing is
// retried twice over.
package route53

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/credentials/stscreds"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	"github.com/aws/aws-sdk-go-v2/service/route53domains"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"golang.org/x/time/rate"

	"github.com/dnsctl/dnsctl/internal/model"
	"github.com/dnsctl/dnsctl/internal/provider"
	"github.com/dnsctl/dnsctl/internal/provider/route53/routing"
)

// TypeName is the creds.json TYPE of this provider.
const TypeName = "ROUTE53"

// Route53API lists the Route 53 calls the provider makes; *route53.Client
// satisfies it.
type Route53API interface {
	ListHostedZones(context.Context, *route53.ListHostedZonesInput, ...func(*route53.Options)) (*route53.ListHostedZonesOutput, error)
	ListHostedZonesByName(context.Context, *route53.ListHostedZonesByNameInput, ...func(*route53.Options)) (*route53.ListHostedZonesByNameOutput, error)
	GetHostedZone(context.Context, *route53.GetHostedZoneInput, ...func(*route53.Options)) (*route53.GetHostedZoneOutput, error)
	CreateHostedZone(context.Context, *route53.CreateHostedZoneInput, ...func(*route53.Options)) (*route53.CreateHostedZoneOutput, error)
	GetReusableDelegationSet(context.Context, *route53.GetReusableDelegationSetInput, ...func(*route53.Options)) (*route53.GetReusableDelegationSetOutput, error)
	ListResourceRecordSets(context.Context, *route53.ListResourceRecordSetsInput, ...func(*route53.Options)) (*route53.ListResourceRecordSetsOutput, error)
	ChangeResourceRecordSets(context.Context, *route53.ChangeResourceRecordSetsInput, ...func(*route53.Options)) (*route53.ChangeResourceRecordSetsOutput, error)
	GetChange(context.Context, *route53.GetChangeInput, ...func(*route53.Options)) (*route53.GetChangeOutput, error)
	healthCheckAPI
	privateZoneAPI
	dnssecAPI
	zoneSettingsAPI
	cidrAPI
}

// DomainsAPI lists the Route 53 Domains calls the registrar makes;
// *route53domains.Client satisfies it.
type DomainsAPI interface {
	GetDomainDetail(context.Context, *route53domains.GetDomainDetailInput, ...func(*route53domains.Options)) (*route53domains.GetDomainDetailOutput, error)
	UpdateDomainNameservers(context.Context, *route53domains.UpdateDomainNameserversInput, ...func(*route53domains.Options)) (*route53domains.UpdateDomainNameserversOutput, error)
	dnssecDomainsAPI
}

// Provider is a Route 53 DNS provider and registrar. One instance may be
// used by many goroutines at once.
type Provider struct {
	// apiCalls counts requests sent (retries included), for progress.
	apiCalls atomic.Int64

	cfg     Config
	r53     Route53API
	domains DomainsAPI
	creds   aws.CredentialsProvider
	// pacer paces and holds the requests of every provider that speaks for
	// the same AWS identity at the same endpoint (see sharePacer).
	pacer *pacer

	// Backoff between retries: base doubles per attempt up to max, with
	// jitter. Tests shorten them.
	backoffBase, backoffMax time.Duration
	// syncPoll is the interval between GetChange calls when waiting.
	syncPoll time.Duration

	credMu      sync.Mutex
	credOK      bool
	seenSecrets []string
	seenKeyIDs  []string

	zones zoneCache
	// decl is what the configuration declares for the provider's zones.
	decl declared
	// limits bound every paginated listing (see pager).
	limits listLimits
	// peer builds the provider of another creds.json entry
	// (provider.Entry.Peer), nil where the run has none.
	peer func(ctx context.Context, name string) (any, error)
	// hcs caches the account's health checks (healthchecks.go).
	hcs healthCheckCache
	// cidr is what the run knows of the account's CIDR collections.
	cidr cidrState
	// written are the record changes Apply has made (written.go).
	written writtenRecords
	// export is what get-zones has read of the zones it exports
	// (zonesettings.go).
	export exportCache
	// details caches Route 53 Domains' GetDomainDetail answers for the
	// run (registrar.go).
	details domainDetails
}

// pacer is a client-side request rate limit plus a hold that pauses every
// caller after a throttling answer, so that concurrent zone workers back
// off together instead of each one discovering the throttling on its own.
type pacer struct {
	limiter   *rate.Limiter
	holdMu    sync.Mutex
	holdUntil time.Time
}

func newPacer(perSecond float64) *pacer {
	return &pacer{limiter: rate.NewLimiter(rate.Limit(perSecond), 1)}
}

// pacers holds the pacers shared between providers, by identity.
var pacers = struct {
	sync.Mutex
	m map[string]*pacer
}{m: map[string]*pacer{}}

// sharePacer returns the pacer of identity, creating it at perSecond or
// slowing it to perSecond when an earlier sharer asked for more. Route 53
// throttles per AWS account, so two creds.json entries with the same keys
// (or roles of one account) must not each spend the account's budget.
func sharePacer(identity string, perSecond float64) *pacer {
	pacers.Lock()
	defer pacers.Unlock()
	pc := pacers.m[identity]
	if pc == nil {
		pc = newPacer(perSecond)
		pacers.m[identity] = pc
	} else if rate.Limit(perSecond) < pc.limiter.Limit() {
		pc.limiter.SetLimit(rate.Limit(perSecond))
	}
	return pc
}

// identity names who the provider's requests count against, for sharing
// pacers: the account of an assumed role, else the access key ID.
func (p *Provider) identity(accessKeyID string) string {
	who := "key:" + accessKeyID
	if parts := strings.Split(p.cfg.RoleArn, ":"); len(parts) >= 5 && parts[4] != "" {
		who = "account:" + parts[4]
	}
	return p.cfg.Endpoint + "|" + who
}

var _ provider.DNS = (*Provider)(nil)
var _ provider.ZoneCreator = (*Provider)(nil)
var _ provider.ZoneLister = (*Provider)(nil)
var _ provider.Batcher = (*Provider)(nil)
var _ provider.Preparer = (*Provider)(nil)
var _ provider.Registrar = (*Provider)(nil)

// Types are the record types a configuration may give Route 53, plus
// R53_ALIAS. The SOA is not among them: Route 53 keeps each zone's SOA
// itself; dnsctl reads it but never changes it.
var Types = []string{"A", "AAAA", "CAA", "CNAME", "DS", "HTTPS", "MX", "NAPTR", "NS", "PTR",
	"SPF", "SRV", "SSHFP", "SVCB", "TLSA", "TXT", model.AliasType}

// Record metadata keys compared by the differ.
const (
	MetaAliasType       = "alias_type"
	MetaZoneID          = "zone_id"
	MetaEvaluateHealth  = "evaluate_target_health"
	MetaWeight          = "weight"
	MetaHealthCheckID   = "health_check_id"
	MetaFailover        = "failover"
	MetaRegion          = "latency_region"
	MetaGeoContinent    = "geo_continent"
	MetaGeoCountry      = "geo_country"
	MetaGeoSubdivision  = "geo_subdivision"
	MetaMultiValue      = "multivalue"
	MetaCIDRCollection  = "cidr_collection_id"
	MetaCIDRLocation    = "cidr_location"
	MetaGeoProxRegion   = "geoproximity_region"
	MetaGeoProxZone     = "geoproximity_local_zone_group"
	MetaGeoProxLat      = "geoproximity_latitude"
	MetaGeoProxLong     = "geoproximity_longitude"
	MetaGeoProxBias     = "geoproximity_bias"
	metaPrivatePrefix   = routing.PrivateMetaPrefix
	metaRawValue        = "route53_value"   // the exact Value text read, when it differs from what we would write
	metaRawName         = "route53_name"    // the exact Name read, when it differs
	metaRawAliasDNSName = "route53_dnsname" // the exact AliasTarget.DNSName read, when it differs
	metaOrder           = "route53_order"   // position of the value in its set, for sets of several values
	metaTrafficPolicy   = routing.MetaTrafficPolicy
)

// MetaKeys are the metadata keys that are part of a record's content.
// (The list lives with the routing vocabulary, which the DSL shares.)
var MetaKeys = routing.MetaKeys

// Capabilities of the provider.
func (p *Provider) Capabilities() provider.Capabilities { return capabilities() }

func capabilities() provider.Capabilities {
	return provider.Capabilities{
		Types:        provider.TypeSet(Types...),
		SetID:        true,
		Concurrent:   true,
		OneTTLPerSet: true,
		MetaKeys:     append([]string(nil), MetaKeys...),
	}
}

func init() {
	provider.Register(provider.Info{
		Type:         TypeName,
		DNS:          true,
		Registrar:    true,
		Capabilities: capabilities(),
		CheckSetting: checkSetting,
		New: func(ctx context.Context, e provider.Entry) (any, error) {
			c, err := ParseConfig(e.Name, e.Fields)
			if err != nil {
				return nil, err
			}
			if err := c.checkUnset(e.Unset); err != nil {
				return nil, err
			}
			p, err := New(ctx, c)
			if err != nil {
				return nil, err
			}
			p.UseConfiguration(e.Domains, e.Settings)
			p.peer = e.Peer
			return p, nil
		},
	})
}

// New builds a provider from c. It reads the local AWS configuration (shared
// files, environment) but makes no AWS request.
func New(ctx context.Context, c Config) (*Provider, error) {
	if err := c.validate(); err != nil {
		return nil, fmt.Errorf("route53: creds.json entry %s: %w", quoteName(c.EntryName), err)
	}
	c = c.withDefaults()
	opts := []func(*config.LoadOptions) error{
		config.WithRetryer(func() aws.Retryer { return aws.NopRetryer{} }),
		config.WithHTTPClient(awshttp.NewBuildableClient().WithTimeout(2 * time.Minute)),
	}
	if c.Profile != "" {
		opts = append(opts, config.WithSharedConfigProfile(c.Profile))
	}
	if c.Region != "" {
		opts = append(opts, config.WithRegion(c.Region))
	}
	if c.KeyId != "" {
		opts = append(opts, config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider(c.KeyId, c.SecretKey, c.Token)))
	}
	awsCfg, err := config.LoadDefaultConfig(ctx, opts...)
	if err != nil {
		var pe config.SharedConfigProfileNotExistError
		if errors.As(err, &pe) {
			return nil, fmt.Errorf("route53: creds.json entry %s: the AWS profile %q does not exist in the shared config files (~/.aws/config, ~/.aws/credentials, or AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE); check Profile or AWS_PROFILE: %w", quoteName(c.EntryName), pe.Profile, err)
		}
		return nil, fmt.Errorf("route53: creds.json entry %s: loading the AWS configuration: %w", quoteName(c.EntryName), err)
	}
	if awsCfg.Region == "" {
		awsCfg.Region = defaultRegion
	}
	// Wrapped only now: the SDK configures its own client (AWS_CA_BUNDLE).
	awsCfg.HTTPClient = limitedClient{client: awsCfg.HTTPClient, max: maxResponseBytes}
	if c.RoleArn != "" {
		stsClient := sts.NewFromConfig(awsCfg, func(o *sts.Options) {
			o.Retryer = aws.NopRetryer{}
			if c.Endpoint != "" {
				o.BaseEndpoint = aws.String(c.Endpoint)
			}
		})
		session := c.RoleSessionName
		if session == "" {
			session = "dnsctl"
		}
		awsCfg.Credentials = aws.NewCredentialsCache(stscreds.NewAssumeRoleProvider(stsClient, c.RoleArn, func(o *stscreds.AssumeRoleOptions) {
			o.RoleSessionName = session
			if c.ExternalId != "" {
				o.ExternalID = aws.String(c.ExternalId)
			}
		}))
	}
	r53 := route53.NewFromConfig(awsCfg, func(o *route53.Options) {
		o.Retryer = aws.NopRetryer{}
		if c.Endpoint != "" {
			o.BaseEndpoint = aws.String(c.Endpoint)
		}
	})
	dom := route53domains.NewFromConfig(awsCfg, func(o *route53domains.Options) {
		// Route 53 Domains exists only in us-east-1.
		o.Region = "us-east-1"
		o.Retryer = aws.NopRetryer{}
		if c.Endpoint != "" {
			o.BaseEndpoint = aws.String(c.Endpoint)
		}
	})
	return newProvider(c, awsCfg.Credentials, r53, dom), nil
}

// NewWithClients builds a provider around the given clients (tests and
// embedders); creds may be nil when the clients sign requests themselves.
func NewWithClients(c Config, creds aws.CredentialsProvider, r53 Route53API, domains DomainsAPI) (*Provider, error) {
	if err := c.validate(); err != nil {
		return nil, fmt.Errorf("route53: creds.json entry %s: %w", quoteName(c.EntryName), err)
	}
	return newProvider(c.withDefaults(), creds, r53, domains), nil
}

func newProvider(c Config, creds aws.CredentialsProvider, r53 Route53API, domains DomainsAPI) *Provider {
	return &Provider{
		cfg:         c,
		r53:         r53,
		domains:     domains,
		creds:       creds,
		pacer:       newPacer(c.RateLimit),
		backoffBase: 250 * time.Millisecond,
		backoffMax:  15 * time.Second,
		syncPoll:    2 * time.Second,
		zones:       newZoneCache(),
		limits:      defaultListLimits,
	}
}

// ensureCredentials resolves the credentials once, before the first call,
// so that missing or malformed credentials get a clear message instead of
// an AWS signature error.
func (p *Provider) ensureCredentials(ctx context.Context) error {
	p.credMu.Lock()
	defer p.credMu.Unlock()
	if p.credOK || p.creds == nil {
		return nil
	}
	v, err := p.creds.Retrieve(ctx)
	if err != nil {
		return p.credentialsError(ctx, err)
	}
	src := v.Source
	for _, f := range []struct{ field, env, value string }{
		{fieldKeyID, "access key ID", v.AccessKeyID},
		{fieldSecretKey, "secret access key", v.SecretAccessKey},
		{fieldToken, "session token", v.SessionToken},
	} {
		if msg := whitespaceProblem(f.value); msg != "" {
			where := fmt.Sprintf("the %s from %s", f.env, src)
			if p.cfg.KeyId != "" {
				where = fmt.Sprintf("%s in %s", f.field, p.entryDescription())
			}
			return fmt.Errorf("%s %s; AWS would reject the request (IncompleteSignature). Remove the whitespace", where, msg)
		}
	}
	if v.AccessKeyID == "" || v.SecretAccessKey == "" {
		return p.credentialsError(ctx, fmt.Errorf("the credentials found (from %s) are empty", src))
	}
	p.seenSecrets = append(p.seenSecrets, v.SecretAccessKey, v.SessionToken)
	p.seenKeyIDs = append(p.seenKeyIDs, v.AccessKeyID)
	p.pacer = sharePacer(p.identity(v.AccessKeyID), p.cfg.RateLimit)
	p.credOK = true
	return nil
}

func (p *Provider) credentialsError(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if p.cfg.RoleArn != "" {
		var ae interface{ ErrorCode() string }
		if errors.As(err, &ae) {
			return p.translate("sts:AssumeRole", "", err)
		}
	}
	var hint string
	switch {
	case p.cfg.Profile != "":
		hint = fmt.Sprintf("the AWS profile %q gave no usable credentials: for an SSO profile run `aws sso login --profile %s` (the login expires); otherwise check the profile in ~/.aws/config and ~/.aws/credentials", p.cfg.Profile, p.cfg.Profile)
	default:
		hint = fmt.Sprintf("no AWS credentials were found (NoCredentialProviders). Give %s KeyId and SecretKey, or Profile; or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE) in the environment; on EC2, ECS or Lambda attach an IAM role. Also check that the creds.json entry name is exactly the one used in NewDnsProvider()/NewRegistrar() in dnsconfig.js", p.entryDescription())
		if strings.Contains(strings.ToLower(err.Error()), "sso") {
			hint += ". The SSO session may have expired: run `aws sso login`"
		}
	}
	return fmt.Errorf("%s: %w", hint, err)
}

// callOptions tune one call.
type callOptions struct {
	// mutating calls are not repeated after an ambiguous failure (the
	// request may have been carried out); the caller gets an
	// *ambiguousError and decides. They are also seeThrough.
	mutating bool
	// seeThrough calls change something: a request once sent is not
	// abandoned when ctx is cancelled (Ctrl-C), only the wait for the
	// pacer and the pauses between retries are.
	seeThrough bool
}

// ambiguousError is a failure after which a mutating request may or may
// not have taken effect.
type ambiguousError struct{ err error }

func (e *ambiguousError) Error() string { return e.err.Error() }
func (e *ambiguousError) Unwrap() error { return e.err }

// call runs fn under the shared rate limiter, retrying throttled and
// transient failures with exponential backoff and jitter until
// RetryTimeout has passed. action names the IAM action for messages.
func (p *Provider) call(ctx context.Context, action, zone string, o callOptions, fn func(context.Context) error) error {
	if err := p.ensureCredentials(ctx); err != nil {
		return err
	}
	start := time.Now()
	deadline := start.Add(p.cfg.RetryTimeout)
	for attempt := 1; ; attempt++ {
		if err := p.waitHold(ctx); err != nil {
			return fmt.Errorf("%s: %w", action, err)
		}
		if err := p.pacer.limiter.Wait(ctx); err != nil {
			if ctx.Err() != nil {
				return fmt.Errorf("%s: %w", action, ctx.Err())
			}
			return fmt.Errorf("%s: %w", action, err)
		}
		detach := o.mutating || o.seeThrough
		reqCtx := ctx
		if detach {
			// The pacer may let a caller go at the moment ctx is
			// cancelled: nothing is sent after an interruption.
			if err := ctx.Err(); err != nil {
				return fmt.Errorf("%s: %w", action, err)
			}
			reqCtx = context.WithoutCancel(ctx)
		}
		p.apiCalls.Add(1)
		err := fn(reqCtx)
		if err == nil {
			return nil
		}
		if ctx.Err() != nil && !detach {
			return fmt.Errorf("%s: %w", action, ctx.Err())
		}
		class := classify(err)
		if class == permanent {
			return p.translate(action, zone, err)
		}
		if class == transient && o.mutating {
			return &ambiguousError{p.translate(action, zone, err)}
		}
		delay := p.backoff(attempt)
		if isThrottle(err) {
			p.hold(delay)
		}
		if time.Now().Add(delay).After(deadline) {
			return &retryExhaustedError{attempts: attempt, elapsed: time.Since(start), limit: p.cfg.RetryTimeout, err: p.translate(action, zone, err)}
		}
		t := time.NewTimer(delay)
		select {
		case <-ctx.Done():
			t.Stop()
			return fmt.Errorf("%s: %w", action, ctx.Err())
		case <-t.C:
		}
	}
}

// retryExhaustedError says a call kept failing until the retry bound.
type retryExhaustedError struct {
	attempts int
	elapsed  time.Duration
	limit    time.Duration
	err      error
}

func (e *retryExhaustedError) Error() string {
	return fmt.Sprintf("gave up after %d attempts in %s (RetryTimeout %s): %v", e.attempts, e.elapsed.Round(time.Millisecond), e.limit, e.err)
}
func (e *retryExhaustedError) Unwrap() error { return e.err }

// backoff returns the pause before retry number attempt: exponential with
// "equal jitter" (half fixed, half random) so concurrent callers spread out.
func (p *Provider) backoff(attempt int) time.Duration {
	d := p.backoffBase
	for i := 1; i < attempt && d < p.backoffMax; i++ {
		d *= 2
	}
	d = min(d, p.backoffMax)
	half := d / 2
	if half <= 0 {
		return d
	}
	return half + time.Duration(rand.Int64N(int64(half)+1))
}

// hold pauses all callers sharing this provider's pacer for d.
func (p *Provider) hold(d time.Duration) {
	pc := p.pacer
	pc.holdMu.Lock()
	defer pc.holdMu.Unlock()
	if until := time.Now().Add(d); until.After(pc.holdUntil) {
		pc.holdUntil = until
	}
}

func (p *Provider) waitHold(ctx context.Context) error {
	pc := p.pacer
	pc.holdMu.Lock()
	until := pc.holdUntil
	pc.holdMu.Unlock()
	if d := time.Until(until); d > 0 {
		return sleep(ctx, d)
	}
	return nil
}

// ConfigWarnings returns remarks on the creds.json entry (fields ignored).
func (p *Provider) ConfigWarnings() []string { return p.cfg.Warnings }

// APICalls returns how many requests the provider has sent so far.
func (p *Provider) APICalls() int64 { return p.apiCalls.Load() }

// WaitForSync makes Apply wait until Route 53 reports each change INSYNC,
// as the WaitForSync creds field does (push --wait). Call it before use.
func (p *Provider) WaitForSync() { p.cfg.WaitForSync = true }
