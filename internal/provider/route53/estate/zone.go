package estate

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Zone settings: R53_ZONE_COMMENT, R53_ZONE_TAGS and R53_QUERY_LOG. Each is
// a domain modifier; a domain that does not use one leaves that setting of
// its hosted zone as it is.

// Kinds of the zone settings (model.Setting.Kind).
const (
	KindZoneComment = "R53_ZONE_COMMENT"
	KindZoneTags    = "R53_ZONE_TAGS"
	KindQueryLog    = "R53_QUERY_LOG"
)

// MaxZoneComment is the longest hosted zone comment Route 53 takes.
const MaxZoneComment = 256

// ZoneComment reads the arguments of R53_ZONE_COMMENT("text"). An empty
// text clears the comment.
func ZoneComment(args []any) (_ string, err error) {
	defer shorten(&err)
	if len(args) != 1 {
		return "", fmt.Errorf("needs 1 argument (the comment), got %d", len(args))
	}
	s, ok := args[0].(string)
	if !ok {
		return "", fmt.Errorf("the comment must be a string, got %s", kind(args[0]))
	}
	if n := utf8.RuneCountInString(s); n > MaxZoneComment {
		return "", fmt.Errorf("the comment is %d characters long; Route 53 takes at most %d", n, MaxZoneComment)
	}
	if !utf8.ValidString(s) {
		return "", fmt.Errorf("the comment is not valid UTF-8")
	}
	return s, nil
}

// AWS tag limits (Route 53 hosted zones).
const (
	MaxTagKey   = 128
	MaxTagValue = 256
	MaxTags     = 50
)

// Tags is the typed form of R53_ZONE_TAGS({key: "value", ...}[, {purge: true}]).
type Tags struct {
	// Set are the tags to have, by key.
	Set map[string]string
	// Purge removes the tags Set does not name (but never Reserved ones).
	Purge bool
}

// tagText is what AWS allows in tag keys and values: letters, digits and
// white space in any language, and + - = . _ : / @.
var tagText = regexp.MustCompile(`^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$`)

// ZoneTags reads the arguments of R53_ZONE_TAGS.
func ZoneTags(args []any) (_ Tags, err error) {
	defer shorten(&err)
	t := Tags{Set: map[string]string{}}
	if len(args) < 1 || len(args) > 2 {
		return t, fmt.Errorf("needs 1 or 2 arguments ({key: \"value\", ...}[, {purge: true}]), got %d", len(args))
	}
	m, ok := args[0].(map[string]any)
	if !ok {
		return t, fmt.Errorf("the tags must be an object {key: \"value\", ...}, got %s", kind(args[0]))
	}
	for _, k := range slices.Sorted(maps.Keys(m)) {
		var v string
		switch x := m[k].(type) {
		case string:
			v = x
		case float64, bool:
			// Tag values are text; a number or boolean is taken as
			// written ({Cost: 42}).
			v = fmt.Sprint(x)
		default:
			return t, fmt.Errorf("tag %q: the value must be a string, got %s", k, kind(m[k]))
		}
		if err := CheckTag(k, v); err != nil {
			return t, err
		}
		t.Set[k] = v
	}
	if len(t.Set) > MaxTags {
		return t, fmt.Errorf("%d tags; a hosted zone holds at most %d", len(t.Set), MaxTags)
	}
	if len(args) == 2 {
		o := NewObject(args[1], "the options")
		t.Purge = o.Bool("purge", false)
		if err := o.Done(); err != nil {
			return t, err
		}
	}
	return t, nil
}

