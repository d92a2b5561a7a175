package route53

import (
	"context"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	"github.com/aws/aws-sdk-go-v2/service/route53/types"

	"github.com/dnsctl/dnsctl/internal/diff"
	"github.com/dnsctl/dnsctl/internal/model"
	"github.com/dnsctl/dnsctl/internal/testutil/faultproxy"
	"github.com/dnsctl/dnsctl/internal/testutil/moto"
)

const (
	testKeyID  = "AKIAIOSFODNN7EXAMPLE"
	testSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
)

// TestMain isolates the tests from the machine's AWS configuration (no
// shared files, no instance metadata, no AWS_* variables) and stops moto at
// the end.
func TestMain(m *testing.M) { moto.IsolatedMain(m) }

// env is one test's view of a fresh moto: a fault proxy in front of it, a
// provider talking through the proxy, and a plain SDK client talking to
// moto directly for setting things up behind the provider's back.
type env struct {
	t     *testing.T
	moto  *moto.Server
	proxy *faultproxy.Proxy
	p     *Provider
	sdk   *route53.Client
}

func newEnv(t *testing.T, mod ...func(*Config)) *env {
	t.Helper()
	srv := moto.Start(t)
	srv.Reset(t)
	proxy := faultproxy.New(t, srv.URL())
	e := &env{t: t, moto: srv, proxy: proxy}
	e.p = e.provider(mod...)
	e.sdk = route53.New(route53.Options{
		Region:       "us-east-1",
		Credentials:  credentials.NewStaticCredentialsProvider(testKeyID, testSecret, ""),
		BaseEndpoint: aws.String(srv.URL()),
	})
	return e
}

// provider builds a new provider through the proxy.
func (e *env) provider(mod ...func(*Config)) *Provider {
	e.t.Helper()
	c := Config{EntryName: "r53_test", KeyId: testKeyID, SecretKey: testSecret, Endpoint: e.proxy.URL(), RateLimit: 1000, RetryTimeout: 20 * time.Second}
	for _, f := range mod {
		f(&c)
	}
	p, err := New(context.Background(), c)
	if err != nil {
		e.t.Fatalf("New: %v", err)
	}
	fastBackoff(p)
	return p
}

func fastBackoff(p *Provider) {
	p.backoffBase = 2 * time.Millisecond
	p.backoffMax = 20 * time.Millisecond
	p.syncPoll = 5 * time.Millisecond
}

func ctx(t *testing.T) context.Context {
	c, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	t.Cleanup(cancel)
	return c
}

// createZone creates a zone directly in moto and returns its ID.
func (e *env) createZone(name string) string {
	e.t.Helper()
	out, err := e.sdk.CreateHostedZone(context.Background(), &route53.CreateHostedZoneInput{
		Name: aws.String(name), CallerReference: aws.String(name + strconv.FormatInt(time.Now().UnixNano(), 10)),
	})
	if err != nil {
		e.t.Fatalf("CreateHostedZone %s: %v", name, err)
	}
	return cleanZoneID(aws.ToString(out.HostedZone.Id))
}

// rawCreate creates record sets directly in moto, as the console would.
func (e *env) rawCreate(zoneID string, sets ...types.ResourceRecordSet) {
	e.t.Helper()
	var changes []types.Change
	for i := range sets {
		changes = append(changes, types.Change{Action: types.ChangeActionCreate, ResourceRecordSet: &sets[i]})
	}
	_, err := e.sdk.ChangeResourceRecordSets(context.Background(), &route53.ChangeResourceRecordSetsInput{
		HostedZoneId: aws.String(zoneID), ChangeBatch: &types.ChangeBatch{Changes: changes},
	})
	if err != nil {
		e.t.Fatalf("raw ChangeResourceRecordSets: %v", err)
	}
}

func rawSet(name, typ string, ttl int64, values ...string) types.ResourceRecordSet {
	s := types.ResourceRecordSet{Name: aws.String(name), Type: types.RRType(typ), TTL: aws.Int64(ttl)}
	for _, v := range values {
		s.ResourceRecords = append(s.ResourceRecords, types.ResourceRecord{Value: aws.String(v)})
	}
	return s
}

// rec builds a canonical record the way the configuration would.
func rec(t *testing.T, zone, label, typ string, ttl uint32, data string, meta ...string) *model.Record {
	t.Helper()
	name, err := model.QualifyName(label, zone)
	if err != nil {
		t.Fatalf("name %q: %v", label, err)
	}
	r := &model.Record{Name: name, Type: typ, TTL: ttl}
	if len(meta) > 0 {
		r.Meta = map[string]string{}
		for i := 0; i+1 < len(meta); i += 2 {
			r.Meta[meta[i]] = meta[i+1]
		}
	}
	switch typ {
	case "TXT", "SPF":
		r.Data = model.TXTData(data)
	default:
		d, err := model.CanonicalData(typ, data, zone)
		if err != nil {
			t.Fatalf("%s %s %q: %v", label, typ, data, err)
		}
		r.Data = d
	}
	return r
}

