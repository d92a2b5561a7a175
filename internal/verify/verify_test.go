package verify

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dnsctl/dnsctl/internal/model"
	"github.com/dnsctl/dnsctl/internal/testutil/dnsserver"
)

func rec(data string, ttl uint32) *model.Record {
	return &model.Record{Name: "www.example.com", Type: "A", TTL: ttl, Data: data}
}

func TestCompare(t *testing.T) {
	plain := Set{Name: "www.example.com", Type: "A", TTL: 300, Want: []string{"192.0.2.1", "192.0.2.2"}}
	routed := plain
	routed.Routed = true
	alias := Set{Name: "www.example.com", Type: "A", TTL: 300, Alias: true}
	tests := []struct {
		name string
		set  Set
		got  []*model.Record
		want string // the findings' lines, joined by "|"
	}{
		{"equal", plain, []*model.Record{rec("192.0.2.2", 300), rec("192.0.2.1", 300)}, ""},
		{"missing", plain, nil, "MISSING www.example.com A: want [192.0.2.1 192.0.2.2]"},
		{"one less", plain, []*model.Record{rec("192.0.2.1", 300)}, "DIFF www.example.com A: want [192.0.2.1 192.0.2.2] got [192.0.2.1]"},
		{"other", plain, []*model.Record{rec("192.0.2.1", 300), rec("192.0.2.9", 300)}, "DIFF www.example.com A: want [192.0.2.1 192.0.2.2] got [192.0.2.1 192.0.2.9]"},
		{"ttl", plain, []*model.Record{rec("192.0.2.1", 60), rec("192.0.2.2", 60)}, "TTL www.example.com A: want 300 got 60"},
		{"routed one of", routed, []*model.Record{rec("192.0.2.2", 300)}, ""},
		{"routed foreign", routed, []*model.Record{rec("192.0.2.7", 300)}, "DIFF www.example.com A: want [192.0.2.1 192.0.2.2] got [192.0.2.7]"},
		{"routed ttl", routed, []*model.Record{rec("192.0.2.1", 30)}, "TTL www.example.com A: want 300 got 30"},
		{"alias present", alias, []*model.Record{rec("198.51.100.1", 60)}, ""},
		{"alias missing", alias, nil, "MISSING www.example.com A: want []"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var lines []string
			for _, f := range Compare(tt.set, tt.got) {
				lines = append(lines, f.String())
			}
			if got := strings.Join(lines, "|"); got != tt.want {
				t.Errorf("Compare:\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestSets(t *testing.T) {
	recs := []*model.Record{
		{Name: "b.example.com", Type: "A", TTL: 60, Data: "192.0.2.2", SetID: "east"},
		{Name: "b.example.com", Type: "A", TTL: 60, Data: "192.0.2.1", SetID: "west"},
		{Name: "a.example.com", Type: "TXT", TTL: 300, Data: "x"},
		{Name: "example.com", Type: model.AliasType, Data: "lb.example.net", Meta: map[string]string{"alias_type": "A"}},
	}
	got := Sets(recs)
	want := []Set{
		{Name: "a.example.com", Type: "TXT", TTL: 300, Want: []string{"x"}},
		{Name: "b.example.com", Type: "A", TTL: 60, Want: []string{"192.0.2.1", "192.0.2.2"}, Routed: true},
		{Name: "example.com", Type: "A", Alias: true},
	}
	if len(got) != len(want) {
		t.Fatalf("Sets = %+v, want %+v", got, want)
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.Name != w.Name || g.Type != w.Type || g.TTL != w.TTL || g.Routed != w.Routed || g.Alias != w.Alias || !slices.Equal(g.Want, w.Want) {
			t.Errorf("set %d = %+v, want %+v", i, g, w)
		}
	}
}

func TestCheck(t *testing.T) {
	long := strings.Repeat("v", 450) // over UDP the test server truncates this
	srv := dnsserver.Start(t, map[string][][]string{
		"a.example.com":   {{"hello"}},
		"big.example.com": {{long[:200], long[200:]}},
	})
	sets := []Set{
		{Name: "a.example.com", Type: "TXT", TTL: 60, Want: []string{model.TXTData("hello")}},
		// Answered only over TCP: a missing fallback reports it MISSING.
		{Name: "big.example.com", Type: "TXT", TTL: 60, Want: []string{model.TXTData(long)}},
		{Name: "gone.example.com", Type: "TXT", TTL: 60, Want: []string{model.TXTData("x")}},
	}
	res := Check(context.Background(), srv.Addr, "example.com", sets, 2*time.Second)
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	var lines []string
	for _, f := range res.Findings {
		lines = append(lines, f.String())
	}
	want := []string{"MISSING gone.example.com TXT: want [" + model.TXTData("x") + "]"}
	if !slices.Equal(lines, want) {
		t.Errorf("findings = %q, want %q", lines, want)
	}
}

func TestCheckUnreachable(t *testing.T) {
	sets := []Set{{Name: "a.example.com", Type: "A", TTL: 60, Want: []string{"192.0.2.1"}}}
	// Port 9 (discard) on loopback: nothing answers DNS there.
	res := Check(context.Background(), "127.0.0.1:9", "example.com", sets, 200*time.Millisecond)
	if res.Err == nil || res.OK() {
		t.Fatalf("Check of a dead server: err = %v, OK = %v", res.Err, res.OK())
	}
}

// Check asks several sets at once; its findings still come in the order
// of the sets.
func TestCheckKeepsSetOrder(t *testing.T) {
	served := map[string][][]string{}
	var sets []Set
	var want []string
	for i := range 40 {
		name := fmt.Sprintf("h%02d.example.com", i)
		served[name] = [][]string{{"v"}}
		data := "v"
		if i%7 == 3 { // every seventh set differs
			data = "other"
			want = append(want, fmt.Sprintf("DIFF %s TXT: want [%s] got [%s]", name, model.TXTData(data), model.TXTData("v")))
		}
		sets = append(sets, Set{Name: name, Type: "TXT", TTL: 60, Want: []string{model.TXTData(data)}})
	}
	srv := dnsserver.Start(t, served)
	res := Check(context.Background(), srv.Addr, "example.com", sets, 2*time.Second)
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	var got []string
	for _, f := range res.Findings {
		got = append(got, f.String())
	}
	if !slices.Equal(got, want) {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// An interrupted check fails: sets it did not ask must not pass for sets
// that agree.
func TestCheckInterrupted(t *testing.T) {
	srv := dnsserver.Start(t, map[string][][]string{"a.example.com": {{"hello"}}})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	sets := []Set{{Name: "a.example.com", Type: "TXT", TTL: 60, Want: []string{model.TXTData("other")}}}
	res := Check(ctx, srv.Addr, "example.com", sets, 2*time.Second)
	if res.OK() || !errors.Is(res.Err, context.Canceled) {
		t.Fatalf("interrupted Check: err = %v, OK = %v", res.Err, res.OK())
	}
}
