package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/route53"

	"github.com/dnsctl/dnsctl/internal/engine"
	"github.com/dnsctl/dnsctl/internal/testutil/moto"
)

// verify asks a Route 53 zone's own name servers: those of its delegation
// set (read with GetHostedZone, never guessed from the listing), with the
// apex NS set the zone serves. moto serves no DNS, so this checks what
// verify would ask, not the answers.
func TestVerifyTargetsRoute53(t *testing.T) {
	srv := moto.Start(t)
	t.Cleanup(moto.Stop)
	ctx := context.Background()
	r53 := route53.New(route53.Options{Region: "us-east-1", BaseEndpoint: aws.String(srv.URL()),
		Credentials: credentials.NewStaticCredentialsProvider(r53KeyID, r53Secret, "")})
	zone := fmt.Sprintf("verify-%d.tld", time.Now().UnixNano())
	out, err := r53.CreateHostedZone(ctx, &route53.CreateHostedZoneInput{Name: aws.String(zone), CallerReference: aws.String(zone)})
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, n := range out.DelegationSet.NameServers {
		want = append(want, strings.TrimSuffix(strings.ToLower(n), "."))
	}

	dir := t.TempDir()
	t.Chdir(dir)
	t.Setenv("AWS_ENDPOINT_URL", srv.URL())
	t.Setenv("AWS_ACCESS_KEY_ID", r53KeyID)
	t.Setenv("AWS_SECRET_ACCESS_KEY", r53Secret)
	t.Setenv("AWS_REGION", "us-east-1")
	t.Setenv("AWS_CONFIG_FILE", filepath.Join(dir, "none"))
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(dir, "none"))
	os.WriteFile("creds.json", []byte(`{"r53": {"TYPE": "ROUTE53"}}`), 0o600)
	os.WriteFile("dnsconfig.js", []byte(fmt.Sprintf(`D(%q, NewRegistrar("none"), DnsProvider(NewDnsProvider("r53")), A("www", "192.0.2.1"));`, zone)), 0o644)
	e, err := engine.Load(ctx, engine.Options{ConfigPath: "dnsconfig.js", CredsPath: "creds.json"})
	if err != nil {
		t.Fatal(err)
	}
	targets, err := e.VerifyTargets(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(targets) != 1 || !slices.Equal(targets[0].Servers, want) {
		t.Fatalf("servers %+v, want %v", targets, want)
	}
	var apex []string
	for _, r := range targets[0].Records {
		if r.Type == "NS" && r.Name == zone {
			apex = append(apex, strings.TrimSuffix(r.Data, "."))
		}
	}
	slices.Sort(apex)
	if !slices.Equal(apex, slices.Sorted(slices.Values(want))) {
		t.Errorf("apex NS verified %v, want the delegation set %v", apex, want)
	}
}
