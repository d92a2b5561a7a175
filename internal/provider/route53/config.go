package route53

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/dnsctl/dnsctl/internal/creds"
)

// Defaults of the optional settings.
const (
	DefaultRateLimit    = 5.0
	DefaultRetryTimeout = 2 * time.Minute
	DefaultSyncTimeout  = 10 * time.Minute
	defaultRegion       = "us-east-1"
)

// Config is a ROUTE53 creds.json entry, parsed. The zero value (no fields at
// all) uses the AWS SDK's default credential chain.
type Config struct {
	// EntryName is the creds.json key, used in messages only.
	EntryName string
	// Warnings are ParseConfig's remarks on fields it ignored.
	Warnings []string

	// KeyId, SecretKey and Token are static credentials. SecretKey is
	// required with KeyId; Token only for temporary credentials.
	KeyId     string
	SecretKey string
	Token     string

	// Profile is a profile of the shared AWS config/credentials files (SSO
	// profiles included). It cannot be combined with KeyId.
	Profile string

	// RoleArn, when set, is assumed with STS on top of whatever credentials
	// the fields above (or the default chain) give. ExternalId and
	// RoleSessionName are passed to AssumeRole.
	RoleArn         string
	ExternalId      string
	RoleSessionName string

	// Region of the AWS partition to talk to; "" means us-east-1 unless the
	// environment or profile sets one. Route 53 is global, so this matters
	// only outside the aws partition (for example cn-north-1).
	Region string

	// DelegationSet is the ID of a reusable delegation set new zones are
	// created in, with or without the "/delegationset/" prefix.
	DelegationSet string

	// Endpoint overrides the base URL of every AWS API this provider calls
	// (Route 53, Route 53 Domains, STS). Meant for emulators and proxies.
	Endpoint string

	// RateLimit is the number of API requests per second this provider
	// instance sends, across all zones it works on. Default 5.
	RateLimit float64

	// RetryTimeout bounds the time spent retrying one API call after
	// throttling or transient failures. Default 2 minutes.
	RetryTimeout time.Duration

	// WaitForSync makes Apply wait, after each change batch, until Route 53
	// reports it INSYNC on all its servers, for at most SyncTimeout.
	WaitForSync bool
	SyncTimeout time.Duration
}

// Field names as written in creds.json.
const (
	fieldKeyID           = "KeyId"
	fieldSecretKey       = "SecretKey"
	fieldToken           = "Token"
	fieldProfile         = "Profile"
	fieldRoleArn         = "RoleArn"
	fieldExternalID      = "ExternalId"
	fieldRoleSessionName = "RoleSessionName"
	fieldRegion          = "Region"
	fieldDelegationSet   = "DelegationSet"
	fieldEndpoint        = "Endpoint"
	fieldRateLimit       = "RateLimit"
	fieldRetryTimeout    = "RetryTimeout"
	fieldWaitForSync     = "WaitForSync"
	fieldSyncTimeout     = "SyncTimeout"
)

var knownFields = []string{
	fieldKeyID, fieldSecretKey, fieldToken, fieldProfile, fieldRoleArn, fieldExternalID,
	fieldRoleSessionName, fieldRegion, fieldDelegationSet, fieldEndpoint, fieldRateLimit,
	fieldRetryTimeout, fieldWaitForSync, fieldSyncTimeout,
}