// CheckTag checks a tag against the AWS limits: a key of 1 to 128
// characters not starting with "aws:" (AWS reserves them), a value of at
// most 256, both of letters, digits, spaces and + - = . _ : / @.
func CheckTag(k, v string) (err error) {
	defer shorten(&err)
	switch n := utf8.RuneCountInString(k); {
	case strings.TrimSpace(k) == "":
		return fmt.Errorf("a tag key must not be empty")
	case n > MaxTagKey:
		return fmt.Errorf("tag key %q is %d characters long; AWS takes at most %d", k, n, MaxTagKey)
	}
	if strings.HasPrefix(strings.ToLower(k), "aws:") {
		return fmt.Errorf("tag key %q: keys starting with \"aws:\" are reserved for AWS", k)
	}
	if !tagText.MatchString(k) {
		return fmt.Errorf("tag key %q holds a character AWS does not allow (letters, digits, spaces and + - = . _ : / @ only)", k)
	}
	if n := utf8.RuneCountInString(v); n > MaxTagValue {
		return fmt.Errorf("tag %q: the value is %d characters long; AWS takes at most %d", k, n, MaxTagValue)
	}
	if !tagText.MatchString(v) {
		return fmt.Errorf("tag %q: the value %q holds a character AWS does not allow (letters, digits, spaces and + - = . _ : / @ only)", k, v)
	}
	return nil
}

// ReservedTag reports whether the tag key is one that R53_ZONE_TAGS never
// removes, even with purge: AWS's own (aws:*) and dnsctl's (dnsctl:*).
func ReservedTag(k string) bool {
	l := strings.ToLower(k)
	return strings.HasPrefix(l, "aws:") || strings.HasPrefix(l, "dnsctl:")
}

// DescribeTags writes tags in one line, sorted by key: k=v, k2="v w".
func DescribeTags(tags map[string]string) string {
	parts := make([]string, 0, len(tags))
	for _, k := range slices.Sorted(maps.Keys(tags)) {
		parts = append(parts, quoteIfNeeded(k)+"="+quoteIfNeeded(tags[k]))
	}
	return strings.Join(parts, ", ")
}

func quoteIfNeeded(s string) string {
	if s == "" || strings.ContainsAny(s, " ,=\"") {
		return strconv.Quote(s)
	}
	return s
}

// QueryLog is the typed form of R53_QUERY_LOG: the CloudWatch Logs log
// group to send the zone's DNS query logs to, or Off to have none.
type QueryLog struct {
	ARN string
	Off bool
}

// logGroupARN is the shape of a CloudWatch Logs log group ARN in
// us-east-1, where Route 53 query logs must go; "…:*" (as DescribeLogGroups
// writes it) is accepted too.
var logGroupARN = regexp.MustCompile(`^arn:(aws|aws-cn|aws-us-gov):logs:([a-z0-9-]+):(\d{12}):log-group:([\w./#-]{1,512})(:\*)?$`)

// ParseQueryLog reads the arguments of R53_QUERY_LOG("arn:…") or
// R53_QUERY_LOG(false).
func ParseQueryLog(args []any) (_ QueryLog, err error) {
	defer shorten(&err)
	if len(args) != 1 {
		return QueryLog{}, fmt.Errorf("needs 1 argument (a CloudWatch Logs log group ARN, or false), got %d", len(args))
	}
	switch x := args[0].(type) {
	case bool:
		if x {
			return QueryLog{}, fmt.Errorf("true is not a log group: give the ARN of one (arn:aws:logs:us-east-1:ACCOUNT:log-group:NAME), or false to stop query logging")
		}
		return QueryLog{Off: true}, nil
	case string:
		arn := strings.TrimSpace(x)
		m := logGroupARN.FindStringSubmatch(arn)
		if m == nil {
			return QueryLog{}, fmt.Errorf("%q is not a CloudWatch Logs log group ARN (arn:aws:logs:us-east-1:ACCOUNT:log-group:NAME)", x)
		}
		if m[2] != "us-east-1" {
			return QueryLog{}, fmt.Errorf("the log group %q is in %s; Route 53 sends query logs only to log groups in us-east-1", arn, m[2])
		}
		return QueryLog{ARN: arn}, nil
	}
	return QueryLog{}, fmt.Errorf("needs a CloudWatch Logs log group ARN or false, got %s", kind(args[0]))
}

// SameLogGroup reports whether two log group ARNs name the same group
// ("…:NAME" and "…:NAME:*" do).
func SameLogGroup(a, b string) bool {
	return strings.TrimSuffix(a, ":*") == strings.TrimSuffix(b, ":*")
}
