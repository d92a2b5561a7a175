package cli

import (
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	"github.com/aws/aws-sdk-go-v2/service/route53/types"
	"github.com/aws/aws-sdk-go-v2/service/route53domains"
	dtypes "github.com/aws/aws-sdk-go-v2/service/route53domains/types"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/rogpeppe/go-internal/testscript"

	"github.com/dnsctl/dnsctl/internal/testutil/faultproxy"
	"github.com/dnsctl/dnsctl/internal/testutil/moto"
)

// Credentials the Route 53 sessions use. moto accepts any; the secret is
// distinctive so that the scripts can assert it never shows up.
const (
	r53KeyID  = "AKIAIOSFODNN7EXAMPLE"
	r53Secret = "wJalrXUtnFEMIK7MDENGbPxRfiCYzz9SECRET"
)

// TestRoute53Scripts runs the CLI sessions under testdata/route53 against a
// moto server, as a user with a Route 53 account would run them. Each
// script gets its own fault-injecting proxy in front of the shared moto
// (AWS_ENDPOINT_URL points at it) and the `r53` command, which talks to moto
// directly with the AWS SDK to set things up, and to look, behind dnsctl's
// back. Scripts run in parallel on one moto: each uses zone names of its
// own. Refresh expected output with `go test -run TestRoute53Scripts -update`.
func TestRoute53Scripts(t *testing.T) {
	srv := moto.Start(t)
	t.Cleanup(moto.Stop)
	testscript.Run(t, route53Params(srv, "testdata/route53"))
}

func route53Params(srv *moto.Server, dir string) testscript.Params {
	return testscript.Params{
		Dir:           dir,
		UpdateScripts: *update,
		Setup: func(env *testscript.Env) error {
			tb, ok := env.T().(testing.TB)
			if !ok {
				return fmt.Errorf("testscript's T is not a testing.TB")
			}
			proxy := faultproxy.New(tb, srv.URL())
			env.Values[r53Key{}] = &r53State{moto: srv.URL(), proxy: proxy}
			// Only these AWS settings: nothing from the developer's machine
			// (testscript starts from an empty environment).
			for _, f := range []string{".aws-config", ".aws-credentials"} {
				if err := os.WriteFile(filepath.Join(env.WorkDir, f), nil, 0o600); err != nil {
					return err
				}
			}
			env.Setenv("AWS_CONFIG_FILE", filepath.Join(env.WorkDir, ".aws-config"))
			env.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(env.WorkDir, ".aws-credentials"))
			env.Setenv("AWS_EC2_METADATA_DISABLED", "true")
			env.Setenv("AWS_REGION", "us-east-1")
			loadZoneFilesAtEnd(env)
			env.Setenv("AWS_ACCESS_KEY_ID", r53KeyID)
			env.Setenv("AWS_SECRET_ACCESS_KEY", r53Secret)
			env.Setenv("AWS_ENDPOINT_URL", proxy.URL())
			env.Setenv("R53_SECRET", r53Secret)
			env.Setenv("R53_KEYID", r53KeyID)
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"r53": cmdR53,
		},
	}
}

type r53Key struct{}

type r53State struct {
	moto  string
	proxy *faultproxy.Proxy
	// account holds the credentials of `r53 account`, if the script
	// switched to an account of its own.
	account *credentials.StaticCredentialsProvider
	// handChecks are the IDs of the health checks `r53 health-checks
	// create` made for this script.
	handChecks map[string]bool
}

func r53Clients(ts *testscript.TestScript) (*r53State, *route53.Client, *route53domains.Client) {
	st := ts.Value(r53Key{}).(*r53State)
	cr := credentials.NewStaticCredentialsProvider(r53KeyID, r53Secret, "")
	if st.account != nil {
		cr = *st.account
	}
	r := route53.New(route53.Options{Region: "us-east-1", Credentials: cr, BaseEndpoint: aws.String(st.moto)})
	d := route53domains.New(route53domains.Options{Region: "us-east-1", Credentials: cr, BaseEndpoint: aws.String(st.moto)})
	return st, r, d
}

