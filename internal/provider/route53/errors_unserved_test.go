package route53

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// An emulator that lacks a call answers 404 with a body that is no AWS
// error (moto's HTML page, for CreateKeySigningKey or ListCidrCollections; here for every call):
// the error says the endpoint does not serve that call, instead of only
// the SDK's XML parsing failure.
func TestUnservedCallExplained(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusNotFound)
		_, _ = w.Write([]byte("<!doctype html>\n<html lang=en><title>404 Not Found</title>\n"))
	}))
	defer srv.Close()
	p, err := New(ctx(t), Config{EntryName: "r53", KeyId: testKeyID, SecretKey: testSecret, Endpoint: srv.URL, RateLimit: 1000, RetryTimeout: 2 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	_, err = p.Records(ctx(t), "unserved.tld")
	want := "Endpoint " + srv.URL + " answered HTTP 404 without an AWS error: it does not serve route53:List"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("error %v, want it to contain %q", err, want)
	}
}
