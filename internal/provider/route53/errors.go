package route53

import (
	"context"
	"errors"
	"fmt"
	"net"
	"regexp"
	"strings"
	"syscall"

	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/route53/types"
	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"

	"github.com/dnsctl/dnsctl/internal/creds"
	"github.com/dnsctl/dnsctl/internal/provider"
)

// policyDoc is where the minimum IAM policy is documented.
const policyDoc = "docs/providers/route53.md#minimum-iam-policy"

// APIError is a failed AWS call, explained: what is wrong and how to fix it
// (Hint), then what AWS said. It wraps the SDK's error.
type APIError struct {
	// Action is the IAM action of the call, e.g. "route53:ListResourceRecordSets".
	Action string
	// Zone is the zone or domain the call was about, if any.
	Zone      string
	Hint      string
	Code      string
	Message   string
	RequestID string
	Status    int
	Err       error
}

func (e *APIError) Error() string {
	var b strings.Builder
	b.WriteString(e.Action)
	if e.Zone != "" {
		b.WriteString(" (")
		b.WriteString(e.Zone)
		b.WriteString(")")
	}
	b.WriteString(": ")
	if e.Hint != "" {
		b.WriteString(e.Hint)
		b.WriteString(" ")
	}
	b.WriteString("[AWS ")
	switch {
	case e.Code != "":
		b.WriteString(e.Code)
		if e.Message != "" {
			b.WriteString(": ")
			b.WriteString(e.Message)
		}
	case e.Err != nil:
		b.WriteString("error: ")
		b.WriteString(e.Err.Error())
	}
	if e.Status != 0 {
		fmt.Fprintf(&b, "; HTTP %d", e.Status)
	}
	if e.RequestID != "" {
		b.WriteString("; request ID ")
		b.WriteString(e.RequestID)
	}
	b.WriteString("]")
	return b.String()
}

func (e *APIError) Unwrap() error { return e.Err }

// zoneNotFound is the error for a hosted zone that does not exist.
type zoneNotFoundError struct {
	zone   string
	detail string
}

func (e *zoneNotFoundError) Error() string {
	msg := fmt.Sprintf("zone %s: %v: there is no Route 53 hosted zone of that name in this AWS account; run `dnsctl create-domains` or `dnsctl push`, which creates it", e.zone, provider.ErrZoneNotFound)
	if e.detail != "" {
		msg += " (" + e.detail + ")"
	}
	return msg
}

func (e *zoneNotFoundError) Unwrap() error { return provider.ErrZoneNotFound }

// publicError is an error as returned by an exported method: prefixed once
// with "route53: " and scrubbed of secrets.
type publicError struct {
	msg string
	err error
}

func (e *publicError) Error() string { return e.msg }
func (e *publicError) Unwrap() error { return e.err }

// public prefixes err with "route53: " (once) and removes every secret of
// this provider's configuration from its text.
func (p *Provider) public(err error) error {
	if err == nil {
		return nil
	}
	var pe *publicError
	if errors.As(err, &pe) && pe == err {
		return err
	}
	msg := err.Error()
	if !strings.HasPrefix(msg, "route53: ") {
		msg = "route53: " + msg
	}
	return &publicError{msg: p.scrub(msg), err: err}
}

// scrub replaces secret values (and the full access key ID) in s, and the
// user information of URLs (an Endpoint such as http://user:pass@host).
func (p *Provider) scrub(s string) string {
	if p == nil {
		return creds.Redact(s)
	}
	s = creds.Redact(s, p.secrets()...)
	p.credMu.Lock()
	keys := append([]string{p.cfg.KeyId}, p.seenKeyIDs...)
	p.credMu.Unlock()
	for _, k := range keys {
		if len(k) >= 8 {
			s = strings.ReplaceAll(s, k, creds.MaskKey(k))
		}
	}
	return s
}

func (p *Provider) secrets() []string {
	out := []string{p.cfg.SecretKey, p.cfg.Token, p.cfg.ExternalId}
	// The Endpoint's user information, whether or not the URL parses: the
	// SDK quotes an Endpoint it cannot parse ("Failed to parse uri: ...").
	out = append(out, creds.URLSecrets(p.cfg.Endpoint)...)
	p.credMu.Lock()
	out = append(out, p.seenSecrets...)
	p.credMu.Unlock()
	return out
}

// errorClass says how a failed call may be retried.
type errorClass int

const (
	permanent errorClass = iota
	// retrySafe: the request was certainly not carried out (throttled,
	// rejected before processing, never sent).
	retrySafe
	// transient: a server or network failure; the request may or may not
	// have been carried out.
	transient
)

var throttleCodes = map[string]bool{
	"Throttling": true, "ThrottlingException": true, "ThrottledException": true,
	"RequestLimitExceeded": true, "TooManyRequestsException": true, "RequestThrottled": true,
	"RequestThrottledException": true, "PriorRequestNotComplete": true, "SlowDown": true,
}