// cmdR53 works on moto behind dnsctl's back:
//
//	r53 create-zone ZONE [VAR [private]] create a hosted zone (VAR := its ID); private: in a VPC
//	r53 put ZONE NAME TYPE TTL VALUE... raw CREATE of a record set, values as given
//	r53 put-set ZONE NAME TYPE OPTS VALUE...  raw CREATE (or UPSERT) of a record set with routing
//	                                    options OPTS: comma-separated ttl=N, id=SETID, weight=N,
//	                                    failover=PRIMARY, region=R, continent=C, country=C,
//	                                    subdivision=S, multivalue, health=ID, alias=ZONEID
//	                                    (VALUE is then the alias target), upsert; "-" for none
//	r53 account ID                      work in moto's AWS account ID from now on: this command
//	                                    and dnsctl (AWS_* credentials of a role assumed there)
//	r53 zone-id ZONE VAR                VAR := the ID of the hosted zone
//	r53 delete-zone ZONE                delete the hosted zone (it must hold only SOA and NS)
//	r53 records ZONE                    print the zone's record sets (SOA left out), sorted
//	                                    (ZONE may be a hosted zone ID, here and below)
//	r53 zone-ns ZONE                    print the name servers of the zone's delegation set
//	r53 zone-set ZONE                   print the ID of the zone's delegation set ("" if none)
//	r53 zone-count ZONE                 print how many hosted zones have that name
//	r53 delegation-set VAR              create a reusable delegation set (VAR := its ID)
//	r53 set-ns ID                       print the name servers of a reusable delegation set
//	r53 register DOMAIN                 register DOMAIN with Route 53 Domains
//	r53 registered-ns DOMAIN            print the domain's name servers at the registrar
//	r53 count OP                        print how many OP requests reached this script's proxy
//	r53 ops                             print "OP COUNT" for every operation the proxy saw
//	r53 auth                            print "KEYID token|-" for the credentials requests were signed with
//	r53 fault OP KIND TIMES [AFTER]     make the proxy answer OP with a fault
//	r53 reset-counts                    forget the proxy's counts and faults
//	r53 log-group|zone-comment|zone-tags|tag|query-logs ...  zone settings (cmdR53ZoneSettings)
func cmdR53(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("r53 does not support !")
	}
	if len(args) == 0 {
		ts.Fatalf("usage: r53 subcommand args...")
	}
	st, r, d := r53Clients(ts)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	want := func(n int, usage string) {
		if len(args) < n {
			ts.Fatalf("usage: r53 %s", usage)
		}
	}
	switch args[0] {
	case "create-zone":
		want(2, "create-zone ZONE [VAR]")
		in := &route53.CreateHostedZoneInput{Name: aws.String(args[1]),
			CallerReference: aws.String(fmt.Sprintf("test-%s-%d", args[1], time.Now().UnixNano()))}
		if len(args) > 3 && args[3] == "private" {
			in.HostedZoneConfig = &types.HostedZoneConfig{PrivateZone: true}
			in.VPC = &types.VPC{VPCId: aws.String("vpc-0123456789abcdef0"), VPCRegion: types.VPCRegionUsEast1}
		}
		out, err := r.CreateHostedZone(ctx, in)
		ts.Check(err)
		if len(args) > 2 {
			ts.Setenv(args[2], cleanID(aws.ToString(out.HostedZone.Id)))
		}
	case "put":
		want(6, "put ZONE NAME TYPE TTL VALUE...")
		id := zoneIDOf(ts, r, args[1])
		ttl, err := strconv.ParseInt(args[4], 10, 64)
		ts.Check(err)
		set := types.ResourceRecordSet{Name: aws.String(args[2]), Type: types.RRType(args[3]), TTL: aws.Int64(ttl)}
		for _, v := range args[5:] {
			set.ResourceRecords = append(set.ResourceRecords, types.ResourceRecord{Value: aws.String(v)})
		}
		_, err = r.ChangeResourceRecordSets(ctx, &route53.ChangeResourceRecordSetsInput{HostedZoneId: aws.String(id),
			ChangeBatch: &types.ChangeBatch{Changes: []types.Change{{Action: types.ChangeActionCreate, ResourceRecordSet: &set}}}})
		ts.Check(err)
	case "put-set":
		want(5, "put-set ZONE NAME TYPE OPTS VALUE...")
		set, action := routedSet(ts, args[2], args[3], args[4], args[5:])
		_, err := r.ChangeResourceRecordSets(ctx, &route53.ChangeResourceRecordSetsInput{HostedZoneId: aws.String(zoneIDOf(ts, r, args[1])),
			ChangeBatch: &types.ChangeBatch{Changes: []types.Change{{Action: action, ResourceRecordSet: &set}}}})
		ts.Check(err)
	case "account":
		want(2, "account ID")
		c := sts.New(sts.Options{Region: "us-east-1", Credentials: credentials.NewStaticCredentialsProvider(r53KeyID, r53Secret, ""),
			BaseEndpoint: aws.String(st.moto)})
		out, err := c.AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: aws.String("arn:aws:iam::" + args[1] + ":role/dnsctl-test"),
			RoleSessionName: aws.String("dnsctl-test")})
		ts.Check(err)
		k := out.Credentials
		cr := credentials.NewStaticCredentialsProvider(aws.ToString(k.AccessKeyId), aws.ToString(k.SecretAccessKey), aws.ToString(k.SessionToken))
		st.account = &cr
		ts.Setenv("AWS_ACCESS_KEY_ID", aws.ToString(k.AccessKeyId))
		ts.Setenv("AWS_SECRET_ACCESS_KEY", aws.ToString(k.SecretAccessKey))
		ts.Setenv("AWS_SESSION_TOKEN", aws.ToString(k.SessionToken))
	case "zone-id":
		want(3, "zone-id ZONE VAR")
		ts.Setenv(args[2], zoneIDOf(ts, r, args[1]))
	case "delete-zone":
		want(2, "delete-zone ZONE")
		_, err := r.DeleteHostedZone(ctx, &route53.DeleteHostedZoneInput{Id: aws.String(zoneIDOf(ts, r, args[1]))})
		ts.Check(err)
	case "records":
		want(2, "records ZONE")
		w := ts.Stdout()
		for _, l := range zoneSets(ctx, ts, r, zoneIDOf(ts, r, args[1])) {
			fmt.Fprintln(w, l)
		}
	case "zone-ns", "zone-set":
		want(2, args[0]+" ZONE")
		out, err := r.GetHostedZone(ctx, &route53.GetHostedZoneInput{Id: aws.String(zoneIDOf(ts, r, args[1]))})
		ts.Check(err)
		if out.DelegationSet == nil {
			ts.Fatalf("zone %s has no delegation set", args[1])
		}
		if args[0] == "zone-set" {
			fmt.Fprintln(ts.Stdout(), strings.TrimPrefix(aws.ToString(out.DelegationSet.Id), "/delegationset/"))
			return
		}
		for _, n := range out.DelegationSet.NameServers {
			fmt.Fprintln(ts.Stdout(), n)
		}
	case "zone-count":
		want(2, "zone-count ZONE")
		fmt.Fprintln(ts.Stdout(), len(zonesNamed(ctx, ts, r, args[1])))
	case "delegation-set":
		want(2, "delegation-set VAR")
		out, err := r.CreateReusableDelegationSet(ctx, &route53.CreateReusableDelegationSetInput{
			CallerReference: aws.String(fmt.Sprintf("test-%s-%d", ts.Name(), time.Now().UnixNano()))})
		ts.Check(err)
		ts.Setenv(args[1], strings.TrimPrefix(aws.ToString(out.DelegationSet.Id), "/delegationset/"))
	case "set-ns":
		want(2, "set-ns ID")
		out, err := r.GetReusableDelegationSet(ctx, &route53.GetReusableDelegationSetInput{Id: aws.String(args[1])})
		ts.Check(err)
		for _, n := range out.DelegationSet.NameServers {
			fmt.Fprintln(ts.Stdout(), n)
		}
	case "register":
		want(2, "register DOMAIN")
		c := &dtypes.ContactDetail{ContactType: dtypes.ContactTypePerson, FirstName: aws.String("Test"), LastName: aws.String("User"),
			AddressLine1: aws.String("1 Main St"), City: aws.String("Town"), CountryCode: dtypes.CountryCodeUs, ZipCode: aws.String("12345"),
			Email: aws.String("test@example.com"), PhoneNumber: aws.String("+1.5555555555"), State: aws.String("CA")}
		_, err := d.RegisterDomain(ctx, &route53domains.RegisterDomainInput{DomainName: aws.String(args[1]), DurationInYears: aws.Int32(2),
			AdminContact: c, RegistrantContact: c, TechContact: c})
		ts.Check(err)
	case "registered-ns":
		want(2, "registered-ns DOMAIN")
		out, err := d.GetDomainDetail(ctx, &route53domains.GetDomainDetailInput{DomainName: aws.String(args[1])})
		ts.Check(err)
		for _, n := range out.Nameservers {
			fmt.Fprintln(ts.Stdout(), aws.ToString(n.Name))
		}
	case "count":
		want(2, "count OP")
		fmt.Fprintln(ts.Stdout(), st.proxy.Calls(args[1]))
	case "ops":
		w := ts.Stdout() // empty output is output too: it replaces the last command's
		counts := st.proxy.Counts()
		for _, op := range slices.Sorted(maps.Keys(counts)) {
			fmt.Fprintln(w, op, counts[op])
		}
	case "auth":
		w := ts.Stdout()
		seen := map[string]bool{}
		for _, req := range st.proxy.Requests("") {
			m := credentialRE.FindStringSubmatch(req.Header.Get("Authorization"))
			if m == nil {
				ts.Fatalf("%s request without a SigV4 Authorization header", req.Op)
			}
			token := "-"
			if req.Header.Get("X-Amz-Security-Token") != "" {
				token = "token"
			}
			seen[m[1]+" "+token] = true
		}
		for _, l := range slices.Sorted(maps.Keys(seen)) {
			fmt.Fprintln(w, l)
		}
	case "fault":
		want(4, "fault OP KIND TIMES [AFTER]")
		kind := faultKind(ts, args[2])
		times, err := strconv.Atoi(args[3])
		ts.Check(err)
		after := 0
		if len(args) > 4 {
			after, err = strconv.Atoi(args[4])
			ts.Check(err)
		}
		op := args[1]
		if op == "any" {
			op = ""
		}
		st.proxy.InjectFault(faultproxy.Fault{Op: op, Kind: kind, Times: times, After: after})
	case "reset-counts":
		st.proxy.ResetCounts()
	case "log-group", "zone-comment", "zone-tags", "tag", "query-logs":
		cmdR53ZoneSettings(ctx, ts, st, r, args)
	case "vpcs":
		cmdR53VPCs(ctx, ts, r, args)
	case "health-checks":
		r53HealthChecks(ts, ctx, st, r, args[1:])
	case "cidr":
		cmdR53CIDR(ts, st, args[1:])
	default:
		ts.Fatalf("r53: unknown subcommand %q", args[0])
	}
}