func weighted(r *model.Record, setID string, weight int) *model.Record {
	r.SetID = setID
	if r.Meta == nil {
		r.Meta = map[string]string{}
	}
	r.Meta[MetaWeight] = strconv.Itoa(weight)
	return r
}

// planFor is a stand-in for the differ: it compares existing and desired
// records by record-set key on Data, TTL (not for aliases) and the
// provider's MetaKeys, ignoring SOA and the apex NS set, and orders the
// changes like diff.Plan (deletions, modifications, creations).
func planFor(zone string, existing, desired []*model.Record) *diff.Plan {
	skip := func(r *model.Record) bool {
		return r.Type == "SOA" || (r.Type == "NS" && r.Name == zone)
	}
	group := func(rs []*model.Record) map[model.Key][]*model.Record {
		m := map[model.Key][]*model.Record{}
		for _, r := range rs {
			if !skip(r) {
				m[r.Key()] = append(m[r.Key()], r)
			}
		}
		return m
	}
	sig := func(rs []*model.Record) string {
		var lines []string
		for _, r := range rs {
			ttl := r.TTL
			if r.Type == model.AliasType {
				ttl = 0
			}
			var meta []string
			for _, k := range MetaKeys {
				if v := r.Meta[k]; v != "" {
					meta = append(meta, k+"="+v)
				}
			}
			lines = append(lines, r.Data+"|"+strconv.Itoa(int(ttl))+"|"+strings.Join(meta, ","))
		}
		sort.Strings(lines)
		return strings.Join(lines, "\n")
	}
	sorted := func(rs []*model.Record) []*model.Record {
		out := append([]*model.Record(nil), rs...)
		sort.SliceStable(out, func(i, j int) bool { return out[i].Data < out[j].Data })
		return out
	}
	have, want := group(existing), group(desired)
	var dels, mods, adds []diff.Change
	for k, old := range have {
		if nw, ok := want[k]; !ok {
			dels = append(dels, diff.Change{Kind: diff.Delete, Key: k, Old: sorted(old)})
		} else if sig(old) != sig(nw) {
			mods = append(mods, diff.Change{Kind: diff.Modify, Key: k, Old: sorted(old), New: sorted(nw)})
		}
	}
	for k, nw := range want {
		if _, ok := have[k]; !ok {
			adds = append(adds, diff.Change{Kind: diff.Create, Key: k, New: sorted(nw)})
		}
	}
	byKey := func(cs []diff.Change) {
		sort.Slice(cs, func(i, j int) bool { return cs[i].Key.Less(cs[j].Key) })
	}
	byKey(dels)
	byKey(mods)
	byKey(adds)
	return &diff.Plan{Zone: zone, Changes: append(append(dels, mods...), adds...)}
}

// push runs what `dnsctl push` does for one zone and returns the plan.
func (e *env) push(p *Provider, zone string, desired []*model.Record) *diff.Plan {
	e.t.Helper()
	c := ctx(e.t)
	if err := p.Prepare(c, zone, desired); err != nil {
		e.t.Fatalf("Prepare: %v", err)
	}
	existing, err := p.Records(c, zone)
	if err != nil {
		e.t.Fatalf("Records: %v", err)
	}
	plan := planFor(zone, existing, desired)
	if err := p.Apply(c, plan); err != nil {
		e.t.Fatalf("Apply: %v", err)
	}
	return plan
}

// assertConverged checks that the zone now holds exactly desired.
func (e *env) assertConverged(p *Provider, key string, desired []*model.Record) {
	e.t.Helper()
	zone := zoneName(zoneKey(key))
	existing, err := p.Records(ctx(e.t), key)
	if err != nil {
		e.t.Fatalf("Records: %v", err)
	}
	if plan := planFor(zone, existing, desired); len(plan.Changes) > 0 {
		var lines []string
		for i, c := range plan.Changes {
			if i == 10 {
				lines = append(lines, "...")
				break
			}
			lines = append(lines, c.Kind.String()+" "+c.Key.String()+" old="+dataOf(c.Old)+" new="+dataOf(c.New))
		}
		e.t.Fatalf("zone %s has %d remaining changes:\n%s", zone, len(plan.Changes), strings.Join(lines, "\n"))
	}
}

func dataOf(rs []*model.Record) string {
	var s []string
	for _, r := range rs {
		s = append(s, r.Data+" ttl="+strconv.Itoa(int(r.TTL))+" "+strings.Join(publicMeta(r), ","))
	}
	return "[" + strings.Join(s, "; ") + "]"
}