var transientCodes = map[string]bool{
	"InternalError": true, "InternalFailure": true, "InternalServerError": true,
	"ServiceUnavailable": true, "ServiceUnavailableException": true, "RequestTimeout": true,
	"RequestTimeoutException": true,
}

func classify(err error) errorClass {
	if err == nil || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) ||
		errors.Is(err, errResponseTooLarge) {
		return permanent
	}
	var ae smithy.APIError
	if errors.As(err, &ae) {
		if throttleCodes[ae.ErrorCode()] {
			return retrySafe
		}
		if transientCodes[ae.ErrorCode()] {
			return transient
		}
	}
	if st := httpStatus(err); st != 0 {
		switch {
		case st == 429:
			return retrySafe
		case st >= 500:
			return transient
		}
		if ae != nil {
			return permanent
		}
	}
	// Network failures. A refused or failed dial never reached the service.
	var oe *net.OpError
	if errors.As(err, &oe) && oe.Op == "dial" {
		return retrySafe
	}
	if errors.Is(err, syscall.ECONNREFUSED) {
		return retrySafe
	}
	var se *smithyhttp.RequestSendError
	if errors.As(err, &se) {
		return transient
	}
	var de *smithy.DeserializationError
	if errors.As(err, &de) {
		return transient
	}
	if errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE) {
		return transient
	}
	msg := err.Error()
	for _, s := range []string{"connection reset", "broken pipe", "EOF", "use of closed network connection", "http2: server sent GOAWAY", "timeout awaiting response"} {
		if strings.Contains(msg, s) {
			return transient
		}
	}
	return permanent
}

func isThrottle(err error) bool {
	var ae smithy.APIError
	if errors.As(err, &ae) && throttleCodes[ae.ErrorCode()] {
		// PriorRequestNotComplete concerns one zone, not the account.
		return ae.ErrorCode() != "PriorRequestNotComplete"
	}
	return httpStatus(err) == 429
}

func httpStatus(err error) int {
	var re *smithyhttp.ResponseError
	if errors.As(err, &re) && re.Response != nil {
		return re.Response.StatusCode
	}
	return 0
}

func requestID(err error) string {
	var re *awshttp.ResponseError
	if errors.As(err, &re) {
		return re.ServiceRequestID()
	}
	return ""
}

var notAuthorizedRE = regexp.MustCompile(`not authorized to perform:? ([a-z0-9-]+:[A-Za-z0-9]+)`)