var credentialRE = regexp.MustCompile(`Credential=([^/]+)/`)

// routedSet builds the record set of `r53 put-set` and its change action.
func routedSet(ts *testscript.TestScript, name, typ, opts string, values []string) (types.ResourceRecordSet, types.ChangeAction) {
	set := types.ResourceRecordSet{Name: aws.String(name), Type: types.RRType(typ)}
	action := types.ChangeActionCreate
	var aliasZone string
	geo := func() *types.GeoLocation {
		if set.GeoLocation == nil {
			set.GeoLocation = &types.GeoLocation{}
		}
		return set.GeoLocation
	}
	for _, o := range strings.Split(opts, ",") {
		k, v, _ := strings.Cut(o, "=")
		switch k {
		case "-":
		case "ttl":
			n, err := strconv.ParseInt(v, 10, 64)
			ts.Check(err)
			set.TTL = aws.Int64(n)
		case "id":
			set.SetIdentifier = aws.String(v)
		case "weight":
			n, err := strconv.ParseInt(v, 10, 64)
			ts.Check(err)
			set.Weight = aws.Int64(n)
		case "failover":
			set.Failover = types.ResourceRecordSetFailover(v)
		case "region":
			set.Region = types.ResourceRecordSetRegion(v)
		case "continent":
			geo().ContinentCode = aws.String(v)
		case "country":
			geo().CountryCode = aws.String(v)
		case "subdivision":
			geo().SubdivisionCode = aws.String(v)
		case "multivalue":
			set.MultiValueAnswer = aws.Bool(true)
		case "health":
			set.HealthCheckId = aws.String(v)
		case "alias":
			aliasZone = v
		case "upsert":
			action = types.ChangeActionUpsert
		default:
			ts.Fatalf("put-set: unknown option %q", o)
		}
	}
	if aliasZone != "" {
		if len(values) != 1 {
			ts.Fatalf("put-set: an alias takes one target")
		}
		set.AliasTarget = &types.AliasTarget{HostedZoneId: aws.String(aliasZone), DNSName: aws.String(values[0])}
		return set, action
	}
	for _, v := range values {
		set.ResourceRecords = append(set.ResourceRecords, types.ResourceRecord{Value: aws.String(v)})
	}
	return set, action
}

