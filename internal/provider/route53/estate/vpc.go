package estate

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/dnsctl/dnsctl/internal/model"
	"github.com/dnsctl/dnsctl/internal/provider/route53/routing"
)

// KindVPC is the declaration of a VPC a private hosted zone answers in:
// R53_VPC(vpcId, region[, {account: "credsEntry"}]). A domain with at
// least one is a private zone.
const KindVPC = "R53_VPC"

// vpcIDShape is the shape of a VPC ID: "vpc-" and 8 or 17 hex digits.
var vpcIDShape = regexp.MustCompile(`^vpc-([0-9a-f]{8}|[0-9a-f]{17})$`)

// VPC is one declared VPC association of a private hosted zone.
type VPC struct {
	ID     string // vpc-0123456789abcdef0
	Region string // eu-west-1
	// Account names the creds.json entry of the AWS account that owns
	// the VPC when it is not the zone's account ("" for the zone's own).
	Account string
	// Pos is where it was declared (file:line), "" when unknown.
	Pos string
}

// Label names the association in a plan: "vpc-0abc…(eu-west-1)".
func (v VPC) Label() string { return v.ID + "(" + v.Region + ")" }

// Key identifies the association: a VPC in a region.
func (v VPC) Key() string { return v.ID + "|" + v.Region }

// Args returns the declaration's arguments (get-zones writes them back).
func (v VPC) Args() []any {
	args := []any{v.ID, v.Region}
	if v.Account != "" {
		args = append(args, map[string]any{"account": v.Account})
	}
	return args
}

// maxEntryName bounds the creds.json entry name R53_VPC's account gives
// (no real entry name comes near it; a huge one is a mistake, refused at
// check rather than echoed whole when no entry has it).
const maxEntryName = 256

// ParseVPC reads the arguments of R53_VPC: a VPC ID, a region and an
// optional options object whose only key is account.
func ParseVPC(args []any) (_ VPC, err error) {
	defer shorten(&err)
	var v VPC
	if len(args) < 2 || len(args) > 3 {
		return v, fmt.Errorf("needs 2 or 3 arguments (vpcId, region[, {account: \"credsEntry\"}]), got %d", len(args))
	}
	id, ok := args[0].(string)
	if !ok {
		return v, fmt.Errorf("the VPC ID must be a string, got %s", kind(args[0]))
	}
	id = strings.TrimSpace(id)
	if !vpcIDShape.MatchString(id) {
		return v, fmt.Errorf("VPC ID %q is not of the form vpc- followed by 8 or 17 lower-case hex digits (vpc-0123456789abcdef0)", id)
	}
	region, ok := args[1].(string)
	if !ok {
		return v, fmt.Errorf("the region of %s must be a string, got %s", id, kind(args[1]))
	}
	region = strings.TrimSpace(region)
	if !routing.AWSRegion.MatchString(region) || len(region) > routing.MaxNameLen {
		return v, fmt.Errorf("region %q of %s is not an AWS region name (like eu-west-1)", region, id)
	}
	v.ID, v.Region = id, region
	if len(args) == 3 {
		o := NewObject(args[2], "the options of "+id)
		acct := o.String("account", "")
		if o.Has("account") && strings.TrimSpace(acct) == "" {
			o.failf("account must name a creds.json entry, got an empty string")
		}
		if len(acct) > maxEntryName {
			o.failf("account must name a creds.json entry, got a name of %d characters", len(acct))
		}
		if err := o.Done(); err != nil {
			return v, fmt.Errorf("R53_VPC(%q): %w", id, err)
		}
		v.Account = strings.TrimSpace(acct)
	}
	return v, nil
}

// ParseVPCs reads a domain's R53_VPC declarations, refusing a VPC
// declared twice. Errors name the declaration's position.
func ParseVPCs(ss []*model.Setting) (_ []VPC, err error) {
	defer shorten(&err)
	out := make([]VPC, 0, len(ss))
	seen := map[string]VPC{}
	for _, s := range ss {
		v, err := ParseVPC(s.Args)
		if err != nil {
			return nil, at(s.Pos, fmt.Errorf("%s: %w", KindVPC, err))
		}
		v.Pos = s.Pos
		if err := Duplicate(seen, v); err != nil {
			return nil, at(s.Pos, err)
		}
		seen[v.ID] = v
		out = append(out, v)
	}
	return out, nil
}

// Duplicate returns an error when v's VPC is among seen (by VPC ID: a
// VPC is in one region, so one ID twice is a mistake whatever the
// regions say).
func Duplicate(seen map[string]VPC, v VPC) error {
	prev, ok := seen[v.ID]
	if !ok {
		return nil
	}
	where := ""
	if prev.Pos != "" {
		where = " at " + prev.Pos
	}
	return fmt.Errorf("%s(%q) is declared twice in the domain (first%s); a VPC is associated with a zone once", KindVPC, v.ID, where)
}

// OwnVPC returns the first VPC of the zone's own account (no account
// option): the one a private zone is created with.
func OwnVPC(vs []VPC) (VPC, bool) {
	for _, v := range vs {
		if v.Account == "" {
			return v, true
		}
	}
	return VPC{}, false
}

func at(pos string, err error) error {
	if pos == "" {
		return err
	}
	return fmt.Errorf("%s: %w", pos, err)
}