// ParseConfig builds a Config from the fields of a creds.json entry (TYPE
// excluded) and validates it. Messages never include a secret value.
func ParseConfig(entryName string, fields map[string]string) (Config, error) {
	c := Config{EntryName: entryName}
	var problems []string
	for _, k := range slices.Sorted(maps.Keys(fields)) {
		v := fields[k]
		switch k {
		case fieldKeyID:
			c.KeyId = v
		case fieldSecretKey:
			c.SecretKey = v
		case fieldToken:
			c.Token = v
		case fieldProfile:
			c.Profile = strings.TrimSpace(v)
		case fieldRoleArn:
			c.RoleArn = strings.TrimSpace(v)
		case fieldExternalID:
			c.ExternalId = v
		case fieldRoleSessionName:
			c.RoleSessionName = strings.TrimSpace(v)
		case fieldRegion:
			c.Region = strings.TrimSpace(v)
		case fieldDelegationSet:
			c.DelegationSet = strings.TrimSpace(v)
		case fieldEndpoint:
			c.Endpoint = strings.TrimSpace(v)
		case fieldRateLimit:
			if strings.TrimSpace(v) == "" {
				continue
			}
			f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
			if err != nil || f <= 0 || f > 1000 {
				problems = append(problems, fmt.Sprintf("%s %q must be a number of requests per second above 0 (Route 53 allows 5 per second per account)", k, v))
				continue
			}
			c.RateLimit = f
		case fieldRetryTimeout, fieldSyncTimeout:
			if strings.TrimSpace(v) == "" {
				continue
			}
			d, err := parseDuration(v)
			if err != nil {
				problems = append(problems, fmt.Sprintf("%s %q: %v", k, v, err))
				continue
			}
			if k == fieldRetryTimeout {
				c.RetryTimeout = d
			} else {
				c.SyncTimeout = d
			}
		case fieldWaitForSync:
			b, err := parseBool(v)
			if err != nil {
				problems = append(problems, fmt.Sprintf("%s %q must be true or false", k, v))
				continue
			}
			c.WaitForSync = b
		default:
			// DNSControl ignores fields it does not know, so existing
			// files may hold some: a warning, not an error. But a
			// misspelt field that chooses the account would leave the
			// run on whatever credentials the environment holds.
			if known := matchFold(k); known != "" && accountFields[known] {
				problems = append(problems, fmt.Sprintf("unknown field %q: field names are case-sensitive, did you mean %q? (ignoring it would run on whatever credentials the environment holds)", k, known))
			} else if known != "" {
				c.Warnings = append(c.Warnings, fmt.Sprintf("creds.json entry %s: field %q is ignored: field names are case-sensitive, did you mean %q?", quoteName(entryName), k, known))
			} else {
				c.Warnings = append(c.Warnings, fmt.Sprintf("creds.json entry %s: unknown field %q is ignored (known fields: %s)", quoteName(entryName), k, strings.Join(knownFields, ", ")))
			}
		}
	}
	if err := c.validate(); err != nil {
		problems = append(problems, err.Error())
	}
	if len(problems) > 0 {
		return Config{}, fmt.Errorf("route53: creds.json entry %s: %s", quoteName(entryName), strings.Join(problems, "; "))
	}
	return c, nil
}

// accountFields choose the AWS account and credentials a run acts with.
var accountFields = map[string]bool{fieldKeyID: true, fieldSecretKey: true, fieldProfile: true,
	fieldRoleArn: true, fieldExternalID: true, fieldEndpoint: true}

// checkUnset refuses fields that choose the account and came from a
// "$VARIABLE" that is not set: left empty, the run would quietly act with
// whatever credentials the environment holds (another account, perhaps).
// Token is the exception DNSControl users rely on ("$AWS_SESSION_TOKEN"
// with long-term keys); other fields fall back to their defaults with a
// warning.
func (c *Config) checkUnset(unset map[string]string) error {
	var problems []string
	for _, f := range slices.Sorted(maps.Keys(unset)) {
		switch {
		case accountFields[f]:
			problems = append(problems, fmt.Sprintf("%s is \"$%s\", which is not set or empty; set the variable, or remove %s to use the AWS SDK's default credentials", f, unset[f], f))
		case f == fieldToken:
		default:
			c.Warnings = append(c.Warnings, fmt.Sprintf("creds.json entry %s: %s is \"$%s\", which is not set or empty; using the default", quoteName(c.EntryName), f, unset[f]))
		}
	}
	if len(problems) > 0 {
		return fmt.Errorf("route53: creds.json entry %s: %s", quoteName(c.EntryName), strings.Join(problems, "; "))
	}
	return nil
}

func quoteName(n string) string {
	if n == "" {
		return "(unnamed)"
	}
	return strconv.Quote(n)
}

func matchFold(k string) string {
	for _, f := range knownFields {
		if strings.EqualFold(f, k) {
			return f
		}
	}
	return ""
}