func faultKind(ts *testscript.TestScript, name string) faultproxy.Kind {
	for k := faultproxy.Throttling; k <= faultproxy.DropAfterForward; k++ {
		if k.String() == name {
			return k
		}
	}
	ts.Fatalf("unknown fault kind %q", name)
	return 0
}

func cleanID(id string) string { return strings.TrimPrefix(id, "/hostedzone/") }

// zonesNamed lists the hosted zones named zone. It reads the whole listing
// (moto's ListHostedZonesByName misses zones that RegisterDomain created).
func zonesNamed(ctx context.Context, ts *testscript.TestScript, r *route53.Client, zone string) []types.HostedZone {
	zone = strings.TrimSuffix(strings.ToLower(zone), ".")
	var found []types.HostedZone
	in := &route53.ListHostedZonesInput{}
	for {
		out, err := r.ListHostedZones(ctx, in)
		ts.Check(err)
		for _, z := range out.HostedZones {
			if strings.TrimSuffix(strings.ToLower(aws.ToString(z.Name)), ".") == zone {
				found = append(found, z)
			}
		}
		if !out.IsTruncated {
			return found
		}
		in.Marker = out.NextMarker
	}
}

// zoneIDOf returns the ID of the one hosted zone named zone; a zone
// argument without a dot is already an ID (for same-named zones).
func zoneIDOf(ts *testscript.TestScript, r *route53.Client, zone string) string {
	if !strings.Contains(zone, ".") {
		return zone
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	zs := zonesNamed(ctx, ts, r, zone)
	if len(zs) != 1 {
		ts.Fatalf("%d hosted zones named %s", len(zs), zone)
	}
	return cleanID(aws.ToString(zs[0].Id))
}

// zoneSets lists a zone's record sets as sorted lines
// "NAME TYPE [SETID w=WEIGHT] TTL VALUE|VALUE" or "NAME TYPE ALIAS TARGET".
// The SOA, whose serial and name servers moto chooses, is left out.
func zoneSets(ctx context.Context, ts interface{ Check(error) }, r *route53.Client, id string) []string {
	var lines []string
	in := &route53.ListResourceRecordSetsInput{HostedZoneId: aws.String(id)}
	for {
		out, err := r.ListResourceRecordSets(ctx, in)
		ts.Check(err)
		for _, s := range out.ResourceRecordSets {
			if s.Type == types.RRTypeSoa {
				continue
			}
			lines = append(lines, setLine(s))
		}
		if !out.IsTruncated {
			break
		}
		in.StartRecordName, in.StartRecordType, in.StartRecordIdentifier = out.NextRecordName, out.NextRecordType, out.NextRecordIdentifier
	}
	slices.Sort(lines)
	return lines
}

func setLine(s types.ResourceRecordSet) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s", aws.ToString(s.Name), s.Type)
	if s.SetIdentifier != nil {
		fmt.Fprintf(&b, " [%s", aws.ToString(s.SetIdentifier))
		if s.Weight != nil {
			fmt.Fprintf(&b, " w=%d", *s.Weight)
		}
		if s.HealthCheckId != nil {
			fmt.Fprintf(&b, " hc=%s", aws.ToString(s.HealthCheckId))
		}
		if s.Failover != "" {
			fmt.Fprintf(&b, " failover=%s", s.Failover)
		}
		if s.Region != "" {
			fmt.Fprintf(&b, " region=%s", s.Region)
		}
		if g := s.GeoLocation; g != nil {
			fmt.Fprintf(&b, " geo=%s/%s/%s", aws.ToString(g.ContinentCode), aws.ToString(g.CountryCode), aws.ToString(g.SubdivisionCode))
		}
		if aws.ToBool(s.MultiValueAnswer) {
			b.WriteString(" multivalue")
		}
		b.WriteString("]")
	}
	if a := s.AliasTarget; a != nil {
		fmt.Fprintf(&b, " ALIAS %s eval=%t", aws.ToString(a.DNSName), a.EvaluateTargetHealth)
		return b.String()
	}
	var vals []string
	for _, v := range s.ResourceRecords {
		vals = append(vals, aws.ToString(v.Value))
	}
	fmt.Fprintf(&b, " %d %s", aws.ToInt64(s.TTL), strings.Join(vals, "|"))
	return b.String()
}