// translate explains an error of the AWS call action (an IAM action name
// such as "route53:ListResourceRecordSets") about zone. It never adds the
// "route53: " prefix; exported methods do, once.
func (p *Provider) translate(action, zone string, err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("%s: %w", action, err)
	}
	var already *APIError
	if errors.As(err, &already) {
		return err
	}
	e := &APIError{Action: action, Zone: zone, Err: err, RequestID: requestID(err), Status: httpStatus(err)}
	var ae smithy.APIError
	if errors.As(err, &ae) {
		e.Code, e.Message = ae.ErrorCode(), ae.ErrorMessage()
		var icb *types.InvalidChangeBatch
		if errors.As(err, &icb) && len(icb.Messages) > 0 {
			e.Message = strings.Join(icb.Messages, "; ")
		}
	}
	service, _, _ := strings.Cut(action, ":")
	switch e.Code {
	case "InvalidClientTokenId", "UnrecognizedClientException":
		e.Hint = fmt.Sprintf("the access key ID %s is unknown to AWS: it is mistyped, was deleted or deactivated, or belongs to another AWS partition. Check %s.", p.keyDescription(), p.keySource())
		if p.cfg.Token != "" {
			e.Hint += " Temporary keys (with a Token) stop working when they expire: get new ones."
		}
	case "SignatureDoesNotMatch", "InvalidSignatureException":
		e.Hint = fmt.Sprintf("the secret access key does not belong to the access key ID %s: SecretKey is wrong. This is often a quoting problem (a missing or extra character, a '$' or '\\' changed by a shell or by JSON escaping) or a key that was rotated; copy the secret again into %s.", p.keyDescription(), p.secretSource())
	case "IncompleteSignature", "IncompleteSignatureException":
		e.Hint = fmt.Sprintf("AWS could not read the request signature; this usually means a credential value contains a space or newline. Check KeyId, SecretKey and Token in %s.", p.entryDescription())
	case "ExpiredToken", "ExpiredTokenException", "TokenRefreshRequired":
		e.Hint = "the temporary credentials have expired: get new ones (for an SSO profile run `aws sso login`), or use long-term keys."
	case "RequestExpired", "InvalidSignatureException.RequestExpired":
		e.Hint = "AWS rejected the request time: this machine's clock is wrong by more than 5 minutes. Fix the clock (NTP)."
	case "AccessDenied", "AccessDeniedException", "UnauthorizedOperation":
		denied := action
		if m := notAuthorizedRE.FindStringSubmatch(e.Message); m != nil {
			denied = m[1]
		}
		switch service {
		case "route53domains":
			e.Hint = fmt.Sprintf("the AWS identity may not call %s. To use Route 53 as the registrar it needs route53domains:GetDomainDetail and route53domains:UpdateDomainNameservers (see %s); or use a different registrar (NewRegistrar(\"none\") if you manage delegation by hand).", denied, policyDoc)
		case "sts":
			e.Hint = fmt.Sprintf("the base credentials may not assume the role %s: check the role's trust policy and that ExternalId matches what it requires.", p.cfg.RoleArn)
		default:
			e.Hint = fmt.Sprintf("the AWS identity is not allowed to call %s. Grant it the minimum IAM policy in %s (or AmazonRoute53FullAccess).", denied, policyDoc)
		}
	case "OptInRequired", "SubscriptionRequiredException", "NotSignedUp":
		e.Hint = "this AWS account is not signed up for the service; finish the account setup in the AWS console."
	case "NoSuchHostedZone":
		return &zoneNotFoundError{zone: zone, detail: e.Error()}
	case "NoSuchDelegationSet", "DelegationSetNotAvailable", "DelegationSetNotReusable", "InvalidDelegationSetId":
		e.Hint = fmt.Sprintf("the reusable delegation set %q (DelegationSet in %s) cannot be used: check its ID with `aws route53 list-reusable-delegation-sets`.", p.cfg.withDefaults().DelegationSet, p.entryDescription())
	case "ConflictingDomainExists":
		e.Hint = "Route 53 refuses to create this zone in the configured delegation set because a zone of an overlapping name already uses it; use another delegation set or none."
	case "TooManyHostedZones":
		e.Hint = "the account reached its hosted zone quota; ask AWS for a higher quota."
	case "InvalidChangeBatch":
		e.Hint = "Route 53 rejected the change batch; nothing in this batch was applied."
	case "InvalidInput", "InvalidInputException":
		if lm := strings.ToLower(e.Message); service == "route53domains" && (strings.Contains(lm, "not associated") || strings.Contains(lm, "not registered")) {
			e.Hint = fmt.Sprintf("the domain %s is not registered with Route 53 Domains in this AWS account; use the registrar where it is registered instead of ROUTE53.", zone)
		} else {
			e.Hint = "Route 53 rejected the request as invalid."
		}
	case "Throttling", "ThrottlingException", "PriorRequestNotComplete", "TooManyRequestsException", "RequestLimitExceeded":
		e.Hint = fmt.Sprintf("AWS kept throttling requests. Route 53 allows 5 requests per second per account, shared by every tool using it: lower RateLimit (now %g) or raise RetryTimeout (now %s) in %s.", p.cfg.withDefaults().RateLimit, p.cfg.withDefaults().RetryTimeout, p.entryDescription())
	case "":
		if st := e.Status; st >= 500 {
			e.Hint = "AWS had a server error; try again later."
		} else if classify(err) != permanent {
			e.Hint = fmt.Sprintf("the connection to AWS failed (%s); check the network, proxy settings and Endpoint.", p.endpointDescription(service))
		} else if st == 404 && p.cfg.Endpoint != "" {
			e.Hint = fmt.Sprintf("%s answered HTTP 404 without an AWS error: it does not serve %s (emulators such as moto and LocalStack lack some Route 53 calls; see docs/providers/route53.md).", p.endpointDescription(service), action)
		}
	default:
		if e.Status >= 500 {
			e.Hint = "AWS had a server error; try again later."
		}
	}
	return e
}

func (p *Provider) entryDescription() string {
	if p.cfg.EntryName != "" {
		return fmt.Sprintf("the creds.json entry %q", p.cfg.EntryName)
	}
	return "the creds.json entry"
}

func (p *Provider) keyDescription() string {
	if p.cfg.KeyId != "" {
		return creds.MaskKey(p.cfg.KeyId)
	}
	return "in use"
}

func (p *Provider) keySource() string {
	switch {
	case p.cfg.KeyId != "":
		return "KeyId in " + p.entryDescription()
	case p.cfg.Profile != "":
		return fmt.Sprintf("aws_access_key_id of the profile %q", p.cfg.Profile)
	}
	return "where it comes from (AWS_ACCESS_KEY_ID, AWS_PROFILE, ~/.aws/credentials)"
}

func (p *Provider) secretSource() string {
	switch {
	case p.cfg.KeyId != "":
		return "SecretKey of " + p.entryDescription()
	case p.cfg.Profile != "":
		return fmt.Sprintf("aws_secret_access_key of the profile %q", p.cfg.Profile)
	}
	return "AWS_SECRET_ACCESS_KEY or ~/.aws/credentials"
}

func (p *Provider) endpointDescription(service string) string {
	if p.cfg.Endpoint != "" {
		return "Endpoint " + creds.RedactURLValue(p.cfg.Endpoint)
	}
	return service + " endpoint"
}