// validate checks the combinations of fields; it does not prefix messages.
func (c *Config) validate() error {
	var problems []string
	for _, f := range []struct{ name, value string }{{fieldKeyID, c.KeyId}, {fieldSecretKey, c.SecretKey}, {fieldToken, c.Token}} {
		if msg := whitespaceProblem(f.value); msg != "" {
			problems = append(problems, fmt.Sprintf("%s %s; AWS would reject the request signature (IncompleteSignature or SignatureDoesNotMatch). Remove the whitespace in creds.json", f.name, msg))
		}
	}
	switch {
	case c.Profile != "" && (c.KeyId != "" || c.SecretKey != ""):
		problems = append(problems, "Profile cannot be combined with KeyId/SecretKey: use either a profile of the shared AWS config files or static keys, not both")
	case c.KeyId != "" && c.SecretKey == "":
		problems = append(problems, "KeyId is set but SecretKey is missing or empty (a creds.json variable that is not set expands to nothing)")
	case c.KeyId == "" && c.SecretKey != "":
		problems = append(problems, "SecretKey is set but KeyId is missing or empty")
	case c.Token != "" && c.KeyId == "":
		problems = append(problems, "Token is only used with KeyId and SecretKey (temporary credentials)")
	}
	if (c.ExternalId != "" || c.RoleSessionName != "") && c.RoleArn == "" {
		problems = append(problems, "ExternalId and RoleSessionName need RoleArn")
	}
	if c.RoleArn != "" && !strings.HasPrefix(c.RoleArn, "arn:") {
		problems = append(problems, fmt.Sprintf("RoleArn %q is not an ARN (arn:aws:iam::123456789012:role/NAME)", c.RoleArn))
	}
	if c.Endpoint != "" && !strings.HasPrefix(c.Endpoint, "http://") && !strings.HasPrefix(c.Endpoint, "https://") {
		problems = append(problems, fmt.Sprintf("Endpoint %q must be a URL starting with http:// or https://", creds.RedactURLValue(c.Endpoint)))
	}
	if len(problems) > 0 {
		return fmt.Errorf("%s", strings.Join(problems, "; "))
	}
	return nil
}

// whitespaceProblem describes where whitespace sits in a credential value,
// without showing the value.
func whitespaceProblem(v string) string {
	if v == "" {
		return ""
	}
	first := -1
	for i, r := range v {
		if unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff' {
			first = i
			break
		}
	}
	if first < 0 {
		return ""
	}
	switch {
	case first == 0:
		return "starts with whitespace"
	case strings.TrimRightFunc(v, unicode.IsSpace) != v:
		return "ends with whitespace (often a newline copied with the value)"
	default:
		return fmt.Sprintf("contains whitespace at character %d", first+1)
	}
}

func parseBool(v string) (bool, error) {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "", "false", "0", "no", "off":
		return false, nil
	case "true", "1", "yes", "on":
		return true, nil
	}
	return false, fmt.Errorf("not a boolean")
}

// parseDuration accepts Go durations ("90s", "2m") and plain seconds ("120").
func parseDuration(v string) (time.Duration, error) {
	v = strings.TrimSpace(v)
	if n, err := strconv.ParseFloat(v, 64); err == nil {
		if n < 0 {
			return 0, fmt.Errorf("must not be negative")
		}
		return time.Duration(n * float64(time.Second)), nil
	}
	d, err := time.ParseDuration(v)
	if err != nil {
		return 0, fmt.Errorf("not a duration (use seconds or a value such as 90s or 5m)")
	}
	if d < 0 {
		return 0, fmt.Errorf("must not be negative")
	}
	return d, nil
}

func (c *Config) withDefaults() Config {
	d := *c
	if d.RateLimit <= 0 {
		d.RateLimit = DefaultRateLimit
	}
	if d.RetryTimeout <= 0 {
		d.RetryTimeout = DefaultRetryTimeout
	}
	if d.SyncTimeout <= 0 {
		d.SyncTimeout = DefaultSyncTimeout
	}
	d.DelegationSet = strings.TrimPrefix(strings.TrimPrefix(d.DelegationSet, "/"), "delegationset/")
	return d
}
