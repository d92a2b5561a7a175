package estate

import (
	"reflect"
	"strings"
	"testing"

	"github.com/dnsctl/dnsctl/internal/model"
)

func TestParseVPCs(t *testing.T) {
	set := func(pos string, args ...any) *model.Setting {
		return &model.Setting{Kind: KindVPC, Args: args, Pos: pos}
	}
	for _, tc := range []struct {
		name string
		ss   []*model.Setting
		want []VPC
		err  string
	}{
		{"two", []*model.Setting{set("a.js:1", " vpc-0a1b2c3d ", "eu-west-1"), set("a.js:2", "vpc-0123456789abcdef0", "us-east-1", map[string]any{"account": "other"})},
			[]VPC{{ID: "vpc-0a1b2c3d", Region: "eu-west-1", Pos: "a.js:1"}, {ID: "vpc-0123456789abcdef0", Region: "us-east-1", Account: "other", Pos: "a.js:2"}}, ""},
		{"none", nil, []VPC{}, ""},
		{"duplicate", []*model.Setting{set("a.js:1", "vpc-0a1b2c3d", "eu-west-1"), set("a.js:7", "vpc-0a1b2c3d", "eu-west-2")}, nil,
			`a.js:7: R53_VPC("vpc-0a1b2c3d") is declared twice in the domain (first at a.js:1)`},
		{"bad id", []*model.Setting{set("a.js:3", "vpc-0a1b2c3", "eu-west-1")}, nil, `a.js:3: R53_VPC: VPC ID "vpc-0a1b2c3" is not of the form`},
		{"bad region", []*model.Setting{set("a.js:3", "vpc-0a1b2c3d", "eu_west_1")}, nil, `region "eu_west_1" of vpc-0a1b2c3d is not an AWS region name`},
		{"null options", []*model.Setting{set("", "vpc-0a1b2c3d", "eu-west-1", nil)}, nil, `must be an object, got null`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseVPCs(tc.ss)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Errorf("error %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil || !reflect.DeepEqual(got, tc.want) {
				t.Errorf("ParseVPCs = %+v, %v; want %+v", got, err, tc.want)
			}
		})
	}
}

// Args writes what ParseVPC reads back.
func TestVPCArgsRoundTrip(t *testing.T) {
	for _, v := range []VPC{{ID: "vpc-0a1b2c3d", Region: "eu-west-1"}, {ID: "vpc-0a1b2c3d", Region: "eu-west-1", Account: "other"}} {
		got, err := ParseVPC(v.Args())
		if err != nil || got != v {
			t.Errorf("ParseVPC(%v) = %+v, %v", v.Args(), got, err)
		}
	}
	if got := (VPC{ID: "vpc-0a1b2c3d", Region: "eu-west-1"}).Label(); got != "vpc-0a1b2c3d(eu-west-1)" {
		t.Errorf("Label = %q", got)
	}
}
