package moto

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/route53"
)

func TestMain(m *testing.M) { Main(m) }

func TestStartIsSharedAndResetClears(t *testing.T) {
	s := Start(t)
	if s2 := Start(t); s2 != s {
		t.Fatal("Start started a second server")
	}
	c := route53.New(route53.Options{Region: "us-east-1", BaseEndpoint: aws.String(s.URL()),
		Credentials: credentials.NewStaticCredentialsProvider("AKIDEXAMPLE", "secret", "")})
	ctx := context.Background()
	if _, err := c.CreateHostedZone(ctx, &route53.CreateHostedZoneInput{Name: aws.String("reset.example"), CallerReference: aws.String("r1")}); err != nil {
		t.Fatal(err)
	}
	out, err := c.ListHostedZones(ctx, &route53.ListHostedZonesInput{})
	if err != nil || len(out.HostedZones) != 1 {
		t.Fatalf("zones before reset: %v, %v", out, err)
	}
	s.Reset(t)
	out, err = c.ListHostedZones(ctx, &route53.ListHostedZonesInput{})
	if err != nil || len(out.HostedZones) != 0 {
		t.Fatalf("zones after reset: %d, %v", len(out.HostedZones), err)
	}
}
