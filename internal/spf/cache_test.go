package spf

import (
	"context"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata")

// failLooker fails the test on any lookup.
type failLooker struct{ t *testing.T }

func (f failLooker) LookupSPF(_ context.Context, name string) (string, error) {
	f.t.Errorf("unexpected lookup of %s", name)
	return "", errors.New("no lookups in this test")
}

// mapLooker answers from zone.
type mapLooker struct{ asked []string }

func (m *mapLooker) LookupSPF(_ context.Context, name string) (string, error) {
	m.asked = append(m.asked, name)
	if v, ok := zone[name]; ok {
		return v, nil
	}
	return "", errors.New(name + " has no SPF record")
}

func copyCache(t *testing.T, golden string) string {
	t.Helper()
	dir := t.TempDir()
	if golden != "" {
		b, err := os.ReadFile(filepath.Join("testdata", golden))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, CacheFile), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestCacheServesOffline: a DNSControl spfcache.json answers without any
// lookup; entries in DNSControl's old format ("txt") count as missing.
func TestCacheServesOffline(t *testing.T) {
	dir := copyCache(t, "spfcache.json")
	c, err := OpenCache(dir, failLooker{t})
	if err != nil {
		t.Fatal(err)
	}
	if !c.Exists() {
		t.Error("Exists() = false")
	}
	r, _ := Parse("v=spf1 include:_spf.google.com include:mailgun.org -all")
	spec := NewSpec([]string{"_spf.google.com", "mailgun.org"})
	if err := r.Resolve(context.Background(), spec, c); err != nil {
		t.Fatal(err)
	}
	f, _ := r.Flatten(spec)
	want := "v=spf1 include:_netblocks.google.com include:_netblocks2.google.com include:_netblocks3.google.com include:spf1.mailgun.org include:spf2.mailgun.org -all"
	if f.TXT() != want {
		t.Errorf("got %s", f.TXT())
	}
	if len(c.Looked()) != 0 {
		t.Errorf("looked up %v", c.Looked())
	}
	c, _ = OpenCache(dir, nil)
	if _, err := c.SPF(context.Background(), "old-format.example"); err == nil {
		t.Error("an entry in the old format was served")
	}
}

// TestCacheLooksUpWhatItLacks: only the missing names are looked up, and
// SaveUpdated writes the cache with them in DNSControl's format (golden
// file testdata/spfcache.updated.json).
func TestCacheLooksUpWhatItLacks(t *testing.T) {
	dir := copyCache(t, "spfcache.json")
	look := &mapLooker{}
	c, err := OpenCache(dir, look)
	if err != nil {
		t.Fatal(err)
	}
	r, _ := Parse("v=spf1 include:_spf.google.com include:mailgun.org -all")
	spec := NewSpec([]string{"*"})
	if err := r.Resolve(context.Background(), spec, c); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(look.asked, " "); got != "_netblocks.google.com _netblocks2.google.com _netblocks3.google.com spf1.mailgun.org spf2.mailgun.org" {
		t.Errorf("looked up %s", got)
	}
	if got := strings.Join(c.Looked(), ","); got != "_netblocks.google.com,_netblocks2.google.com,_netblocks3.google.com,spf1.mailgun.org,spf2.mailgun.org" {
		t.Errorf("Looked() = %s", got)
	}
	path, err := c.SaveUpdated()
	if err != nil {
		t.Fatal(err)
	}
	if path != filepath.Join(dir, UpdatedFile) {
		t.Errorf("wrote %s", path)
	}
	got, _ := os.ReadFile(path)
	golden := filepath.Join("testdata", "spfcache.updated.json")
	if *update {
		_ = os.WriteFile(golden, got, 0o644)
	}
	want, _ := os.ReadFile(golden)
	if string(got) != string(want) {
		t.Errorf("%s:\n%s\nwant:\n%s", UpdatedFile, got, want)
	}
	// The file written is read back as the same cache.
	if err := os.Rename(path, filepath.Join(dir, CacheFile)); err != nil {
		t.Fatal(err)
	}
	c2, err := OpenCache(dir, failLooker{t})
	if err != nil {
		t.Fatal(err)
	}
	r2, _ := Parse("v=spf1 include:_spf.google.com include:mailgun.org -all")
	if err := r2.Resolve(context.Background(), spec, c2); err != nil {
		t.Fatal(err)
	}
}

func TestOpenCache(t *testing.T) {
	dir := t.TempDir()
	c, err := OpenCache(dir, nil)
	if err != nil || c.Exists() {
		t.Fatalf("missing file: %v, exists %v", err, c.Exists())
	}
	if _, err := c.SPF(context.Background(), "x.example"); err == nil || !strings.Contains(err.Error(), "x.example is not in spfcache.json") {
		t.Errorf("error = %v", err)
	}
	// An empty file is an empty cache that exists.
	if err := os.WriteFile(filepath.Join(dir, CacheFile), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if c, err := OpenCache(dir, nil); err != nil || !c.Exists() {
		t.Errorf("empty file: %v", err)
	}
	if err := os.WriteFile(filepath.Join(dir, CacheFile), []byte("{"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := OpenCache(dir, nil); err == nil || !strings.Contains(err.Error(), "spfcache.json") {
		t.Errorf("bad file: error = %v", err)
	}
	// A failed lookup names the name and says the cache lacks it.
	c, _ = OpenCache(t.TempDir(), &mapLooker{})
	_, err = c.SPF(context.Background(), "nowhere.example")
	if err == nil || err.Error() != "the SPF record of nowhere.example is not in spfcache.json and looking it up failed: nowhere.example has no SPF record" {
		t.Errorf("error = %v", err)
	}
}
