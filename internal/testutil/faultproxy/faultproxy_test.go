package faultproxy

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	"github.com/aws/aws-sdk-go-v2/service/route53domains"
	"github.com/aws/smithy-go"
)

// upstream answers every Route 53 list call with an empty result.
func upstream(t *testing.T) *httptest.Server {
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/xml")
		w.Write([]byte(`<?xml version="1.0"?><ListHostedZonesResponse xmlns="https://route53.amazonaws.com/doc/2013-04-01/"><HostedZones></HostedZones><IsTruncated>false</IsTruncated><MaxItems>100</MaxItems></ListHostedZonesResponse>`))
	}))
	t.Cleanup(s.Close)
	return s
}

func client(url string) *route53.Client {
	return route53.New(route53.Options{Region: "us-east-1", BaseEndpoint: aws.String(url), Retryer: aws.NopRetryer{},
		Credentials: credentials.NewStaticCredentialsProvider("AKIDEXAMPLE", "secret", "")})
}

func TestFaultsAreSDKErrors(t *testing.T) {
	p := New(t, upstream(t).URL)
	c := client(p.URL())
	ctx := context.Background()
	for _, tc := range []struct {
		kind Kind
		code string
	}{
		{Throttling, "Throttling"}, {PriorRequestNotComplete, "PriorRequestNotComplete"}, {InternalError, "InternalError"},
		{AccessDenied, "AccessDenied"}, {InvalidClientTokenId, "InvalidClientTokenId"}, {SignatureDoesNotMatch, "SignatureDoesNotMatch"},
		{IncompleteSignature, "IncompleteSignature"}, {ExpiredToken, "ExpiredToken"}, {ServiceUnavailable, "ServiceUnavailable"},
	} {
		p.Inject("ListHostedZones", tc.kind, 1)
		_, err := c.ListHostedZones(ctx, &route53.ListHostedZonesInput{})
		var ae smithy.APIError
		if !errors.As(err, &ae) || ae.ErrorCode() != tc.code {
			t.Errorf("%v: err = %v, want code %s", tc.kind, err, tc.code)
		}
	}
	if _, err := c.ListHostedZones(ctx, &route53.ListHostedZonesInput{}); err != nil {
		t.Errorf("after the faults: %v", err)
	}
	if got, fw, inj := p.Calls("ListHostedZones"), p.Forwarded("ListHostedZones"), p.Injected("ListHostedZones"); got != 10 || fw != 1 || inj != 9 {
		t.Errorf("calls %d forwarded %d injected %d", got, fw, inj)
	}
}

func TestJSONFaultsForRoute53Domains(t *testing.T) {
	p := New(t, upstream(t).URL)
	d := route53domains.New(route53domains.Options{Region: "us-east-1", BaseEndpoint: aws.String(p.URL()), Retryer: aws.NopRetryer{},
		Credentials: credentials.NewStaticCredentialsProvider("AKIDEXAMPLE", "secret", "")})
	p.Inject("GetDomainDetail", AccessDenied, 1)
	_, err := d.GetDomainDetail(context.Background(), &route53domains.GetDomainDetailInput{DomainName: aws.String("x.com")})
	var ae smithy.APIError
	if !errors.As(err, &ae) || ae.ErrorCode() != "AccessDeniedException" || !strings.Contains(ae.ErrorMessage(), "route53domains:GetDomainDetail") {
		t.Errorf("err = %v", err)
	}
}

// Drops are tested on POST requests: net/http itself silently repeats an
// idempotent GET whose reused connection closes before an answer.
func TestAfterAndDrops(t *testing.T) {
	p := New(t, upstream(t).URL)
	c := client(p.URL())
	ctx := context.Background()
	create := func() error {
		_, err := c.CreateHostedZone(ctx, &route53.CreateHostedZoneInput{Name: aws.String("x.example"), CallerReference: aws.String("r")})
		return err
	}
	p.InjectFault(Fault{Op: "CreateHostedZone", Kind: DropBeforeForward, Times: 1, After: 1})
	_ = create() // passes the proxy untouched (the fake upstream's answer does not matter)
	if p.Forwarded("CreateHostedZone") != 1 {
		t.Fatalf("first request not forwarded: %v", p.Counts())
	}
	if err := create(); err == nil {
		t.Fatal("second request must be cut")
	}
	if p.Forwarded("CreateHostedZone") != 1 {
		t.Errorf("a request cut before forwarding reached the upstream")
	}
	p.Inject("CreateHostedZone", DropAfterForward, 1)
	if err := create(); err == nil {
		t.Fatal("a request cut after forwarding must fail")
	}
	if p.Forwarded("CreateHostedZone") != 2 || p.Pending() != 0 || p.Injected("CreateHostedZone") != 2 {
		t.Errorf("counts %v pending %d", p.Counts(), p.Pending())
	}
}

func TestOperationNames(t *testing.T) {
	for _, tc := range []struct{ method, path, target, body, want string }{
		{"GET", "/2013-04-01/hostedzone", "", "", "ListHostedZones"},
		{"POST", "/2013-04-01/hostedzone", "", "", "CreateHostedZone"},
		{"GET", "/2013-04-01/hostedzone/Z1", "", "", "GetHostedZone"},
		{"POST", "/2013-04-01/hostedzone/Z1", "", "", "UpdateHostedZoneComment"},
		{"GET", "/2013-04-01/tags/hostedzone/Z1", "", "", "ListTagsForResource"},
		{"POST", "/2013-04-01/tags/hostedzone/Z1", "", "", "ChangeTagsForResource"},
		{"GET", "/2013-04-01/queryloggingconfig", "", "", "ListQueryLoggingConfigs"},
		{"POST", "/2013-04-01/queryloggingconfig", "", "", "CreateQueryLoggingConfig"},
		{"DELETE", "/2013-04-01/queryloggingconfig/Q1", "", "", "DeleteQueryLoggingConfig"},
		{"GET", "/2013-04-01/hostedzone/Z1/rrset", "", "", "ListResourceRecordSets"},
		{"POST", "/2013-04-01/hostedzone/Z1/rrset/", "", "", "ChangeResourceRecordSets"},
		{"GET", "/2013-04-01/hostedzonesbyname", "", "", "ListHostedZonesByName"},
		{"GET", "/2013-04-01/change/C1", "", "", "GetChange"},
		{"GET", "/2013-04-01/delegationset/N1", "", "", "GetReusableDelegationSet"},
		{"POST", "/", "Route53Domains_v20140515.UpdateDomainNameservers", "", "UpdateDomainNameservers"},
		{"POST", "/", "", "Action=AssumeRole&Version=2011-06-15", "AssumeRole"},
	} {
		r := httptest.NewRequest(tc.method, tc.path, nil)
		if tc.target != "" {
			r.Header.Set("X-Amz-Target", tc.target)
		}
		if got := Operation(r, []byte(tc.body)); got != tc.want {
			t.Errorf("%s %s: %q, want %q", tc.method, tc.path, got, tc.want)
		}
	}
}
